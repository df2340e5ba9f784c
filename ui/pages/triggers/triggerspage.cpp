#include "ui/pages/triggers/triggerspage.h"

#include "ui/client/graphqldocuments.h"
#include "ui/client/graphqlwsclient.h"
#include "ui/client/polledquery.h"
#include "ui/models/triggerstatsmodel.h"
#include "ui/pages/triggers/firetriggerdialog.h"
#include "ui/pages/triggers/triggereditordialog.h"
#include "ui/widgets/messagebar.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace trefoil::ui {

namespace {

constexpr QLatin1StringView TriggerStatsDocument { "trigger_stats" };
constexpr QLatin1StringView SetTriggerStateDocument { "set_trigger_state" };
constexpr QLatin1StringView DeleteEventTriggerDocument { "delete_event_trigger" };

} // namespace

TriggersPage::TriggersPage(GraphqlWsClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_model(new TriggerStatsModel(this))
    , m_stats(new PolledQuery(client,
          GraphqlDocuments::request(TriggerStatsDocument, { { QStringLiteral("seconds"), WindowSeconds } }),
          PollIntervalMs, this))
    , m_messages(new MessageBar(this))
    , m_new(new QPushButton(tr("&New trigger…"), this))
    , m_edit(new QPushButton(tr("&Edit…"), this))
    , m_enable(new QPushButton(tr("Di&sable"), this))
    , m_pause(new QPushButton(tr("&Pause"), this))
    , m_fire(new QPushButton(tr("&Fire manually…"), this))
    , m_delete(new QPushButton(tr("&Delete…"), this))
    , m_table(new QTableView(this))
    , m_empty(new QLabel(tr("No event triggers yet. Create one with New trigger…"), this))
    , m_window(new QLabel(tr("Delivered/s and Failed: the last minute. Backlog (pending and being delivered) and "
                             "Dead: now. Refreshed every second and a half while shown."),
          this))
{
    m_new->setObjectName(QStringLiteral("newTriggerButton"));
    m_edit->setObjectName(QStringLiteral("editTriggerButton"));
    m_enable->setObjectName(QStringLiteral("enableTriggerButton"));
    m_pause->setObjectName(QStringLiteral("pauseTriggerButton"));
    m_fire->setObjectName(QStringLiteral("fireTriggerButton"));
    m_delete->setObjectName(QStringLiteral("deleteTriggerButton"));
    m_enable->setToolTip(tr("A disabled trigger makes no new events."));
    m_pause->setToolTip(tr("A paused trigger keeps making events but delivers none until resumed."));

    m_table->setObjectName(QStringLiteral("triggersTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setSectionResizeMode(QHeaderView::ResizeToContents);
    header->setSectionResizeMode(TriggerStatsModel::HandlerColumn, QHeaderView::Stretch);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setEnabled(false);
    m_empty->hide();
    m_window->setEnabled(false);
    m_window->setWordWrap(true); // a note, not a reason for the window to be wide

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_new);
    actions->addWidget(m_edit);
    actions->addSpacing(12);
    actions->addWidget(m_enable);
    actions->addWidget(m_pause);
    actions->addWidget(m_fire);
    actions->addStretch(1);
    actions->addWidget(m_delete);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_messages);
    layout->addLayout(actions);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_empty);
    layout->addWidget(m_window);

    connect(m_new, &QPushButton::clicked, this, &TriggersPage::openNewTrigger);
    connect(m_edit, &QPushButton::clicked, this, &TriggersPage::openEditTrigger);
    connect(m_enable, &QPushButton::clicked, this, &TriggersPage::toggleEnabled);
    connect(m_pause, &QPushButton::clicked, this, &TriggersPage::togglePaused);
    connect(m_fire, &QPushButton::clicked, this, &TriggersPage::openFireTrigger);
    connect(m_delete, &QPushButton::clicked, this, &TriggersPage::confirmDelete);
    connect(m_table, &QTableView::doubleClicked, this, &TriggersPage::openEditTrigger);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &TriggersPage::updateActions);
    connect(m_stats, &PolledQuery::resultReceived, this, &TriggersPage::onStats);
    m_new->setEnabled(m_client != nullptr);
    updateActions();
}

void TriggersPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_stats->start();
}

void TriggersPage::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_stats->stop();
}

void TriggersPage::refresh()
{
    m_stats->refresh();
}

void TriggersPage::onStats(const GraphqlResult &result)
{
    if (!result.isOk()) {
        m_messages->showMessage(tr("Could not read the triggers: %1").arg(result.errorString()));
        return;
    }
    m_model->setStats(result.data.value(QLatin1String("trefoil_trigger_stats")).toArray());
    m_empty->setVisible(m_model->rowCount() == 0);
    updateActions();
}

QString TriggersPage::selectedTrigger() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : m_model->nameAt(rows.first().row());
}

void TriggersPage::selectTrigger(const QString &name)
{
    const int row = m_model->rowOfName(name);
    if (row >= 0)
        m_table->selectRow(row);
}

