#include "ui/pages/functions/functionspage.h"

#include "ui/client/graphqldocuments.h"
#include "ui/client/graphqlwsclient.h"
#include "ui/client/polledquery.h"
#include "ui/models/functionstatsmodel.h"
#include "ui/widgets/messagebar.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace trefoil::ui {

namespace {

constexpr QLatin1StringView FunctionStatsDocument { "function_stats" };
constexpr QLatin1StringView SetFunctionFaultDocument { "set_function_fault" };
constexpr int MaxLatencyMs = 600000; // function_faults' check

} // namespace

FunctionsPage::FunctionsPage(GraphqlWsClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_model(new FunctionStatsModel(this))
    , m_stats(new PolledQuery(client,
          GraphqlDocuments::request(FunctionStatsDocument, { { QStringLiteral("seconds"), WindowSeconds } }),
          PollIntervalMs, this))
    , m_messages(new MessageBar(this))
    , m_table(new QTableView(this))
    , m_faultBox(new QGroupBox(tr("Fault injection"), this))
    , m_faultHint(new QLabel(this))
    , m_faultNow(new QLabel(this))
    , m_failureRate(new QSpinBox(this))
    , m_latency(new QSpinBox(this))
    , m_timeout(new QCheckBox(tr("&Time out"), this))
    , m_alwaysFail(new QCheckBox(tr("&Always fail"), this))
    , m_apply(new QPushButton(tr("A&pply fault"), this))
    , m_clear(new QPushButton(tr("&Clear fault (recover)"), this))
    , m_window(new QLabel(tr("Calls, errors and durations of the deliveries in the last minute. Refreshed every "
                             "second and a half while shown."),
          this))
{
    m_table->setObjectName(QStringLiteral("functionsTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 10);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(FunctionStatsModel::FaultColumn, QHeaderView::Stretch);
    m_window->setEnabled(false);
    m_window->setWordWrap(true); // a note, not a reason for the window to be wide

    m_failureRate->setObjectName(QStringLiteral("failureRate"));
    m_failureRate->setRange(0, 100);
    m_failureRate->setSuffix(tr(" %"));
    m_latency->setObjectName(QStringLiteral("addedLatency"));
    m_latency->setRange(0, MaxLatencyMs);
    m_latency->setSingleStep(100);
    m_latency->setSuffix(tr(" ms"));
    m_latency->setGroupSeparatorShown(true);
    m_apply->setObjectName(QStringLiteral("applyFaultButton"));
    m_clear->setObjectName(QStringLiteral("clearFaultButton"));
    m_faultHint->setWordWrap(true);
    m_faultHint->setEnabled(false);
    m_timeout->setToolTip(tr("Answer with a simulated timeout once the added latency has passed."));
    m_alwaysFail->setToolTip(tr("Every call fails, whatever the failure probability."));
    m_failureRate->setToolTip(tr("The share of calls that fail."));
    m_latency->setToolTip(tr("Every call waits this long before it runs."));

    auto *form = new QFormLayout;
    form->addRow(tr("Now:"), m_faultNow);
    form->addRow(tr("&Failure probability:"), m_failureRate);
    form->addRow(tr("Added &latency:"), m_latency);
    form->addRow(QString(), m_timeout);
    form->addRow(QString(), m_alwaysFail);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_apply);
    buttons->addWidget(m_clear);
    buttons->addStretch(1);
    auto *faultLayout = new QVBoxLayout(m_faultBox);
    faultLayout->addLayout(form);
    faultLayout->addLayout(buttons);
    faultLayout->addWidget(m_faultHint);
    faultLayout->addStretch(1);
    // At least what its labels and buttons need (longer in other languages): a fixed minimum overrides the layout's.
    m_faultBox->setMinimumWidth(
        std::max(m_faultBox->fontMetrics().averageCharWidth() * 48, m_faultBox->minimumSizeHint().width()));

    auto *tableBox = new QWidget(this);
    auto *tableLayout = new QVBoxLayout(tableBox);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addWidget(m_table, 1);
    tableLayout->addWidget(m_window);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(tableBox);
    splitter->addWidget(m_faultBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_messages);
    layout->addWidget(splitter, 1);

    const auto edited = [this] {
        m_edited = true;
        updateActions();
    };
    connect(m_failureRate, &QSpinBox::valueChanged, this, edited);
    connect(m_latency, &QSpinBox::valueChanged, this, edited);
    connect(m_timeout, &QCheckBox::toggled, this, edited);
    connect(m_alwaysFail, &QCheckBox::toggled, this, edited);
    connect(m_apply, &QPushButton::clicked, this, &FunctionsPage::applyFault);
    connect(m_clear, &QPushButton::clicked, this, &FunctionsPage::clearFault);
    connect(
        m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &FunctionsPage::onSelectionChanged);
    connect(m_stats, &PolledQuery::resultReceived, this, &FunctionsPage::onStats);
    loadControls();
}

void FunctionsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_stats->start();
}

void FunctionsPage::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_stats->stop();
}

