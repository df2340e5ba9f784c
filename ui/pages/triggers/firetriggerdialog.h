#pragma once

#include "ui/client/tablecatalog.h"

#include <QDialog>
#include <QJsonObject>

class QLabel;
class QPushButton;
class QTableView;

namespace trefoil::ui {

class GraphqlWsClient;
class KeyedRowModel;
class MessageBar;
struct GraphqlResult;

// Fire manually: shows the first rows of the trigger's table (by primary key), and fires the
// trigger once with the chosen row as the event's payload (trefoil_invoke_event_trigger).
class FireTriggerDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FireTriggerDialog)

public:
    static constexpr int RowLimit = 100;

    // `trigger`: the trigger's trefoil_trigger_stats row (name and definition).
    FireTriggerDialog(GraphqlWsClient *client, const QJsonObject &trigger, QWidget *parent = nullptr);

    KeyedRowModel *rows() const { return m_rows; }
    QTableView *table() const { return m_table; }
    QPushButton *fireButton() const { return m_fire; }
    MessageBar *messageBar() const { return m_messages; }

public Q_SLOTS:
    void fire();

Q_SIGNALS:
    // The server created event `eventId` for the trigger.
    void fired(const QString &triggerName, const QString &eventId);

private:
    void onTables(const GraphqlResult &result);
    void onColumns(const GraphqlResult &result);
    void onRows(const GraphqlResult &result);
    void updateEnabled();

    GraphqlWsClient *m_client;
    QString m_name;
    QString m_schema;
    QString m_tableName;
    TableCatalog::Table m_catalogTable;
    bool m_firing = false;

    MessageBar *m_messages;
    QLabel *m_hint;
    KeyedRowModel *m_rows;
    QTableView *m_table;
    QPushButton *m_fire;
};

} // namespace trefoil::ui
