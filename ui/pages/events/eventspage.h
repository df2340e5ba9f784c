#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QMessageBox>
#include <QPointer>
#include <QTimer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;

class QPushButton;
class QTabBar;
class QTabWidget;
class QTableView;

namespace trefoil::ui {

struct GraphqlResult;
class AuditLogView;
class BulkActionBar;
class BulkActionRunner;
class EventDetailPanel;
class GraphqlWsClient;
class KeyedRowModel;
class MessageBar;

// The Events page: the event log by status tab (with counts), filtered by trigger, table, time
// and text in the payload or the error, one server page at a time, refreshed every second while
// shown; the selected event in detail; failures grouped by normalised error; operator actions
// (redeliver, retry all matching, cancel pending, pause/resume a trigger) run in batches with a
// progress bar; and the audit log of those actions on its own tab.
class EventsPage final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventsPage)

public:
    static constexpr int PageSize = 100;
    static constexpr int GroupLimit = 200;

    enum Tab { EventsTab, GroupsTab, AuditTab };

    // Without a client (a probe of the page factory) the page is an empty frame.
    explicit EventsPage(GraphqlWsClient *client, QWidget *parent = nullptr);
    ~EventsPage() override;

    KeyedRowModel *events() const { return m_events; }
    KeyedRowModel *groups() const { return m_groups; }
    QTableView *eventTable() const { return m_eventTable; }
    QTableView *groupTable() const { return m_groupTable; }
    QTabBar *stateTabs() const { return m_stateTabs; }
    QTabWidget *tabs() const { return m_tabs; }
    EventDetailPanel *detail() const { return m_detail; }
    AuditLogView *auditLog() const { return m_audit; }
    BulkActionRunner *runner() const { return m_runner; }
    BulkActionBar *bulkBar() const { return m_bulkBar; }
    MessageBar *messageBar() const { return m_messages; }
    // The confirmation of the bulk action being prepared, while it is open.
    QMessageBox *confirmation() const { return m_confirmation; }
    const QJsonObject &counts() const { return m_counts; }
    // The state tab's API name ("dead"), or empty for All.
    QString currentState() const;
    void setCurrentState(const QString &state);
    // The filter of the controls (without the state tab).
    QJsonObject filter() const;

public Q_SLOTS:
    // Asks the server again now (the timer does it every second while the page is shown).
    void refresh();
    void redeliverSelected();
    // Redelivers every event matching the filter on the current tab (dead ones on All), after a
    // confirmation that says how many.
    void retryMatching();
    void cancelPending();
    void retrySelectedGroup();
    void showSelectedGroupEvents();
    void toggleTriggerPaused();
    void nextPage();
    void previousPage();

private:
    void filtersChanged();
    void refreshList();
    void refreshCounts();
    void refreshGroups();
    void refreshTriggers();
    void onList(const GraphqlResult &result);
    void onCounts(const GraphqlResult &result);
    void onGroups(const GraphqlResult &result);
    void onTriggers(const GraphqlResult &result);
    void startBulk(
        int action, const QJsonObject &filter, const QString &what, bool confirm, const QString &reason = {});
    void onCounted(qint64 total);
    void onBulkFinished(qint64 done, bool cancelled);
    void updateActions();
    void updatePager();
    void showError(const QString &message);
    void showRefreshError(const QString &message);
    void refreshSucceeded();

    GraphqlWsClient *m_client;
    KeyedRowModel *m_events;
    KeyedRowModel *m_groups;
    BulkActionRunner *m_runner;
    QJsonObject m_counts;
    QJsonArray m_triggers;
    QString m_fingerprint; // "Show events" of a group narrows the list to it
    QString m_fingerprintLabel;
    int m_page = 0;
    int m_ticks = 0;
    quint64 m_filterGeneration = 0;
    bool m_listInFlight = false;
    bool m_countsInFlight = false;
    bool m_groupsInFlight = false;
    bool m_confirmNext = false; // the prepared action waits for a confirmation
    bool m_refreshFailed = false; // the message bar shows a failed refresh
    QString m_pendingWhat; // what the confirmation calls the events ("dead events matching the filter")
    QPointer<QMessageBox> m_confirmation;
    QTimer m_refreshTimer;
    QTimer m_filterDebounce;

    MessageBar *m_messages;
    BulkActionBar *m_bulkBar;
    QTabWidget *m_tabs;
    QTabBar *m_stateTabs;
    QComboBox *m_trigger;
    QLineEdit *m_table;
    QComboBox *m_time;
    QLineEdit *m_errorText;
    QLineEdit *m_payloadText;
    QLabel *m_groupChip;
    QPushButton *m_clearGroup;
    QPushButton *m_pause;
    QPushButton *m_redeliver;
    QPushButton *m_retryAll;
    QPushButton *m_cancelPending;
    QTableView *m_eventTable;
    EventDetailPanel *m_detail;
    QPushButton *m_previous;
    QPushButton *m_next;
    QLabel *m_pageLabel;
    QTableView *m_groupTable;
    QPushButton *m_retryGroup;
    QPushButton *m_showGroup;
    AuditLogView *m_audit;
};

} // namespace trefoil::ui
