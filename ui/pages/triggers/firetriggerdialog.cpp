#include "ui/pages/triggers/firetriggerdialog.h"

#include "ui/client/graphqldocuments.h"
#include "ui/client/graphqlwsclient.h"
#include "ui/models/keyedrowmodel.h"
#include "ui/widgets/messagebar.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace trefoil::ui {

namespace {

constexpr QLatin1StringView TriggerTablesDocument { "trigger_tables" };
constexpr QLatin1StringView TableColumnsDocument { "table_columns" };
constexpr QLatin1StringView InvokeEventTriggerDocument { "invoke_event_trigger" };

// The row's number in the answer: the key of the rows model, whatever the table's key is.
const QString RowKey = QStringLiteral("__row");

} // namespace

FireTriggerDialog::FireTriggerDialog(GraphqlWsClient *client, const QJsonObject &trigger, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_name(trigger.value(QLatin1String("name")).toString())
    , m_messages(new MessageBar(this))
    , m_hint(new QLabel(this))
    , m_rows(new KeyedRowModel(RowKey, {}, this))
    , m_table(new QTableView(this))
    , m_fire(nullptr)
{
    setObjectName(QStringLiteral("fireTriggerDialog"));
    setWindowTitle(tr("Fire %1 manually").arg(m_name));
    const QJsonObject table
        = trigger.value(QLatin1String("definition")).toObject().value(QLatin1String("table")).toObject();
    m_schema = table.value(QLatin1String("schema")).toString(QStringLiteral("public"));
    m_tableName = table.value(QLatin1String("name")).toString();

    m_hint->setWordWrap(true);
    m_hint->setText(tr("Loading the first rows of %1…").arg(m_tableName));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_fire = buttons->addButton(tr("&Fire on this row"), QDialogButtonBox::AcceptRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &FireTriggerDialog::fire);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_messages);
    layout->addWidget(m_hint);
    layout->addWidget(m_table, 1);
    layout->addWidget(buttons);
    resize(760, 420);
    updateEnabled();

    if (!m_client)
        return;
    if (m_schema != QLatin1String("public")) {
        m_hint->setText(tr("The rows of %1.%2 are not exposed by the API.").arg(m_schema, m_tableName));
        return;
    }
    m_client->execute(GraphqlDocuments::request(TriggerTablesDocument), this,
        [this](const GraphqlResult &result) { onTables(result); });
}

void FireTriggerDialog::onTables(const GraphqlResult &result)
{
    if (!result.isOk())
        return m_messages->showMessage(tr("Could not list the tables: %1").arg(result.errorString()));
    for (const TableCatalog::Table &table : TableCatalog::tables(result.data)) {
        if (table.schema == m_schema && table.name == m_tableName)
            m_catalogTable = table;
    }
    if (m_catalogTable.graphqlName.isEmpty()) {
        m_hint->setText(tr("The table %1 is not exposed by the API.").arg(m_tableName));
        return;
    }
    m_client->execute(
        GraphqlDocuments::request(TableColumnsDocument, { { QStringLiteral("name"), m_catalogTable.graphqlName } }),
        this, [this](const GraphqlResult &columns) { onColumns(columns); });
}

void FireTriggerDialog::onColumns(const GraphqlResult &result)
{
    if (!result.isOk())
        return m_messages->showMessage(tr("Could not list the columns: %1").arg(result.errorString()));
    const QStringList columns = TableCatalog::columns(result.data);
    QList<KeyedRowModel::Column> shown;
    for (const QString &column : columns)
        shown.append({ column, column });
    // The columns are known only now: a model with them replaces the empty one.
    auto *rows = new KeyedRowModel(RowKey, shown, this);
    m_table->setModel(rows);
    delete m_rows;
    m_rows = rows;
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &FireTriggerDialog::updateEnabled);
    const GraphqlRequest request = TableCatalog::firstRows(m_catalogTable, columns, RowLimit);
    if (request.query.isEmpty()) {
        m_hint->setText(tr("The table %1 cannot be read through the API.").arg(m_tableName));
        return;
    }
    m_client->execute(request, this, [this](const GraphqlResult &answer) { onRows(answer); });
}

void FireTriggerDialog::onRows(const GraphqlResult &result)
{
    if (!result.isOk())
        return m_messages->showMessage(tr("Could not read the rows: %1").arg(result.errorString()));
    QJsonArray rows = result.data.value(QLatin1String("rows")).toArray();
    for (int i = 0; i < rows.size(); ++i) {
        QJsonObject row = rows.at(i).toObject();
        row.insert(RowKey, i);
        rows[i] = row;
    }
    m_rows->setRows(rows);
    m_table->resizeColumnsToContents();
    m_hint->setText(rows.isEmpty() ? tr("The table %1 has no rows.").arg(m_tableName)
                                   : tr("Choose the row the event carries (the first %n row(s) of %1 by primary key).",
                                       nullptr, static_cast<int>(rows.size()))
                                         .arg(m_tableName));
    if (!rows.isEmpty())
        m_table->selectRow(0);
    updateEnabled();
}

void FireTriggerDialog::updateEnabled()
{
    const bool chosen = m_table->selectionModel() && m_table->selectionModel()->hasSelection();
    m_fire->setEnabled(chosen && !m_firing);
}

void FireTriggerDialog::fire()
{
    const QModelIndexList selected
        = m_table->selectionModel() ? m_table->selectionModel()->selectedRows() : QModelIndexList();
    if (selected.isEmpty() || m_firing || !m_client)
        return;
    QJsonObject payload = m_rows->rowObject(selected.first().row());
    payload.remove(RowKey);
    m_firing = true;
    updateEnabled();
    m_client->execute(GraphqlDocuments::request(InvokeEventTriggerDocument,
                          { { QStringLiteral("name"), m_name }, { QStringLiteral("payload"), payload } }),
        this, [this](const GraphqlResult &result) {
            m_firing = false;
            updateEnabled();
            if (!result.isOk())
                return m_messages->showMessage(tr("Could not fire %1: %2").arg(m_name, result.errorString()));
            const QString eventId = result.data.value(QLatin1String("trefoil_invoke_event_trigger"))
                                        .toObject()
                                        .value(QLatin1String("event_id"))
                                        .toString();
            Q_EMIT fired(m_name, eventId);
            accept();
        });
}

} // namespace trefoil::ui
