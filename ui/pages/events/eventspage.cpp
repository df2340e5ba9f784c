#include "ui/pages/events/eventspage.h"

#include "ui/client/graphqldocuments.h"
#include "ui/client/graphqlwsclient.h"
#include "ui/models/eventformatmodel.h"
#include "ui/models/eventstates.h"
#include "ui/models/keyedrowmodel.h"
#include "ui/pages/events/auditlogview.h"
#include "ui/pages/events/bulkactionbar.h"
#include "ui/pages/events/bulkactionrunner.h"
#include "ui/pages/events/eventdetailpanel.h"
#include "ui/widgets/messagebar.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace trefoil::ui {

namespace {

QTableView *makeTable(const QString &name, QWidget *parent)
{
    auto *table = new QTableView(parent);
    table->setObjectName(name);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setAlternatingRowColors(true);
    table->setShowGrid(false);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 10);
    table->horizontalHeader()->setStretchLastSection(true);
    table->horizontalHeader()->setHighlightSections(false);
    return table;
}

QString stateAt(const QTabBar *tabs, int index)
{
    return tabs->tabData(index).toString();
}

} // namespace

EventsPage::EventsPage(GraphqlWsClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_events(new KeyedRowModel(QStringLiteral("id"),
          { { QStringLiteral("id"), tr("Event") }, { QStringLiteral("trigger"), tr("Trigger") },
              { QStringLiteral("table"), tr("Table") }, { QStringLiteral("op"), tr("Op") },
              { QStringLiteral("state"), tr("State") }, { QStringLiteral("tries"), tr("Tries") },
              { QStringLiteral("created_at"), tr("Created") }, { QStringLiteral("last_error"), tr("Last error") } },
          this))
    , m_groups(new KeyedRowModel(QStringLiteral("fingerprint"),
          { { QStringLiteral("count"), tr("Events") }, { QStringLiteral("trigger"), tr("Trigger") },
              { QStringLiteral("status"), tr("State") }, { QStringLiteral("first_seen"), tr("First seen") },
              { QStringLiteral("last_seen"), tr("Last seen") }, { QStringLiteral("sample_error"), tr("Error") } },
          this))
    , m_runner(new BulkActionRunner(client, this))
    , m_messages(new MessageBar(this))
    , m_bulkBar(new BulkActionBar(m_runner, this))
    , m_tabs(new QTabWidget(this))
    , m_stateTabs(new QTabBar(this))
    , m_trigger(new QComboBox(this))
    , m_table(new QLineEdit(this))
    , m_time(new QComboBox(this))
    , m_errorText(new QLineEdit(this))
    , m_payloadText(new QLineEdit(this))
    , m_groupChip(new QLabel(this))
    , m_clearGroup(new QPushButton(tr("Show all"), this))
    , m_pause(new QPushButton(tr("Pause trigger"), this))
    , m_redeliver(new QPushButton(tr("Redeliver selected"), this))
    , m_retryAll(new QPushButton(tr("Retry all matching…"), this))
    , m_cancelPending(new QPushButton(tr("Cancel pending…"), this))
    , m_eventTable(makeTable(QStringLiteral("eventTable"), this))
    , m_detail(new EventDetailPanel(client, this))
    , m_previous(new QPushButton(tr("◀ Newer"), this))
    , m_next(new QPushButton(tr("Older ▶"), this))
    , m_pageLabel(new QLabel(this))
    , m_groupTable(makeTable(QStringLiteral("groupTable"), this))
    , m_retryGroup(new QPushButton(tr("Retry group…"), this))
    , m_showGroup(new QPushButton(tr("Show events"), this))
    , m_audit(new AuditLogView(client, this))
{
    // Status tabs: All, then the six states; each label carries its count once known.
    m_stateTabs->setObjectName(QStringLiteral("stateTabs"));
    m_stateTabs->setExpanding(false);
    m_stateTabs->setDrawBase(false);
    m_stateTabs->addTab(tr("All"));
    m_stateTabs->setTabData(0, QString());
    for (const QString &state : EventStates::names()) {
        const int index = m_stateTabs->addTab(EventStates::text(state));
        m_stateTabs->setTabData(index, state);
    }

    m_trigger->setObjectName(QStringLiteral("triggerFilter"));
    m_trigger->addItem(tr("All triggers"), QString());
    m_trigger->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_table->setObjectName(QStringLiteral("tableFilter"));
    m_table->setPlaceholderText(tr("Table (schema.table)"));
    m_table->setClearButtonEnabled(true);
    m_time->setObjectName(QStringLiteral("timeFilter"));
    m_time->addItem(tr("Any time"), 0);
    m_time->addItem(tr("Last 15 minutes"), 15 * 60);
    m_time->addItem(tr("Last hour"), 3600);
    m_time->addItem(tr("Last 24 hours"), 24 * 3600);
    m_time->addItem(tr("Last 7 days"), 7 * 24 * 3600);
    m_errorText->setObjectName(QStringLiteral("errorFilter"));
    m_errorText->setPlaceholderText(tr("Error contains"));
    m_errorText->setClearButtonEnabled(true);
    m_payloadText->setObjectName(QStringLiteral("payloadFilter"));
    m_payloadText->setPlaceholderText(tr("Payload contains"));
    m_payloadText->setClearButtonEnabled(true);
    m_pause->setObjectName(QStringLiteral("pauseTriggerButton"));
    m_redeliver->setObjectName(QStringLiteral("redeliverSelectedButton"));
    m_retryAll->setObjectName(QStringLiteral("retryMatchingButton"));
    m_cancelPending->setObjectName(QStringLiteral("cancelPendingButton"));
    m_retryGroup->setObjectName(QStringLiteral("retryGroupButton"));
    m_showGroup->setObjectName(QStringLiteral("showGroupButton"));
    m_groupChip->hide();
    m_clearGroup->hide();

    m_eventTable->setModel(new EventFormatModel(m_events, this));
    m_eventTable->setSelectionMode(QAbstractItemView::ExtendedSelection);
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    // A column is never narrower than its header: translated headers are often longer.
    const auto setWidth = [](QTableView *table, int column, int width) {
        table->setColumnWidth(column, std::max(width, table->horizontalHeader()->sectionSizeHint(column)));
    };
    setWidth(m_eventTable, 0, digit * 10);
    setWidth(m_eventTable, 1, digit * 16);
    setWidth(m_eventTable, 2, digit * 11);
    setWidth(m_eventTable, 3, digit * 8);
    setWidth(m_eventTable, 4, digit * 9);
    setWidth(m_eventTable, 5, digit * 5);
    setWidth(m_eventTable, 6, digit * 19);
    m_eventTable->horizontalHeader()->setMinimumSectionSize(digit * 4);
    m_groupTable->setModel(new EventFormatModel(m_groups, this));
    m_groupTable->setSelectionMode(QAbstractItemView::SingleSelection);
    setWidth(m_groupTable, 0, digit * 9);
    setWidth(m_groupTable, 1, digit * 18);
    setWidth(m_groupTable, 2, digit * 10);
    setWidth(m_groupTable, 3, digit * 19);
    setWidth(m_groupTable, 4, digit * 19);

    auto *filters = new QHBoxLayout;
    filters->addWidget(m_trigger);
    filters->addWidget(m_pause);
    filters->addWidget(m_table, 1);
    filters->addWidget(m_time);
    filters->addWidget(m_errorText, 2);
    filters->addWidget(m_payloadText, 2);

    // The state tabs get a row of their own: with counts (and in longer languages) they need the width.
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_groupChip);
    actions->addWidget(m_clearGroup);
    actions->addStretch(1);
    actions->addWidget(m_redeliver);
    actions->addWidget(m_retryAll);
    actions->addWidget(m_cancelPending);

    auto *pager = new QHBoxLayout;
    pager->addWidget(m_previous);
    pager->addWidget(m_pageLabel);
    pager->addStretch(1);
    pager->addWidget(m_next);

    auto *listBox = new QWidget(this);
    auto *listLayout = new QVBoxLayout(listBox);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->addWidget(m_eventTable, 1);
    listLayout->addLayout(pager);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(listBox);
    splitter->addWidget(m_detail);
    splitter->setStretchFactor(0, 2);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    // The list wide enough for its status tabs and the error column; the detail takes the rest.
    splitter->setSizes({ digit * 145, digit * 65 });

    auto *eventsTab = new QWidget(this);
    auto *eventsLayout = new QVBoxLayout(eventsTab);
    eventsLayout->addWidget(m_stateTabs);
    eventsLayout->addLayout(actions);
    eventsLayout->addWidget(splitter, 1);

    auto *groupsTab = new QWidget(this);
    auto *groupButtons = new QHBoxLayout;
    auto *groupsHint = new QLabel(tr("Failing events grouped by trigger, state and error (ids, numbers and times "
                                     "ignored), within the filters above."),
        groupsTab);
    groupsHint->setWordWrap(true);
    groupButtons->addWidget(groupsHint, 1);
    groupButtons->addWidget(m_showGroup);
    groupButtons->addWidget(m_retryGroup);
    auto *groupsLayout = new QVBoxLayout(groupsTab);
    groupsLayout->addLayout(groupButtons);
    groupsLayout->addWidget(m_groupTable, 1);

    auto *auditTab = new QWidget(this);
    auto *auditLayout = new QVBoxLayout(auditTab);
    auditLayout->addWidget(m_audit);

    m_tabs->setObjectName(QStringLiteral("eventsTabs"));
    m_tabs->addTab(eventsTab, tr("Events"));
    m_tabs->addTab(groupsTab, tr("Failure groups"));
    m_tabs->addTab(auditTab, tr("Audit log"));

    // The filters narrow the events and the groups; the audit log has none.
    auto *filterBox = new QWidget(this);
    filterBox->setLayout(filters);
    filters->setContentsMargins(0, 0, 0, 0);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_messages);
    layout->addWidget(m_bulkBar);
    layout->addWidget(filterBox);
    layout->addWidget(m_tabs, 1);

    m_filterDebounce.setSingleShot(true);
    m_filterDebounce.setInterval(300);
    connect(&m_filterDebounce, &QTimer::timeout, this, &EventsPage::filtersChanged);
    m_refreshTimer.setInterval(1000);
    connect(&m_refreshTimer, &QTimer::timeout, this, [this] {
        if (!isVisible())
            return;
        refresh();
        // Triggers come and go less often than events: their list every ten seconds.
        if (++m_ticks % 10 == 0)
            refreshTriggers();
    });
    const auto debounce = [this] { m_filterDebounce.start(); };
    connect(m_table, &QLineEdit::textChanged, this, debounce);
    connect(m_errorText, &QLineEdit::textChanged, this, debounce);
    connect(m_payloadText, &QLineEdit::textChanged, this, debounce);
    connect(m_trigger, &QComboBox::currentIndexChanged, this, [this] {
        m_filterDebounce.stop();
        filtersChanged();
    });
    connect(m_time, &QComboBox::currentIndexChanged, this, [this] {
        m_filterDebounce.stop();
        filtersChanged();
    });
    connect(m_stateTabs, &QTabBar::currentChanged, this, [this] {
        m_page = 0;
        ++m_filterGeneration;
        m_listInFlight = false;
        refreshList();
        updateActions();
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this, filterBox](int tab) {
        filterBox->setVisible(tab != AuditTab);
        refresh();
    });
    connect(m_clearGroup, &QPushButton::clicked, this, [this] {
        m_fingerprint.clear();
        filtersChanged();
    });
    connect(m_pause, &QPushButton::clicked, this, &EventsPage::toggleTriggerPaused);
    connect(m_redeliver, &QPushButton::clicked, this, &EventsPage::redeliverSelected);
    connect(m_retryAll, &QPushButton::clicked, this, &EventsPage::retryMatching);
    connect(m_cancelPending, &QPushButton::clicked, this, &EventsPage::cancelPending);
    connect(m_retryGroup, &QPushButton::clicked, this, &EventsPage::retrySelectedGroup);
    connect(m_showGroup, &QPushButton::clicked, this, &EventsPage::showSelectedGroupEvents);
    connect(m_groupTable, &QTableView::doubleClicked, this, &EventsPage::showSelectedGroupEvents);
    connect(m_previous, &QPushButton::clicked, this, &EventsPage::previousPage);
    connect(m_next, &QPushButton::clicked, this, &EventsPage::nextPage);
    connect(m_eventTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        const QModelIndex current = m_eventTable->currentIndex();
        if (current.isValid())
            m_detail->setEvent(m_events->keyAt(current.row()));
    });
    connect(m_eventTable->selectionModel(), &QItemSelectionModel::selectionChanged, this, &EventsPage::updateActions);
    connect(m_groupTable->selectionModel(), &QItemSelectionModel::selectionChanged, this, &EventsPage::updateActions);
    connect(m_detail, &EventDetailPanel::errorOccurred, this, &EventsPage::showError);
    connect(m_detail, &EventDetailPanel::leaseReleased, this, [this] {
        m_messages->showMessage(
            tr("Lease released: any worker may claim the event now."), MessageBar::Kind::Information);
        refresh();
    });
    connect(m_audit, &AuditLogView::errorOccurred, this, &EventsPage::showError);
    connect(m_runner, &BulkActionRunner::counted, this, &EventsPage::onCounted);
    connect(m_runner, &BulkActionRunner::finished, this, &EventsPage::onBulkFinished);
    connect(m_runner, &BulkActionRunner::failed, this, [this](const QString &message) {
        showError(message);
        updateActions();
        refresh();
    });
    updateActions();
    updatePager();

    if (!m_client)
        return;
    m_refreshTimer.start();
    refreshTriggers();
    refresh();
}

