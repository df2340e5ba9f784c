#pragma once

#include <QWidget>

class QCheckBox;
class QGroupBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableView;

namespace trefoil::ui {

class FunctionStatsModel;
class GraphqlWsClient;
class MessageBar;
class PolledQuery;
struct GraphqlResult;

// The Functions page: each built-in function's live call rate, error rate and durations
// (trefoil_function_stats, asked again every PollIntervalMs while shown), and the fault-injection
// controls of the selected one — failure probability, added latency, timeout, always fail — so an
// operator stages an incident from here and its recovery (Clear fault) too.
class FunctionsPage final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FunctionsPage)

public:
    static constexpr int PollIntervalMs = 1500;
    static constexpr int WindowSeconds = 60; // "the last minute" on the page

    // Without a client (a probe of the page factory) the page is an empty frame.
    explicit FunctionsPage(GraphqlWsClient *client, QWidget *parent = nullptr);

    FunctionStatsModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    MessageBar *messageBar() const { return m_messages; }
    QSpinBox *failureRateBox() const { return m_failureRate; }
    QSpinBox *latencyBox() const { return m_latency; }
    QCheckBox *timeoutBox() const { return m_timeout; }
    QCheckBox *alwaysFailBox() const { return m_alwaysFail; }
    QPushButton *applyButton() const { return m_apply; }
    QPushButton *clearButton() const { return m_clear; }
    QString selectedFunction() const;
    void selectFunction(const QString &name);

public Q_SLOTS:
    // Sends the controls' fault for the selected function.
    void applyFault();
    // Sends "no fault" for the selected function: the recovery.
    void clearFault();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void onStats(const GraphqlResult &result);
    void onSelectionChanged();
    // The controls show the selected function's fault (unless the user is editing them).
    void loadControls();
    void sendFault(const QString &name, int failurePercent, int latencyMs, bool timeout, bool alwaysFail);
    void updateActions();

    GraphqlWsClient *m_client;
    FunctionStatsModel *m_model;
    PolledQuery *m_stats;
    bool m_edited = false; // the controls differ from the server's fault: refreshes leave them
    bool m_sending = false;

    MessageBar *m_messages;
    QTableView *m_table;
    QGroupBox *m_faultBox;
    QLabel *m_faultHint;
    QLabel *m_faultNow;
    QSpinBox *m_failureRate;
    QSpinBox *m_latency;
    QCheckBox *m_timeout;
    QCheckBox *m_alwaysFail;
    QPushButton *m_apply;
    QPushButton *m_clear;
    QLabel *m_window;
};

} // namespace trefoil::ui