void TriggersPage::updateActions()
{
    const QString name = selectedTrigger();
    const QJsonObject trigger = m_model->trigger(name);
    const bool chosen = !trigger.isEmpty() && m_busy.isEmpty();
    const bool enabled = trigger.value(QLatin1String("enabled")).toBool(true);
    const bool paused = trigger.value(QLatin1String("paused")).toBool();
    m_edit->setEnabled(chosen);
    m_enable->setEnabled(chosen);
    m_enable->setText(enabled || trigger.isEmpty() ? tr("Di&sable") : tr("Ena&ble"));
    m_pause->setEnabled(chosen);
    m_pause->setText(paused ? tr("&Resume") : tr("&Pause"));
    bool manual = false;
    for (const QJsonValue operation : trigger.value(QLatin1String("operations")).toArray())
        manual = manual || operation.toString() == QLatin1String("manual");
    m_fire->setEnabled(chosen && manual);
    m_fire->setToolTip(chosen && !manual ? tr("This trigger does not allow manual firing: enable Manual in Edit.")
                                         : tr("Fire the trigger once on a row you choose."));
    m_delete->setEnabled(chosen);
}

void TriggersPage::openNewTrigger()
{
    if (!m_client)
        return;
    // open(), not exec(): the GUI thread keeps serving the page while the dialog is up.
    auto *dialog = new TriggerEditorDialog(m_client, {}, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &TriggerEditorDialog::saved, this, [this](const QString &name) {
        m_messages->showMessage(tr("Trigger %1 created.").arg(name), MessageBar::Kind::Information);
        refresh();
    });
    dialog->open();
}

void TriggersPage::openEditTrigger()
{
    const QJsonObject trigger = m_model->trigger(selectedTrigger());
    if (!m_client || trigger.isEmpty())
        return;
    auto *dialog = new TriggerEditorDialog(m_client, trigger.value(QLatin1String("definition")).toObject(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &TriggerEditorDialog::saved, this, [this](const QString &name) {
        m_messages->showMessage(tr("Trigger %1 saved.").arg(name), MessageBar::Kind::Information);
        refresh();
    });
    dialog->open();
}

void TriggersPage::openFireTrigger()
{
    const QJsonObject trigger = m_model->trigger(selectedTrigger());
    if (!m_client || trigger.isEmpty())
        return;
    auto *dialog = new FireTriggerDialog(m_client, trigger, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &FireTriggerDialog::fired, this, [this](const QString &name, const QString &eventId) {
        m_messages->showMessage(
            tr("Trigger %1 fired: event %2 is queued.").arg(name, eventId), MessageBar::Kind::Information);
        refresh();
    });
    dialog->open();
}

void TriggersPage::toggleEnabled()
{
    const QString name = selectedTrigger();
    const QJsonObject trigger = m_model->trigger(name);
    if (trigger.isEmpty())
        return;
    setState(
        name, trigger.value(QLatin1String("paused")).toBool(), !trigger.value(QLatin1String("enabled")).toBool(true));
}

void TriggersPage::togglePaused()
{
    const QString name = selectedTrigger();
    const QJsonObject trigger = m_model->trigger(name);
    if (trigger.isEmpty())
        return;
    setState(
        name, !trigger.value(QLatin1String("paused")).toBool(), trigger.value(QLatin1String("enabled")).toBool(true));
}

void TriggersPage::setState(const QString &name, bool paused, bool enabled)
{
    if (!m_client || !m_busy.isEmpty())
        return;
    m_busy = name;
    updateActions();
    m_client->execute(GraphqlDocuments::request(SetTriggerStateDocument,
                          { { QStringLiteral("name"), name }, { QStringLiteral("paused"), paused },
                              { QStringLiteral("enabled"), enabled } }),
        this, [this, name](const GraphqlResult &result) {
            m_busy.clear();
            if (!result.isOk())
                m_messages->showMessage(tr("Could not change trigger %1: %2").arg(name, result.errorString()));
            updateActions();
            refresh();
        });
}

void TriggersPage::confirmDelete()
{
    const QString name = selectedTrigger();
    if (name.isEmpty() || !m_client)
        return;
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Delete trigger"),
        tr("Delete trigger %1? It makes no more events; this cannot be undone.").arg(name), QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("deleteTriggerConfirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *remove = box->addButton(tr("&Delete %1").arg(name), QMessageBox::DestructiveRole);
    box->setDefaultButton(QMessageBox::Cancel);
    connect(remove, &QPushButton::clicked, this, [this, name] { deleteTrigger(name); });
    box->open();
}

void TriggersPage::deleteTrigger(const QString &name)
{
    if (!m_busy.isEmpty())
        return;
    m_busy = name;
    updateActions();
    m_client->execute(GraphqlDocuments::request(DeleteEventTriggerDocument, { { QStringLiteral("name"), name } }), this,
        [this, name](const GraphqlResult &result) {
            m_busy.clear();
            if (!result.isOk())
                m_messages->showMessage(tr("Could not delete trigger %1: %2").arg(name, result.errorString()));
            else
                m_messages->showMessage(tr("Trigger %1 deleted.").arg(name), MessageBar::Kind::Information);
            updateActions();
            refresh();
        });
}

} // namespace trefoil::ui