EventsPage::~EventsPage() = default;

QString EventsPage::currentState() const
{
    return stateAt(m_stateTabs, m_stateTabs->currentIndex());
}

void EventsPage::setCurrentState(const QString &state)
{
    for (int i = 0; i < m_stateTabs->count(); ++i) {
        if (stateAt(m_stateTabs, i) == state)
            m_stateTabs->setCurrentIndex(i);
    }
}

QJsonObject EventsPage::filter() const
{
    QJsonObject filter;
    const QString trigger = m_trigger->currentData().toString();
    if (!trigger.isEmpty())
        filter.insert(QLatin1String("trigger"), trigger);
    const QString table = m_table->text().trimmed();
    if (table.contains(QLatin1Char('.'))) {
        filter.insert(QLatin1String("schema"), table.section(QLatin1Char('.'), 0, 0));
        filter.insert(QLatin1String("table"), table.section(QLatin1Char('.'), 1));
    } else if (!table.isEmpty()) {
        filter.insert(QLatin1String("table"), table);
    }
    const int seconds = m_time->currentData().toInt();
    if (seconds > 0)
        filter.insert(QLatin1String("created_from"),
            QDateTime::currentDateTimeUtc().addSecs(-seconds).toString(Qt::ISODateWithMs));
    if (!m_errorText->text().trimmed().isEmpty())
        filter.insert(QLatin1String("error_contains"), m_errorText->text().trimmed());
    if (!m_payloadText->text().trimmed().isEmpty())
        filter.insert(QLatin1String("payload_contains"), m_payloadText->text().trimmed());
    if (!m_fingerprint.isEmpty())
        filter.insert(QLatin1String("fingerprint"), m_fingerprint);
    return filter;
}

