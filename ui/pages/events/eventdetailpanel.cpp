#include "ui/pages/events/eventdetailpanel.h"

#include "ui/client/graphqldocuments.h"
#include "ui/client/graphqlwsclient.h"
#include "ui/models/eventformatmodel.h"
#include "ui/models/eventstates.h"
#include "ui/models/keyedrowmodel.h"
#include "ui/models/rowdiffmodel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QStyledItemDelegate>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace trefoil::ui {

namespace {

QString pretty(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented)).trimmed();
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented)).trimmed();
    if (value.isString()) {
        // A body that is JSON reads better indented.
        const QJsonDocument document = QJsonDocument::fromJson(value.toString().toUtf8());
        return document.isNull() ? value.toString()
                                 : QString::fromUtf8(document.toJson(QJsonDocument::Indented)).trimmed();
    }
    if (value.isNull() || value.isUndefined())
        return {};
    return value.toVariant().toString();
}

// The columns an UPDATE changed stand out: bold, on a tint of the highlight colour.
class ChangeHighlightDelegate final : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.data(RowDiffModel::ChangeRole).toInt() == static_cast<int>(RowDiffModel::Change::Same))
            return;
        option->font.setBold(true);
        QColor tint = option->palette.color(QPalette::Highlight);
        tint.setAlpha(48);
        option->backgroundBrush = tint;
    }
};

QTableView *makeTable(QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setSelectionMode(QAbstractItemView::SingleSelection);
    table->setAlternatingRowColors(true);
    table->setShowGrid(false);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setHighlightSections(false);
    return table;
}

} // namespace

EventDetailPanel::EventDetailPanel(GraphqlWsClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_attempts(new KeyedRowModel(QStringLiteral("attempt"),
          { { QStringLiteral("attempt"), tr("#") }, { QStringLiteral("started_at"), tr("Started") },
              { QStringLiteral("duration_ms"), tr("ms") }, { QStringLiteral("http_status"), tr("Status") },
              { QStringLiteral("worker_id"), tr("Worker") }, { QStringLiteral("error"), tr("Error") } },
          this))
    , m_diff(new RowDiffModel(this))
    , m_title(new QLabel(this))
    , m_facts(new QLabel(this))
    , m_lease(new QLabel(this))
    , m_release(new QPushButton(tr("Release lease"), this))
    , m_tabs(new QTabWidget(this))
    , m_payload(new QPlainTextEdit(this))
    , m_changes(makeTable(this))
    , m_attemptTable(makeTable(this))
    , m_attemptText(new QPlainTextEdit(this))
{
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true); // long titles wrap rather than widen the pane
    m_facts->setTextFormat(Qt::RichText);
    m_facts->setWordWrap(true);
    m_facts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_facts->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_lease->setWordWrap(true);
    m_release->setObjectName(QStringLiteral("releaseLeaseButton"));
    m_release->setToolTip(tr("Free this event's lease so that any worker may claim it again"));

    m_payload->setReadOnly(true);
    m_payload->setObjectName(QStringLiteral("payloadView"));
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    m_payload->setFont(mono);
    m_attemptText->setReadOnly(true);
    m_attemptText->setFont(mono);
    m_changes->setModel(m_diff);
    m_changes->setItemDelegate(new ChangeHighlightDelegate(m_changes));
    m_changes->setSelectionMode(QAbstractItemView::NoSelection);
    m_changes->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_changes->horizontalHeader()->setStretchLastSection(true);
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    m_changes->setColumnWidth(RowDiffModel::FieldColumn, digit * 16);
    m_changes->setColumnWidth(RowDiffModel::ChangeColumn, digit * 9);
    m_changes->setColumnWidth(RowDiffModel::OldColumn, digit * 22);
    m_attemptTable->setModel(new EventFormatModel(m_attempts, this));
    m_attemptTable->setColumnWidth(0, digit * 4);
    m_attemptTable->setColumnWidth(1, digit * 20);
    m_attemptTable->setColumnWidth(2, digit * 8);
    m_attemptTable->setColumnWidth(3, digit * 7);
    m_attemptTable->setColumnWidth(4, digit * 14);

    auto *attempts = new QSplitter(Qt::Vertical, this);
    attempts->addWidget(m_attemptTable);
    attempts->addWidget(m_attemptText);
    attempts->setStretchFactor(0, 1);
    attempts->setStretchFactor(1, 2);
    m_tabs->addTab(m_payload, tr("Payload"));
    m_tabs->addTab(m_changes, tr("Changes"));
    m_tabs->addTab(attempts, tr("Invocations"));

    auto *leaseRow = new QHBoxLayout;
    leaseRow->addWidget(m_lease, 1);
    leaseRow->addWidget(m_release);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(m_facts);
    layout->addLayout(leaseRow);
    layout->addWidget(m_tabs, 1);

    connect(m_attemptTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
        &EventDetailPanel::showInvocation);
    connect(m_release, &QPushButton::clicked, this, &EventDetailPanel::releaseLease);
    display({}, {});
}

