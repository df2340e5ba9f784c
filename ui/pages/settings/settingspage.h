#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace trefoil::ui {

class GraphqlWsClient;
class MessageBar;
struct GraphqlResult;

// The Settings page: the connection (where the dashboard is connected, and File → Connect to…),
// the language (stored, applied at the next start), the theme (applied at once and stored) and the
// server's retention ages (trefoil_settings / trefoil_set_settings).
class SettingsPage final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsPage)

public:
    static constexpr int MaxDeliveredHours = 24 * 365;
    static constexpr int MaxDeadDays = 3650;

    // Without a client (a probe of the page factory) the retention part stays empty.
    explicit SettingsPage(GraphqlWsClient *client, QWidget *parent = nullptr);

    MessageBar *messageBar() const { return m_messages; }
    QComboBox *languageBox() const { return m_language; }
    QComboBox *themeBox() const { return m_theme; }
    QCheckBox *deliveredForeverBox() const { return m_deliveredForever; }
    QSpinBox *deliveredHoursBox() const { return m_deliveredHours; }
    QCheckBox *deadForeverBox() const { return m_deadForever; }
    QSpinBox *deadDaysBox() const { return m_deadDays; }
    QPushButton *applyRetentionButton() const { return m_applyRetention; }
    // Whether the retention controls show the server's settings yet.
    bool retentionLoaded() const { return m_loaded; }

public Q_SLOTS:
    void loadRetention();
    void applyRetention();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void showConnection();
    void showRetention(const QJsonObject &settings);
    void updateRetentionControls();

    GraphqlWsClient *m_client;
    bool m_loaded = false;
    bool m_sending = false;

    MessageBar *m_messages;
    QLabel *m_endpoint;
    QLabel *m_connectionState;
    QPushButton *m_connect;
    QComboBox *m_language;
    QComboBox *m_theme;
    QCheckBox *m_deliveredForever;
    QSpinBox *m_deliveredHours;
    QCheckBox *m_deadForever;
    QSpinBox *m_deadDays;
    QPushButton *m_applyRetention;
};

} // namespace trefoil::ui