void EventsPage::filtersChanged()
{
    m_page = 0;
    ++m_filterGeneration;
    // Answers to the old filters are dropped when they come: ask again at once.
    m_listInFlight = m_countsInFlight = m_groupsInFlight = false;
    m_groupChip->setVisible(!m_fingerprint.isEmpty());
    m_clearGroup->setVisible(!m_fingerprint.isEmpty());
    m_groupChip->setText(tr("Group: %1").arg(m_fingerprintLabel));
    updateActions();
    refresh();
}

void EventsPage::refresh()
{
    if (!m_client)
        return;
    refreshCounts();
    if (m_tabs->currentIndex() == EventsTab) {
        refreshList();
        m_detail->refresh();
    } else if (m_tabs->currentIndex() == GroupsTab) {
        refreshGroups();
    }
}

void EventsPage::refreshList()
{
    if (!m_client || m_listInFlight)
        return;
    QJsonObject listFilter = filter();
    if (!currentState().isEmpty())
        listFilter.insert(QLatin1String("statuses"), QJsonArray { currentState() });
    m_listInFlight = true;
    const quint64 generation = m_filterGeneration;
    m_client->execute(GraphqlDocuments::request(GraphqlDocuments::ListEvents,
                          { { QStringLiteral("filter"), listFilter }, { QStringLiteral("limit"), PageSize },
                              { QStringLiteral("offset"), m_page * PageSize } }),
        this, [this, generation](const GraphqlResult &result) {
            if (generation != m_filterGeneration)
                return;
            m_listInFlight = false;
            onList(result);
        });
}

