#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTableView;

namespace trefoil::ui {

struct GraphqlResult;
class GraphqlWsClient;
class KeyedRowModel;
class RowDiffModel;

// The selected event in detail: what it is and where it stands (for an in-flight one, the worker
// holding its lease and when the lease expires, with Release lease), the payload pretty-printed,
// the old and new row of an UPDATE side by side, and every invocation with its request, response
// status and body, duration and error.
class EventDetailPanel final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventDetailPanel)

public:
    explicit EventDetailPanel(GraphqlWsClient *client, QWidget *parent = nullptr);

    // Shows `eventId` (empty: nothing); asks the server for it at once.
    void setEvent(const QString &eventId);
    QString eventId() const { return m_eventId; }
    // Asks the server again for the shown event (the page calls it while the event may change).
    void refresh();

    const QJsonObject &eventObject() const { return m_event; }
    const QJsonArray &invocations() const { return m_invocations; }
    RowDiffModel *diff() const { return m_diff; }
    QTabWidget *tabs() const { return m_tabs; }
    QPlainTextEdit *payloadView() const { return m_payload; }
    QPushButton *releaseButton() const { return m_release; }

    enum Tab { PayloadTab, ChangesTab, InvocationsTab };

Q_SIGNALS:
    void errorOccurred(const QString &message);
    void leaseReleased();

private:
    void onDetail(const GraphqlResult &result);
    void display(const QJsonObject &event, const QJsonArray &invocations);
    void showInvocation();
    void releaseLease();

    GraphqlWsClient *m_client;
    QString m_eventId;
    quint64 m_generation = 0;
    QJsonObject m_event;
    QJsonArray m_invocations;
    KeyedRowModel *m_attempts;
    RowDiffModel *m_diff;

    QLabel *m_title;
    QLabel *m_facts;
    QLabel *m_lease;
    QPushButton *m_release;
    QTabWidget *m_tabs;
    QPlainTextEdit *m_payload;
    QTableView *m_changes;
    QTableView *m_attemptTable;
    QPlainTextEdit *m_attemptText;
};

} // namespace trefoil::ui
