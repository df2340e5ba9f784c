#include "ui/client/polledquery.h"

#include "ui/client/graphqlwsclient.h"

namespace trefoil::ui {

PolledQuery::PolledQuery(GraphqlWsClient *client, GraphqlRequest request, int intervalMs, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_request(std::move(request))
{
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        if (!m_inFlight)
            refresh();
    });
}

void PolledQuery::start()
{
    if (!m_client)
        return;
    m_timer.start();
    refresh();
}

void PolledQuery::stop()
{
    m_timer.stop();
    ++m_generation;
    m_inFlight = false;
    m_again = false;
}

void PolledQuery::refresh()
{
    if (!m_client)
        return;
    if (m_inFlight) {
        m_again = true;
        return;
    }
    m_inFlight = true;
    const quint64 generation = m_generation;
    m_client->execute(m_request, this, [this, generation](const GraphqlResult &result) {
        if (generation != m_generation)
            return;
        m_inFlight = false;
        Q_EMIT resultReceived(result);
        if (m_again) {
            m_again = false;
            refresh();
        }
    });
}

} // namespace trefoil::ui