void EventsPage::refreshCounts()
{
    if (!m_client || m_countsInFlight)
        return;
    m_countsInFlight = true;
    const quint64 generation = m_filterGeneration;
    m_client->execute(
        GraphqlDocuments::request(GraphqlDocuments::EventCounts, { { QStringLiteral("filter"), filter() } }), this,
        [this, generation](const GraphqlResult &result) {
            if (generation != m_filterGeneration)
                return;
            m_countsInFlight = false;
            onCounts(result);
        });
}

void EventsPage::refreshGroups()
{
    if (!m_client || m_groupsInFlight)
        return;
    QJsonObject groupFilter = filter();
    groupFilter.remove(QLatin1String("fingerprint"));
    m_groupsInFlight = true;
    const quint64 generation = m_filterGeneration;
    m_client->execute(GraphqlDocuments::request(GraphqlDocuments::FailureGroups,
                          { { QStringLiteral("filter"), groupFilter }, { QStringLiteral("limit"), GroupLimit } }),
        this, [this, generation](const GraphqlResult &result) {
            if (generation != m_filterGeneration)
                return;
            m_groupsInFlight = false;
            onGroups(result);
        });
}

void EventsPage::refreshTriggers()
{
    if (!m_client)
        return;
    m_client->execute(GraphqlDocuments::request(GraphqlDocuments::EventsTriggers), this,
        [this](const GraphqlResult &result) { onTriggers(result); });
}

