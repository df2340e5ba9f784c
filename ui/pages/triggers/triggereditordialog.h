#pragma once

#include "ui/client/tablecatalog.h"
#include "ui/models/triggerdraft.h"

#include <QDialog>
#include <QJsonObject>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QListWidget;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QTableWidget;

namespace trefoil::ui {

class GraphqlWsClient;
class MessageBar;
struct GraphqlResult;

// Creates a trigger or edits one: the table (from the tables the API exposes), the operations,
// the columns whose update fires it, the handler (a built-in function or a webhook with headers)
// and the retry policy. Saving sends trefoil_create_event_trigger (replacing the trigger when
// editing); the dialog closes once the server took it, and shows the server's error otherwise.
class TriggerEditorDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TriggerEditorDialog)

public:
    // `definition` empty: a new trigger; else the trigger's create_event_trigger arguments.
    TriggerEditorDialog(GraphqlWsClient *client, const QJsonObject &definition, QWidget *parent = nullptr);

    bool isEditing() const { return m_editing; }
    // What the widgets say now.
    TriggerDraft draft() const;

    QLineEdit *nameEdit() const { return m_name; }
    QComboBox *tableBox() const { return m_table; }
    QCheckBox *insertBox() const { return m_insert; }
    QCheckBox *updateBox() const { return m_update; }
    QCheckBox *deleteBox() const { return m_delete; }
    QCheckBox *manualBox() const { return m_manual; }
    QListWidget *columnList() const { return m_columns; }
    QRadioButton *builtinButton() const { return m_builtinButton; }
    QComboBox *builtinBox() const { return m_builtin; }
    QRadioButton *webhookButton() const { return m_webhookButton; }
    QLineEdit *webhookEdit() const { return m_webhook; }
    QTableWidget *headerTable() const { return m_headers; }
    QSpinBox *retriesBox() const { return m_retries; }
    QPushButton *saveButton() const { return m_save; }
    MessageBar *messageBar() const { return m_messages; }

public Q_SLOTS:
    void addHeader(const QString &name = {}, const QString &value = {}, bool fromEnvironment = false);
    void save();

Q_SIGNALS:
    // The server created (or replaced) the trigger `name`.
    void saved(const QString &name);

private:
    void loadTables();
    void loadFunctions();
    void onTables(const GraphqlResult &result);
    void loadColumns();
    void updateEnabled();

    GraphqlWsClient *m_client;
    TriggerDraft m_initial;
    bool m_editing;
    bool m_saving = false;
    QList<TableCatalog::Table> m_tables;
    quint64 m_columnsGeneration = 0;

    MessageBar *m_messages;
    QLineEdit *m_name;
    QComboBox *m_table;
    QCheckBox *m_insert;
    QCheckBox *m_update;
    QCheckBox *m_delete;
    QCheckBox *m_manual;
    QListWidget *m_columns;
    QRadioButton *m_builtinButton;
    QComboBox *m_builtin;
    QRadioButton *m_webhookButton;
    QLineEdit *m_webhook;
    QTableWidget *m_headers;
    QPushButton *m_addHeader;
    QPushButton *m_removeHeader;
    QSpinBox *m_retries;
    QSpinBox *m_interval;
    QSpinBox *m_timeout;
    QComboBox *m_backoff;
    QPushButton *m_save;
};

} // namespace trefoil::ui
