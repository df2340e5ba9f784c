#include "ui/pages/events/bulkactionrunner.h"

#include "ui/client/graphqldocuments.h"
#include "ui/client/graphqlwsclient.h"

#include <QJsonArray>
#include <QLocale>
#include <QUuid>

namespace trefoil::ui {

BulkActionRunner::BulkActionRunner(GraphqlWsClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
}

QString BulkActionRunner::summary(Action action, qint64 count, bool cancelled)
{
    const QString n = QLocale().toString(count);
    QString text;
    if (action == Action::Redeliver)
        text = count == 1 ? tr("Redelivered 1 event.") : tr("Redelivered %1 events.").arg(n);
    else
        text = count == 1 ? tr("Cancelled 1 event.") : tr("Cancelled %1 events.").arg(n);
    if (cancelled)
        text += QLatin1Char(' ') + tr("Stopped before the end: the rest were not touched.");
    return text;
}

void BulkActionRunner::prepare(Action action, const QJsonObject &filter, const QString &reason)
{
    ++m_generation;
    m_action = action;
    m_filter = filter;
    m_reason = reason;
    m_total = -1;
    m_done = 0;
    m_batches = 0;
    m_cancelRequested = false;
    m_afterId = QJsonValue(QJsonValue::Null);
    m_actionId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (!m_client) {
        m_stage = Stage::Idle;
        Q_EMIT failed(tr("Not connected to Trefoil."));
        return;
    }
    m_stage = Stage::Counting;
    // A cancel touches only pending events: count those, not the whole filter.
    QJsonObject countFilter = filter;
    if (action == Action::Cancel && !countFilter.contains(QLatin1String("statuses")))
        countFilter.insert(
            QLatin1String("statuses"), QJsonArray { QStringLiteral("pending"), QStringLiteral("retrying") });
    const quint64 generation = m_generation;
    m_client->execute(
        GraphqlDocuments::request(GraphqlDocuments::CountEvents, { { QStringLiteral("filter"), countFilter } }), this,
        [this, generation](const GraphqlResult &result) {
            if (generation != m_generation)
                return;
            if (!result.isOk()) {
                m_stage = Stage::Idle;
                Q_EMIT failed(tr("Could not count the events: %1").arg(result.errorString()));
                return;
            }
            m_total = result.data.value(QLatin1String("trefoil_count_events"))
                          .toObject()
                          .value(QLatin1String("count"))
                          .toInteger(-1);
            m_stage = Stage::Counted;
            Q_EMIT counted(m_total);
        });
}

void BulkActionRunner::run()
{
    if (m_stage != Stage::Counted || !m_client)
        return;
    m_stage = Stage::Running;
    Q_EMIT progress(m_done, m_total);
    sendBatch();
}

void BulkActionRunner::cancel()
{
    if (m_stage == Stage::Running) {
        m_cancelRequested = true; // the batch in flight finishes; no other is sent
        return;
    }
    if (m_stage == Stage::Counting || m_stage == Stage::Counted) {
        ++m_generation;
        m_stage = Stage::Idle;
    }
}

void BulkActionRunner::sendBatch()
{
    const QJsonObject batch { { QStringLiteral("limit"), m_batchSize }, { QStringLiteral("after_id"), m_afterId },
        { QStringLiteral("action_id"), m_actionId } };
    QJsonObject variables { { QStringLiteral("filter"), m_filter }, { QStringLiteral("batch"), batch } };
    QLatin1StringView document = GraphqlDocuments::RedeliverEventsBatch;
    if (m_action == Action::Cancel) {
        document = GraphqlDocuments::CancelEventsBatch;
        variables.insert(QStringLiteral("reason"), m_reason);
    }
    const quint64 generation = m_generation;
    m_client->execute(
        GraphqlDocuments::request(document, variables), this, [this, generation](const GraphqlResult &result) {
            if (generation == m_generation)
                onBatch(result);
        });
}

void BulkActionRunner::onBatch(const GraphqlResult &result)
{
    if (!result.isOk()) {
        m_stage = Stage::Idle;
        Q_EMIT failed(tr("Stopped after %1 events: %2").arg(QLocale().toString(m_done), result.errorString()));
        return;
    }
    const QJsonObject answer = result.data
                                   .value(m_action == Action::Redeliver ? QLatin1String("trefoil_redeliver_events")
                                                                        : QLatin1String("trefoil_cancel_events"))
                                   .toObject();
    const qint64 touched
        = answer.value(m_action == Action::Redeliver ? QLatin1String("redelivered") : QLatin1String("cancelled"))
              .toInteger();
    const QJsonValue lastId = answer.value(QLatin1String("last_id"));
    ++m_batches;
    m_done += touched;
    // More than counted: events arrived meanwhile; the bar grows rather than overflowing.
    if (m_total >= 0 && m_done > m_total)
        m_total = m_done;
    Q_EMIT progress(m_done, m_total);
    if (touched == 0 || !lastId.isString())
        return finish(false);
    m_afterId = lastId;
    if (m_cancelRequested)
        return finish(true);
    sendBatch();
}

void BulkActionRunner::finish(bool cancelled)
{
    m_stage = Stage::Idle;
    Q_EMIT finished(m_done, cancelled);
}

} // namespace trefoil::ui