void EventsPage::onList(const GraphqlResult &result)
{
    if (!result.isOk()) {
        showRefreshError(tr("Events: %1").arg(result.errorString()));
        return;
    }
    refreshSucceeded();
    m_events->setRows(result.data.value(QLatin1String("trefoil_list_events")).toArray());
    updatePager();
    updateActions();
}

void EventsPage::onCounts(const GraphqlResult &result)
{
    if (!result.isOk()) {
        showRefreshError(tr("Event counts: %1").arg(result.errorString()));
        return;
    }
    refreshSucceeded();
    const QJsonObject counts = result.data.value(QLatin1String("trefoil_event_counts")).toObject();
    if (counts == m_counts)
        return;
    m_counts = counts;
    qint64 all = 0;
    bool estimated = false;
    for (int i = 1; i < m_stateTabs->count(); ++i) {
        const QString state = stateAt(m_stateTabs, i);
        const qint64 count = EventStates::countOf(counts, state);
        all += qMax<qint64>(count, 0);
        estimated = estimated || EventStates::isEstimated(counts, state);
        m_stateTabs->setTabText(i, EventStates::tabLabel(state, count, EventStates::isEstimated(counts, state)));
    }
    m_stateTabs->setTabText(0, tr("All (%1)").arg(EventStates::countText(all, estimated)));
    updatePager();
    // The counts moved: the page of rows may have too, so ask for it now rather than in a second.
    if (m_tabs->currentIndex() == EventsTab)
        refreshList();
}