void EventDetailPanel::setEvent(const QString &eventId)
{
    if (eventId == m_eventId)
        return refresh();
    m_eventId = eventId;
    ++m_generation;
    display({}, {});
    m_tabs->setCurrentIndex(PayloadTab);
    refresh();
}

void EventDetailPanel::refresh()
{
    if (!m_client || m_eventId.isEmpty())
        return;
    const quint64 generation = m_generation;
    m_client->execute(GraphqlDocuments::request(GraphqlDocuments::EventDetail, { { QStringLiteral("id"), m_eventId } }),
        this, [this, generation](const GraphqlResult &result) {
            // An answer about an event no longer shown is dropped.
            if (generation == m_generation)
                onDetail(result);
        });
}

void EventDetailPanel::onDetail(const GraphqlResult &result)
{
    if (!result.isOk()) {
        Q_EMIT errorOccurred(tr("Event detail: %1").arg(result.errorString()));
        return;
    }
    const QJsonValue detail = result.data.value(QLatin1String("trefoil_event_detail"));
    if (!detail.isObject()) {
        display({}, {});
        m_title->setText(tr("This event no longer exists (removed by retention?)"));
        return;
    }
    const bool first = m_event.isEmpty();
    display(detail.toObject().value(QLatin1String("event")).toObject(),
        detail.toObject().value(QLatin1String("invocations")).toArray());
    // An update is mostly about what changed: open on the difference the first time it is shown.
    if (first && m_event.value(QLatin1String("op")).toString() == QLatin1String("UPDATE"))
        m_tabs->setCurrentIndex(ChangesTab);
}