QString FunctionsPage::selectedFunction() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : m_model->nameAt(rows.first().row());
}

void FunctionsPage::selectFunction(const QString &name)
{
    const int row = m_model->rowOfName(name);
    if (row >= 0)
        m_table->selectRow(row);
}

void FunctionsPage::onStats(const GraphqlResult &result)
{
    if (!result.isOk()) {
        m_messages->showMessage(tr("Could not read the functions: %1").arg(result.errorString()));
        return;
    }
    m_model->setStats(result.data.value(QLatin1String("trefoil_function_stats")).toArray());
    if (selectedFunction().isEmpty() && m_model->rowCount() > 0)
        m_table->selectRow(0);
    else
        loadControls();
}

void FunctionsPage::onSelectionChanged()
{
    m_edited = false;
    loadControls();
}

void FunctionsPage::loadControls()
{
    const QString name = selectedFunction();
    const QJsonObject function = m_model->function(name);
    const QJsonValue fault = function.value(QLatin1String("fault"));
    m_faultBox->setTitle(name.isEmpty() ? tr("Fault injection") : tr("Fault injection: %1").arg(name));
    if (name.isEmpty()) {
        m_faultNow->clear();
        m_faultHint->setText(tr("Select a function to stage a fault."));
    } else if (!fault.isObject()) {
        m_faultNow->setText(FunctionStatsModel::faultText(fault));
        m_faultHint->setText(tr("Fault injection needs the demo's function_faults table, which this database lacks."));
    } else {
        m_faultNow->setText(FunctionStatsModel::faultText(fault));
        m_faultHint->setText(tr("A fault applies to the next calls; Clear fault ends the incident."));
    }
    if (!m_edited && fault.isObject()) {
        const QJsonObject object = fault.toObject();
        const QSignalBlocker rate(m_failureRate);
        const QSignalBlocker latency(m_latency);
        const QSignalBlocker timeout(m_timeout);
        const QSignalBlocker always(m_alwaysFail);
        m_failureRate->setValue(
            static_cast<int>(std::lround(object.value(QLatin1String("failure_rate")).toDouble() * 100)));
        m_latency->setValue(static_cast<int>(object.value(QLatin1String("latency_ms")).toInteger()));
        m_timeout->setChecked(object.value(QLatin1String("timeout")).toBool());
        m_alwaysFail->setChecked(object.value(QLatin1String("always_fail")).toBool());
    }
    updateActions();
}

void FunctionsPage::updateActions()
{
    const bool available = m_model->function(selectedFunction()).value(QLatin1String("fault")).isObject();
    const bool usable = available && !m_sending && m_client;
    for (QWidget *widget : { static_cast<QWidget *>(m_failureRate), static_cast<QWidget *>(m_latency),
             static_cast<QWidget *>(m_timeout), static_cast<QWidget *>(m_alwaysFail) })
        widget->setEnabled(available);
    m_apply->setEnabled(usable && m_edited);
    m_clear->setEnabled(usable);
}

void FunctionsPage::applyFault()
{
    sendFault(selectedFunction(), m_failureRate->value(), m_latency->value(), m_timeout->isChecked(),
        m_alwaysFail->isChecked());
}

void FunctionsPage::clearFault()
{
    sendFault(selectedFunction(), 0, 0, false, false);
}

void FunctionsPage::sendFault(const QString &name, int failurePercent, int latencyMs, bool timeout, bool alwaysFail)
{
    if (name.isEmpty() || !m_client || m_sending)
        return;
    m_sending = true;
    updateActions();
    m_client->execute(
        GraphqlDocuments::request(SetFunctionFaultDocument,
            { { QStringLiteral("name"), name }, { QStringLiteral("failure_rate"), failurePercent / 100.0 },
                { QStringLiteral("latency_ms"), latencyMs }, { QStringLiteral("timeout"), timeout },
                { QStringLiteral("always_fail"), alwaysFail } }),
        this, [this, name](const GraphqlResult &result) {
            m_sending = false;
            if (!result.isOk()) {
                m_messages->showMessage(tr("Could not set the fault of %1: %2").arg(name, result.errorString()));
                updateActions();
                return;
            }
            m_messages->clearMessage();
            m_edited = false;
            m_stats->refresh();
            updateActions();
        });
}

} // namespace trefoil::ui
