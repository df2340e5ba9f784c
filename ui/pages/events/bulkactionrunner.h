#pragma once

#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QString>

namespace trefoil::ui {

struct GraphqlResult;
class GraphqlWsClient;

// One operator bulk action (redeliver or cancel everything matching a filter) run as the API
// asks: count first, then batches of the mutation (each one round trip, so the GUI stays free)
// until a batch touches nothing or the user cancels — cancelling stops between batches. All the
// batches share one action id, so the server keeps one audit row. No widgets: the page's bar shows
// what it reports.
class BulkActionRunner final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BulkActionRunner)

public:
    enum class Action { Redeliver, Cancel };
    enum class Stage { Idle, Counting, Counted, Running };
    static constexpr int DefaultBatchSize = 500;

    explicit BulkActionRunner(GraphqlWsClient *client, QObject *parent = nullptr);

    void setBatchSize(int size) { m_batchSize = size; }
    int batchSize() const { return m_batchSize; }

    Action action() const { return m_action; }
    QJsonObject filter() const { return m_filter; }
    Stage stage() const { return m_stage; }
    bool isBusy() const { return m_stage == Stage::Counting || m_stage == Stage::Running; }
    qint64 total() const { return m_total; } // counted; -1 until known
    qint64 done() const { return m_done; }
    int batches() const { return m_batches; }

    // Counts what `action` on `filter` would touch (counted(), or failed()); `reason` is the cancel's.
    void prepare(Action action, const QJsonObject &filter, const QString &reason = {});
    // Runs the prepared action in batches (progress(), then finished() or failed()).
    void run();
    // Stops after the batch in flight; finished() reports what was done, with cancelled set.
    void cancel();

    // "Redelivered 2,500 events." / "Cancelled 3 events." (with "(stopped)" when cancelled).
    static QString summary(Action action, qint64 count, bool cancelled);

Q_SIGNALS:
    void counted(qint64 total);
    void progress(qint64 done, qint64 total);
    void finished(qint64 done, bool cancelled);
    void failed(const QString &message);

private:
    void sendBatch();
    void onBatch(const GraphqlResult &result);
    void finish(bool cancelled);

    QPointer<GraphqlWsClient> m_client;
    Action m_action = Action::Redeliver;
    QJsonObject m_filter;
    QString m_reason;
    QString m_actionId;
    QJsonValue m_afterId;
    Stage m_stage = Stage::Idle;
    qint64 m_total = -1;
    qint64 m_done = 0;
    int m_batches = 0;
    int m_batchSize = DefaultBatchSize;
    bool m_cancelRequested = false;
    quint64 m_generation = 0; // answers of an earlier prepare are dropped
};

} // namespace trefoil::ui