void EventDetailPanel::display(const QJsonObject &event, const QJsonArray &invocations)
{
    const bool sameEvent = !event.isEmpty() && event == m_event && invocations == m_invocations;
    if (sameEvent)
        return;
    m_event = event;
    m_invocations = invocations;
    if (event.isEmpty()) {
        m_title->setText(
            m_eventId.isEmpty() ? tr("Select an event to see its payload and invocations") : tr("Loading…"));
        m_facts->clear();
        m_lease->clear();
        m_lease->hide();
        m_release->hide();
        m_payload->clear();
        m_diff->clear();
        m_attempts->setRows({});
        m_attemptText->clear();
        m_tabs->setTabEnabled(ChangesTab, false);
        return;
    }
    const auto field = [&event](const char *name) { return event.value(QLatin1String(name)); };
    const QString state = field("state").toString();
    m_title->setText(tr("%1 · %2 on %3.%4")
                         .arg(field("trigger").toString(), field("op").toString(), field("schema").toString(),
                             field("table").toString()));
    QStringList facts;
    const auto fact = [&facts](const QString &name, const QString &value) {
        if (!value.isEmpty())
            facts.append(QStringLiteral("<b>%1</b> %2").arg(name.toHtmlEscaped(), value.toHtmlEscaped()));
    };
    fact(tr("State"), EventStates::text(state));
    fact(tr("Tries"), QLocale().toString(field("tries").toInteger()));
    fact(tr("Created"), EventFormatModel::formatTime(field("created_at").toString()));
    if (state == QLatin1String("pending") || state == QLatin1String("retrying"))
        fact(tr("Next attempt"), EventFormatModel::formatTime(field("next_attempt_at").toString()));
    fact(tr("Delivered"), EventFormatModel::formatTime(field("delivered_at").toString()));
    if (field("redelivered").toInteger() > 0)
        fact(tr("Redelivered"), QLocale().toString(field("redelivered").toInteger()));
    fact(tr("Cancelled because"), field("cancel_reason").toString());
    QString html = facts.join(QStringLiteral(" &nbsp; "));
    html += QStringLiteral("<br><b>%1</b> %2").arg(tr("Id").toHtmlEscaped(), field("id").toString().toHtmlEscaped());
    const QString error = field("last_error").toString();
    if (!error.isEmpty())
        html += QStringLiteral("<br><b>%1</b> %2").arg(tr("Last error").toHtmlEscaped(), error.toHtmlEscaped());
    m_facts->setText(html);

    const bool inFlight = state == QLatin1String("in_flight");
    m_lease->setVisible(inFlight);
    m_release->setVisible(inFlight);
    m_release->setEnabled(inFlight);
    if (inFlight)
        m_lease->setText(
            tr("Held by worker %1; the lease expires at %2.")
                .arg(field("locked_by").toString(), EventFormatModel::formatTime(field("locked_until").toString())));

    const QString payload = pretty(field("data"));
    if (m_payload->toPlainText() != payload)
        m_payload->setPlainText(payload);
    const QJsonObject rows = field("data").toObject();
    m_diff->setRows(rows.value(QLatin1String("old")).toObject(), rows.value(QLatin1String("new")).toObject());
    m_tabs->setTabEnabled(ChangesTab, field("op").toString() == QLatin1String("UPDATE"));
    m_tabs->setTabText(InvocationsTab, tr("Invocations (%1)").arg(QLocale().toString(invocations.size())));
    m_attempts->setRows(invocations);
    if (!m_attemptTable->currentIndex().isValid() && !invocations.isEmpty())
        m_attemptTable->selectRow(static_cast<int>(invocations.size()) - 1);
    showInvocation();
}

void EventDetailPanel::showInvocation()
{
    const QModelIndex current = m_attemptTable->currentIndex();
    if (!current.isValid() || current.row() >= m_attempts->rowCount()) {
        m_attemptText->clear();
        return;
    }
    const QJsonObject invocation = m_attempts->rowObject(current.row());
    QStringList parts;
    const QString error = invocation.value(QLatin1String("error")).toString();
    if (!error.isEmpty())
        parts.append(tr("Error:") + QLatin1Char('\n') + error);
    const QJsonValue status = invocation.value(QLatin1String("http_status"));
    parts.append(tr("Response (%1, %2 ms):")
                     .arg(status.isDouble() ? QString::number(status.toInt()) : tr("no status"),
                         QLocale().toString(invocation.value(QLatin1String("duration_ms")).toDouble(), 'f', 1))
        + QLatin1Char('\n') + pretty(invocation.value(QLatin1String("response"))));
    parts.append(tr("Request:") + QLatin1Char('\n') + pretty(invocation.value(QLatin1String("request"))));
    const QString text = parts.join(QStringLiteral("\n\n"));
    if (m_attemptText->toPlainText() != text)
        m_attemptText->setPlainText(text);
}

void EventDetailPanel::releaseLease()
{
    if (!m_client || m_eventId.isEmpty())
        return;
    m_release->setEnabled(false);
    m_client->execute(
        GraphqlDocuments::request(GraphqlDocuments::ReleaseLeases,
            { { QStringLiteral("filter"), QJsonObject { { QStringLiteral("ids"), QJsonArray { m_eventId } } } } }),
        this, [this](const GraphqlResult &result) {
            m_release->setEnabled(true);
            if (!result.isOk()) {
                Q_EMIT errorOccurred(tr("Could not release the lease: %1").arg(result.errorString()));
                return;
            }
            Q_EMIT leaseReleased();
            refresh();
        });
}

} // namespace trefoil::ui