void EventsPage::onGroups(const GraphqlResult &result)
{
    if (!result.isOk()) {
        showRefreshError(tr("Failure groups: %1").arg(result.errorString()));
        return;
    }
    refreshSucceeded();
    m_groups->setRows(result.data.value(QLatin1String("trefoil_failure_groups")).toArray());
    m_tabs->setTabText(GroupsTab, tr("Failure groups (%1)").arg(QLocale().toString(m_groups->rowCount())));
    updateActions();
}

void EventsPage::onTriggers(const GraphqlResult &result)
{
    if (!result.isOk()) {
        showRefreshError(tr("Triggers: %1").arg(result.errorString()));
        return;
    }
    refreshSucceeded();
    m_triggers = result.data.value(QLatin1String("trefoil_trigger_stats")).toArray();
    const QString current = m_trigger->currentData().toString();
    const QSignalBlocker blocker(m_trigger);
    while (m_trigger->count() > 1)
        m_trigger->removeItem(1);
    for (const QJsonValue &value : std::as_const(m_triggers)) {
        const QJsonObject trigger = value.toObject();
        const QString name = trigger.value(QLatin1String("name")).toString();
        m_trigger->addItem(trigger.value(QLatin1String("paused")).toBool() ? tr("%1 (paused)").arg(name) : name, name);
    }
    m_trigger->setCurrentIndex(std::max(0, m_trigger->findData(current)));
    updateActions();
}

void EventsPage::redeliverSelected()
{
    QJsonArray ids;
    for (const QModelIndex &index : m_eventTable->selectionModel()->selectedRows())
        ids.append(m_events->keyAt(index.row()));
    if (ids.isEmpty())
        return;
    startBulk(static_cast<int>(BulkActionRunner::Action::Redeliver), { { QStringLiteral("ids"), ids } }, {}, false);
}

void EventsPage::retryMatching()
{
    QJsonObject matching = filter();
    QString state = currentState();
    // Redelivering "all" would deliver again what was delivered: on All, retry the dead ones.
    if (state.isEmpty() || state == QLatin1String("pending") || state == QLatin1String("in_flight"))
        state = QStringLiteral("dead");
    matching.insert(QLatin1String("statuses"), QJsonArray { state });
    startBulk(static_cast<int>(BulkActionRunner::Action::Redeliver), matching,
        tr("%1 events matching the current filter").arg(EventStates::text(state).toLower()), true);
}

void EventsPage::cancelPending()
{
    if (!m_client || m_runner->isBusy())
        return;
    auto *dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("cancelReasonDialog"));
    dialog->setWindowTitle(tr("Cancel pending events"));
    dialog->setLabelText(tr("Why are these events cancelled? (kept with each event and in the audit log)"));
    dialog->setOkButtonText(tr("Continue"));
    connect(dialog, &QInputDialog::textValueSelected, this, [this](const QString &reason) {
        if (reason.trimmed().isEmpty()) {
            showError(tr("A cancel needs a reason: it is kept with each event and in the audit log."));
            return;
        }
        QJsonObject matching = filter();
        const QString state = currentState();
        matching.insert(QLatin1String("statuses"),
            state == QLatin1String("pending") || state == QLatin1String("retrying")
                ? QJsonArray { state }
                : QJsonArray { QStringLiteral("pending"), QStringLiteral("retrying") });
        startBulk(static_cast<int>(BulkActionRunner::Action::Cancel), matching,
            tr("pending events matching the current filter"), true, reason.trimmed());
    });
    dialog->open();
}

