#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace trefoil::ui {

class GraphqlWsClient;
class MessageBar;
class PolledQuery;
class TriggerStatsModel;
struct GraphqlResult;

// The Triggers page: every event trigger with its live delivery rate, failures and backlog
// (trefoil_trigger_stats, asked again every PollIntervalMs while the page is shown); create and
// edit in the trigger editor; enable/disable, pause/resume, fire manually on a chosen row, and
// delete after a confirmation. Each action is a mutation; its effect shows at the next refresh,
// which it asks for at once.
class TriggersPage final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TriggersPage)

public:
    static constexpr int PollIntervalMs = 1500;
    static constexpr int WindowSeconds = 60; // "the last minute" on the page

    // Without a client (a probe of the page factory) the page is an empty frame.
    explicit TriggersPage(GraphqlWsClient *client, QWidget *parent = nullptr);

    TriggerStatsModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    MessageBar *messageBar() const { return m_messages; }
    QPushButton *pauseButton() const { return m_pause; }
    QPushButton *enableButton() const { return m_enable; }
    QPushButton *deleteButton() const { return m_delete; }
    // The selected trigger's name, or empty.
    QString selectedTrigger() const;
    void selectTrigger(const QString &name);

public Q_SLOTS:
    void openNewTrigger();
    void openEditTrigger();
    void openFireTrigger();
    void toggleEnabled();
    void togglePaused();
    // Asks for a confirmation, then deletes the selected trigger.
    void confirmDelete();
    void refresh();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void onStats(const GraphqlResult &result);
    void setState(const QString &name, bool paused, bool enabled);
    void deleteTrigger(const QString &name);
    void updateActions();

    GraphqlWsClient *m_client;
    TriggerStatsModel *m_model;
    PolledQuery *m_stats;
    QString m_busy; // the trigger with a mutation in flight

    MessageBar *m_messages;
    QPushButton *m_new;
    QPushButton *m_edit;
    QPushButton *m_enable;
    QPushButton *m_pause;
    QPushButton *m_fire;
    QPushButton *m_delete;
    QTableView *m_table;
    QLabel *m_empty;
    QLabel *m_window;
};

} // namespace trefoil::ui
