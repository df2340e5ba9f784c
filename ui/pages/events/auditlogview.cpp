#include "ui/pages/events/auditlogview.h"

#include "ui/client/graphqldocuments.h"
#include "ui/client/graphqlwsclient.h"
#include "ui/client/subscription.h"
#include "ui/models/eventformatmodel.h"
#include "ui/models/keyedrowmodel.h"

#include <QHeaderView>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace trefoil::ui {

AuditLogView::AuditLogView(GraphqlWsClient *client, QWidget *parent)
    : QWidget(parent)
    , m_entries(new KeyedRowModel(QStringLiteral("id"),
          { { QStringLiteral("at"), tr("When") }, { QStringLiteral("actor"), tr("Who") },
              { QStringLiteral("action"), tr("Action") }, { QStringLiteral("target"), tr("Target") },
              { QStringLiteral("touched"), tr("Events") }, { QStringLiteral("filter"), tr("Filter") },
              { QStringLiteral("details"), tr("Details") } },
          this))
    , m_table(new QTableView(this))
{
    m_table->setObjectName(QStringLiteral("auditTable"));
    m_table->setModel(new EventFormatModel(m_entries, this));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setHighlightSections(false);
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    // A column is never narrower than its header: translated headers are often longer.
    const auto setWidth = [this](int column, int width) {
        m_table->setColumnWidth(column, std::max(width, m_table->horizontalHeader()->sectionSizeHint(column)));
    };
    setWidth(0, digit * 20);
    setWidth(1, digit * 22);
    setWidth(2, digit * 22);
    setWidth(3, digit * 16);
    setWidth(4, digit * 9);
    setWidth(5, digit * 40);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table);

    if (!client)
        return;
    m_subscription = client->subscribe(
        GraphqlDocuments::request(GraphqlDocuments::AuditLog, { { QStringLiteral("limit"), Limit } }), this);
    connect(m_subscription, &Subscription::resultReceived, this, &AuditLogView::onResult);
    connect(m_subscription, &Subscription::failed, this, &AuditLogView::onResult);
    m_subscription->start();
}

void AuditLogView::onResult(const GraphqlResult &result)
{
    if (!result.isOk()) {
        Q_EMIT errorOccurred(tr("Audit log: %1").arg(result.errorString()));
        return;
    }
    m_entries->setRows(result.data.value(QLatin1String("trefoil_audit_log")).toArray());
}

} // namespace trefoil::ui