void EventsPage::retrySelectedGroup()
{
    const QModelIndexList rows = m_groupTable->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    const QJsonObject group = m_groups->rowObject(rows.first().row());
    QJsonObject matching = filter();
    matching.insert(QLatin1String("fingerprint"), group.value(QLatin1String("fingerprint")));
    startBulk(static_cast<int>(BulkActionRunner::Action::Redeliver), matching,
        tr("events of the group “%1”")
            .arg(EventFormatModel::oneLine(group.value(QLatin1String("sample_error")).toString(), 80)),
        true);
}

void EventsPage::showSelectedGroupEvents()
{
    const QModelIndexList rows = m_groupTable->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return;
    const QJsonObject group = m_groups->rowObject(rows.first().row());
    m_fingerprint = group.value(QLatin1String("fingerprint")).toString();
    m_fingerprintLabel = EventFormatModel::oneLine(group.value(QLatin1String("sample_error")).toString(), 48);
    {
        const QSignalBlocker blocker(m_stateTabs);
        setCurrentState(QString());
    }
    m_tabs->setCurrentIndex(EventsTab);
    filtersChanged();
}

void EventsPage::toggleTriggerPaused()
{
    const QString name = m_trigger->currentData().toString();
    if (!m_client || name.isEmpty())
        return;
    bool paused = false;
    for (const QJsonValue &value : std::as_const(m_triggers)) {
        if (value.toObject().value(QLatin1String("name")).toString() == name)
            paused = value.toObject().value(QLatin1String("paused")).toBool();
    }
    m_pause->setEnabled(false);
    m_client->execute(GraphqlDocuments::request(GraphqlDocuments::EventsSetTriggerState,
                          { { QStringLiteral("name"), name }, { QStringLiteral("paused"), !paused } }),
        this, [this, name, paused](const GraphqlResult &result) {
            if (!result.isOk()) {
                showError(tr("Could not %1 trigger %2: %3")
                              .arg(paused ? tr("resume") : tr("pause"), name, result.errorString()));
            } else {
                m_messages->showMessage(paused
                        ? tr("Trigger %1 resumed: its events are delivered again.").arg(name)
                        : tr("Trigger %1 paused: its events wait until it is resumed.").arg(name),
                    MessageBar::Kind::Information);
            }
            refreshTriggers();
        });
}

void EventsPage::startBulk(
    int action, const QJsonObject &filter, const QString &what, bool confirm, const QString &reason)
{
    if (!m_client || m_runner->isBusy())
        return;
    m_confirmNext = confirm;
    m_pendingWhat = what;
    m_runner->prepare(static_cast<BulkActionRunner::Action>(action), filter, reason);
    updateActions();
}

void EventsPage::onCounted(qint64 total)
{
    updateActions();
    const bool redeliver = m_runner->action() == BulkActionRunner::Action::Redeliver;
    if (total == 0) {
        m_messages->showMessage(redeliver ? tr("Nothing to redeliver: no event matches.")
                                          : tr("Nothing to cancel: no pending event matches."),
            MessageBar::Kind::Information);
        m_runner->cancel();
        updateActions();
        return;
    }
    if (!m_confirmNext) {
        m_runner->run();
        updateActions();
        return;
    }
    delete m_confirmation;
    m_confirmation = new QMessageBox(QMessageBox::Question, redeliver ? tr("Redeliver events") : tr("Cancel events"),
        redeliver ? tr("Redeliver %1 %2?").arg(QLocale().toString(total), m_pendingWhat)
                  : tr("Cancel %1 %2?").arg(QLocale().toString(total), m_pendingWhat),
        QMessageBox::Yes | QMessageBox::No, this);
    m_confirmation->setObjectName(QStringLiteral("bulkConfirmation"));
    m_confirmation->setAttribute(Qt::WA_DeleteOnClose);
    m_confirmation->setInformativeText(tr("It runs in batches; you can stop it between batches."));
    m_confirmation->button(QMessageBox::Yes)->setText(redeliver ? tr("Redeliver") : tr("Cancel events"));
    m_confirmation->button(QMessageBox::No)->setText(tr("Do nothing"));
    m_confirmation->setDefaultButton(QMessageBox::No);
    connect(m_confirmation, &QMessageBox::finished, this, [this](int result) {
        if (result == QMessageBox::Yes)
            m_runner->run();
        else
            m_runner->cancel();
        updateActions();
    });
    m_confirmation->open();
}

