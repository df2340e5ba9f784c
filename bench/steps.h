#pragma once

#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

namespace trefoil::bench {

// Runs asynchronous steps one after another: each gets a `next` to call with an empty string to
// go on or with an error message to stop. Keeps a benchmark's sequence readable without nesting.
class Steps : public std::enable_shared_from_this<Steps> {
public:
    using Next = std::function<void(const QString &error)>;
    using Step = std::function<void(Next)>;

    Steps(QObject *context, std::function<void(const QString &error)> finished)
        : m_context(context)
        , m_finished(std::move(finished))
    {
    }

    void add(Step step) { m_steps.push_back(std::move(step)); }
    void start() { runFrom(0); }

private:
    QPointer<QObject> m_context;
    std::function<void(const QString &)> m_finished;
    std::vector<Step> m_steps;

    void runFrom(size_t index)
    {
        if (!m_context)
            return;
        if (index == m_steps.size())
            return m_finished({});
        auto self = shared_from_this();
        m_steps[index]([self, index](const QString &error) {
            if (!error.isEmpty())
                return self->m_finished(error);
            self->runFrom(index + 1);
        });
    }
};

} // namespace trefoil::bench
