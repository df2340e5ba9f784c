#include "ui/pages/triggers/triggereditordialog.h"

#include "ui/client/graphqldocuments.h"
#include "ui/client/graphqlwsclient.h"
#include "ui/widgets/messagebar.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace trefoil::ui {

namespace {

constexpr QLatin1StringView TriggerTablesDocument { "trigger_tables" };
constexpr QLatin1StringView TableColumnsDocument { "table_columns" };
constexpr QLatin1StringView FunctionStatsDocument { "function_stats" };
constexpr QLatin1StringView CreateEventTriggerDocument { "create_event_trigger" };

QString qualified(const QString &schema, const QString &table)
{
    return schema == QLatin1String("public") ? table : schema + QLatin1Char('.') + table;
}

} // namespace

TriggerEditorDialog::TriggerEditorDialog(GraphqlWsClient *client, const QJsonObject &definition, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_initial(definition.isEmpty() ? TriggerDraft() : TriggerDraft::fromDefinition(definition))
    , m_editing(!definition.isEmpty())
    , m_messages(new MessageBar(this))
    , m_name(new QLineEdit(this))
    , m_table(new QComboBox(this))
    , m_insert(new QCheckBox(tr("&Insert"), this))
    , m_update(new QCheckBox(tr("&Update"), this))
    , m_delete(new QCheckBox(tr("&Delete"), this))
    , m_manual(new QCheckBox(tr("&Manual"), this))
    , m_columns(new QListWidget(this))
    , m_builtinButton(new QRadioButton(tr("&Built-in function:"), this))
    , m_builtin(new QComboBox(this))
    , m_webhookButton(new QRadioButton(tr("&Webhook URL:"), this))
    , m_webhook(new QLineEdit(this))
    , m_headers(new QTableWidget(0, 3, this))
    , m_addHeader(new QPushButton(tr("Add &header"), this))
    , m_removeHeader(new QPushButton(tr("&Remove header"), this))
    , m_retries(new QSpinBox(this))
    , m_interval(new QSpinBox(this))
    , m_timeout(new QSpinBox(this))
    , m_backoff(new QComboBox(this))
    , m_save(nullptr)
{
    setObjectName(QStringLiteral("triggerEditorDialog"));
    setWindowTitle(m_editing ? tr("Edit trigger %1").arg(m_initial.name) : tr("New trigger"));

    m_name->setText(m_initial.name);
    m_name->setReadOnly(m_editing); // another name is another trigger
    m_name->setPlaceholderText(tr("e.g. notify-kitchen"));
    m_table->setPlaceholderText(tr("Loading tables…"));
    m_table->setMinimumContentsLength(20);
    m_insert->setChecked(m_initial.onInsert);
    m_update->setChecked(m_initial.onUpdate);
    m_delete->setChecked(m_initial.onDelete);
    m_manual->setChecked(m_initial.onManual);
    m_columns->setObjectName(QStringLiteral("updateColumns"));
    m_columns->setMinimumHeight(m_columns->fontMetrics().height() * 6);

    auto *handlerGroup = new QButtonGroup(this);
    handlerGroup->addButton(m_builtinButton);
    handlerGroup->addButton(m_webhookButton);
    (m_initial.handlerKind == TriggerDraft::HandlerKind::Builtin ? m_builtinButton : m_webhookButton)->setChecked(true);
    m_builtin->setPlaceholderText(tr("Loading functions…"));
    if (!m_initial.builtin.isEmpty())
        m_builtin->addItem(m_initial.builtin);
    m_webhook->setText(m_initial.webhook);
    m_webhook->setPlaceholderText(tr("https://example.com/hook"));
    m_headers->setObjectName(QStringLiteral("headerTable"));
    m_headers->setHorizontalHeaderLabels({ tr("Header"), tr("Value"), tr("From server env") });
    m_headers->horizontalHeaderItem(2)->setToolTip(
        tr("Checked: the value is the name of an environment variable of the server that holds it."));
    m_headers->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_headers->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    m_headers->verticalHeader()->hide();
    m_headers->setMaximumHeight(m_headers->fontMetrics().height() * 7);
    for (const TriggerDraft::Header &header : std::as_const(m_initial.headers))
        addHeader(header.name, header.value, header.fromEnvironment);

    m_retries->setRange(0, 100);
    m_retries->setValue(m_initial.numRetries);
    m_interval->setRange(0, 86400);
    m_interval->setSuffix(tr(" s"));
    m_interval->setValue(m_initial.intervalSeconds);
    m_timeout->setRange(1, 3600);
    m_timeout->setSuffix(tr(" s"));
    m_timeout->setValue(m_initial.timeoutSeconds);
    m_backoff->addItem(tr("Fixed interval"), QStringLiteral("fixed"));
    m_backoff->addItem(tr("Exponential (doubling)"), QStringLiteral("exponential"));
    m_backoff->setCurrentIndex(m_initial.backoff == TriggerDraft::Backoff::Exponential ? 1 : 0);

    // Layout: what fires it, what handles it, how it retries.
    auto *operations = new QHBoxLayout;
    operations->addWidget(m_insert);
    operations->addWidget(m_update);
    operations->addWidget(m_delete);
    operations->addWidget(m_manual);
    operations->addStretch(1);
    auto *columnsHint
        = new QLabel(tr("An update fires it when one of these columns changes (none checked: any)."), this);
    columnsHint->setWordWrap(true);
    columnsHint->setEnabled(false);
    auto *source = new QGroupBox(tr("Fires on"), this);
    auto *sourceForm = new QFormLayout;
    sourceForm->addRow(tr("&Name:"), m_name);
    sourceForm->addRow(tr("&Table:"), m_table);
    sourceForm->addRow(tr("Operations:"), operations);
    auto *sourceLayout = new QVBoxLayout(source);
    sourceLayout->addLayout(sourceForm);
    sourceLayout->addWidget(columnsHint);
    sourceLayout->addWidget(m_columns, 1);

    auto *headerButtons = new QHBoxLayout;
    headerButtons->addWidget(m_addHeader);
    headerButtons->addWidget(m_removeHeader);
    headerButtons->addStretch(1);
    auto *handler = new QGroupBox(tr("Handled by"), this);
    auto *handlerForm = new QFormLayout(handler);
    handlerForm->addRow(m_builtinButton, m_builtin);
    handlerForm->addRow(m_webhookButton, m_webhook);
    handlerForm->addRow(m_headers);
    handlerForm->addRow(headerButtons);

    auto *retry = new QGroupBox(tr("Retries"), this);
    auto *retryForm = new QFormLayout(retry);
    retryForm->addRow(tr("Re&tries:"), m_retries);
    retryForm->addRow(tr("&Interval:"), m_interval);
    retryForm->addRow(tr("&Backoff:"), m_backoff);
    retryForm->addRow(tr("Time&out per attempt:"), m_timeout);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_save = buttons->button(QDialogButtonBox::Save);
    m_save->setText(m_editing ? tr("&Save changes") : tr("&Create trigger"));
    connect(buttons, &QDialogButtonBox::accepted, this, &TriggerEditorDialog::save);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *columnsLayout = new QHBoxLayout;
    auto *right = new QVBoxLayout;
    right->addWidget(handler);
    right->addWidget(retry);
    right->addStretch(1);
    columnsLayout->addWidget(source, 1);
    columnsLayout->addLayout(right, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_messages);
    layout->addLayout(columnsLayout, 1);
    layout->addWidget(buttons);

    connect(m_addHeader, &QPushButton::clicked, this, [this] { addHeader(); });
    connect(m_removeHeader, &QPushButton::clicked, this, [this] {
        const int row = m_headers->currentRow();
        m_headers->removeRow(row >= 0 ? row : m_headers->rowCount() - 1);
    });
    for (QCheckBox *box : { m_insert, m_update, m_delete, m_manual })
        connect(box, &QCheckBox::toggled, this, &TriggerEditorDialog::updateEnabled);
    connect(m_builtinButton, &QRadioButton::toggled, this, &TriggerEditorDialog::updateEnabled);
    connect(m_table, &QComboBox::currentIndexChanged, this, &TriggerEditorDialog::loadColumns);
    // Room for a webhook URL and the column list without scrolling.
    resize(std::max(sizeHint().width(), fontMetrics().averageCharWidth() * 150), sizeHint().height());
    updateEnabled();
    loadTables();
    loadFunctions();
}

void TriggerEditorDialog::addHeader(const QString &name, const QString &value, bool fromEnvironment)
{
    const int row = m_headers->rowCount();
    m_headers->insertRow(row);
    m_headers->setItem(row, 0, new QTableWidgetItem(name));
    m_headers->setItem(row, 1, new QTableWidgetItem(value));
    auto *environment = new QTableWidgetItem;
    environment->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
    environment->setCheckState(fromEnvironment ? Qt::Checked : Qt::Unchecked);
    m_headers->setItem(row, 2, environment);
}

void TriggerEditorDialog::updateEnabled()
{
    m_columns->setEnabled(m_update->isChecked());
    const bool builtin = m_builtinButton->isChecked();
    m_builtin->setEnabled(builtin);
    m_webhook->setEnabled(!builtin);
    m_headers->setEnabled(!builtin);
    m_addHeader->setEnabled(!builtin);
    m_removeHeader->setEnabled(!builtin);
    m_save->setEnabled(!m_saving);
}

void TriggerEditorDialog::loadTables()
{
    if (!m_client)
        return;
    m_client->execute(GraphqlDocuments::request(TriggerTablesDocument), this,
        [this](const GraphqlResult &result) { onTables(result); });
}

void TriggerEditorDialog::onTables(const GraphqlResult &result)
{
    if (!result.isOk())
        return m_messages->showMessage(tr("Could not list the tables: %1").arg(result.errorString()));
    m_tables = TableCatalog::tables(result.data);
    const QSignalBlocker blocker(m_table);
    m_table->clear();
    int current = -1;
    for (const TableCatalog::Table &table : std::as_const(m_tables)) {
        if (table.schema == m_initial.schema && table.name == m_initial.table)
            current = m_table->count();
        m_table->addItem(qualified(table.schema, table.name), table.graphqlName);
    }
    // The trigger's table may be one the API does not expose: keep it, so saving does not move it.
    if (m_editing && current < 0 && !m_initial.table.isEmpty()) {
        current = m_table->count();
        m_table->addItem(qualified(m_initial.schema, m_initial.table), QString());
    }
    m_table->setCurrentIndex(current);
    loadColumns();
}

void TriggerEditorDialog::loadColumns()
{
    const quint64 generation = ++m_columnsGeneration;
    const QString graphqlName = m_table->currentData().toString();
    QStringList checked = m_update->isChecked() ? draft().updateColumns : QStringList();
    if (m_columns->count() == 0)
        checked = m_initial.updateColumns; // the first load shows the trigger's own columns
    m_columns->clear();
    if (!m_client || graphqlName.isEmpty()) {
        for (const QString &column : std::as_const(checked)) {
            auto *item = new QListWidgetItem(column, m_columns);
            item->setCheckState(Qt::Checked);
        }
        return;
    }
    m_client->execute(GraphqlDocuments::request(TableColumnsDocument, { { QStringLiteral("name"), graphqlName } }),
        this, [this, generation, checked](const GraphqlResult &result) {
            if (generation != m_columnsGeneration)
                return; // another table was chosen meanwhile
            if (!result.isOk())
                return m_messages->showMessage(tr("Could not list the columns: %1").arg(result.errorString()));
            m_columns->clear();
            for (const QString &column : TableCatalog::columns(result.data)) {
                auto *item = new QListWidgetItem(column, m_columns);
                item->setCheckState(checked.contains(column) ? Qt::Checked : Qt::Unchecked);
            }
        });
}

void TriggerEditorDialog::loadFunctions()
{
    if (!m_client)
        return;
    m_client->execute(GraphqlDocuments::request(FunctionStatsDocument, { { QStringLiteral("seconds"), 1 } }), this,
        [this](const GraphqlResult &result) {
            if (!result.isOk())
                return m_messages->showMessage(
                    tr("Could not list the built-in functions: %1").arg(result.errorString()));
            const QString current = m_builtin->currentText();
            m_builtin->clear();
            for (const QJsonValue function : result.data.value(QLatin1String("trefoil_function_stats")).toArray())
                m_builtin->addItem(function.toObject().value(QLatin1String("name")).toString());
            if (!current.isEmpty() && m_builtin->findText(current) < 0)
                m_builtin->addItem(current);
            m_builtin->setCurrentIndex(current.isEmpty() ? 0 : m_builtin->findText(current));
        });
}

TriggerDraft TriggerEditorDialog::draft() const
{
    TriggerDraft draft = m_initial;
    draft.name = m_name->text().trimmed();
    const int tableIndex = m_table->currentIndex();
    const QString graphqlName = m_table->currentData().toString();
    draft.table.clear();
    for (const TableCatalog::Table &table : m_tables) {
        if (table.graphqlName == graphqlName) {
            draft.schema = table.schema;
            draft.table = table.name;
        }
    }
    if (tableIndex >= 0 && graphqlName.isEmpty()) { // the trigger's own table, not exposed
        draft.schema = m_initial.schema;
        draft.table = m_initial.table;
    }
    draft.onInsert = m_insert->isChecked();
    draft.onUpdate = m_update->isChecked();
    draft.onDelete = m_delete->isChecked();
    draft.onManual = m_manual->isChecked();
    draft.updateColumns.clear();
    for (int i = 0; i < m_columns->count(); ++i) {
        if (m_columns->item(i)->checkState() == Qt::Checked)
            draft.updateColumns.append(m_columns->item(i)->text());
    }
    draft.handlerKind
        = m_builtinButton->isChecked() ? TriggerDraft::HandlerKind::Builtin : TriggerDraft::HandlerKind::Webhook;
    draft.builtin = m_builtin->currentText();
    draft.webhook = m_webhook->text().trimmed();
    draft.headers.clear();
    for (int row = 0; row < m_headers->rowCount(); ++row) {
        const QTableWidgetItem *name = m_headers->item(row, 0);
        const QTableWidgetItem *value = m_headers->item(row, 1);
        const QTableWidgetItem *environment = m_headers->item(row, 2);
        draft.headers.append({ name ? name->text() : QString(), value ? value->text() : QString(),
            environment && environment->checkState() == Qt::Checked });
    }
    draft.numRetries = m_retries->value();
    draft.intervalSeconds = m_interval->value();
    draft.timeoutSeconds = m_timeout->value();
    draft.backoff = m_backoff->currentData().toString() == QLatin1String("exponential")
        ? TriggerDraft::Backoff::Exponential
        : TriggerDraft::Backoff::Fixed;
    return draft;
}

void TriggerEditorDialog::save()
{
    if (m_saving || !m_client)
        return;
    const TriggerDraft current = draft();
    if (const QString problem = current.validate(); !problem.isEmpty())
        return m_messages->showMessage(problem);
    m_messages->clearMessage();
    m_saving = true;
    updateEnabled();
    const QString name = current.name;
    m_client->execute(
        GraphqlDocuments::request(CreateEventTriggerDocument,
            { { QStringLiteral("definition"), current.toDefinition() }, { QStringLiteral("replace"), m_editing } }),
        this, [this, name](const GraphqlResult &result) {
            m_saving = false;
            updateEnabled();
            if (!result.isOk())
                return m_messages->showMessage(tr("The server did not take the trigger: %1").arg(result.errorString()));
            Q_EMIT saved(name);
            accept();
        });
}

} // namespace trefoil::ui