void EventsPage::onBulkFinished(qint64 done, bool cancelled)
{
    m_messages->showMessage(
        BulkActionRunner::summary(m_runner->action(), done, cancelled), MessageBar::Kind::Information);
    updateActions();
    refresh();
}

void EventsPage::updateActions()
{
    const bool idle = m_client && !m_runner->isBusy() && !m_confirmation;
    m_redeliver->setEnabled(idle && m_eventTable->selectionModel()->hasSelection());
    m_retryAll->setEnabled(idle);
    m_cancelPending->setEnabled(idle);
    const bool groupSelected = m_groupTable->selectionModel()->hasSelection();
    m_retryGroup->setEnabled(idle && groupSelected);
    m_showGroup->setEnabled(groupSelected);
    const QString name = m_trigger->currentData().toString();
    bool paused = false;
    for (const QJsonValue &value : std::as_const(m_triggers)) {
        if (value.toObject().value(QLatin1String("name")).toString() == name)
            paused = value.toObject().value(QLatin1String("paused")).toBool();
    }
    m_pause->setEnabled(m_client && !name.isEmpty());
    m_pause->setText(paused ? tr("Resume trigger") : tr("Pause trigger"));
    m_pause->setToolTip(name.isEmpty() ? tr("Choose a trigger to pause or resume it") : QString());
}

void EventsPage::nextPage()
{
    if (m_events->rowCount() < PageSize)
        return;
    ++m_page;
    ++m_filterGeneration;
    m_listInFlight = false;
    refreshList();
    updatePager();
}

void EventsPage::previousPage()
{
    if (m_page == 0)
        return;
    --m_page;
    ++m_filterGeneration;
    m_listInFlight = false;
    refreshList();
    updatePager();
}

void EventsPage::updatePager()
{
    const QString state = currentState();
    qint64 total = -1;
    if (!m_counts.isEmpty()) {
        if (state.isEmpty()) {
            total = 0;
            for (const QString &name : EventStates::names())
                total += qMax<qint64>(0, EventStates::countOf(m_counts, name));
        } else {
            total = EventStates::countOf(m_counts, state);
        }
    }
    const qint64 first = qint64(m_page) * PageSize + 1;
    const qint64 last = qint64(m_page) * PageSize + m_events->rowCount();
    if (m_events->rowCount() == 0)
        m_pageLabel->setText(m_page == 0 ? tr("No events") : tr("Page %L1 · no events").arg(m_page + 1));
    else if (total >= 0 && m_fingerprint.isEmpty())
        m_pageLabel->setText(tr("Events %L1–%L2 of %L3").arg(first).arg(last).arg(total));
    else
        m_pageLabel->setText(tr("Events %L1–%L2").arg(first).arg(last));
    m_previous->setEnabled(m_page > 0);
    m_next->setEnabled(m_events->rowCount() >= PageSize);
}

void EventsPage::showRefreshError(const QString &message)
{
    m_refreshFailed = true;
    showError(message);
}

void EventsPage::refreshSucceeded()
{
    // A refresh that failed (the server was away) says so until one succeeds again: then its
    // message would only be stale. Messages about the operator's own actions stay.
    if (!m_refreshFailed)
        return;
    m_refreshFailed = false;
    m_messages->clearMessage();
}

void EventsPage::showError(const QString &message)
{
    m_messages->showMessage(message, MessageBar::Kind::Error);
}

} // namespace trefoil::ui
