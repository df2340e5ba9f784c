#include "ui/pages/settings/settingspage.h"

#include "ui/client/graphqldocuments.h"
#include "ui/client/graphqlwsclient.h"
#include "ui/mainwindow.h"
#include "ui/pages/settings/uipreferences.h"
#include "ui/widgets/messagebar.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace trefoil::ui {

namespace {

constexpr QLatin1StringView ServerSettingsDocument { "server_settings" };
constexpr QLatin1StringView SetServerSettingsDocument { "set_server_settings" };
const QString DeliveredKey = QStringLiteral("delivered_retention_hours");
const QString DeadKey = QStringLiteral("dead_retention_days");

QLabel *hint(const QString &text, QWidget *parent, bool wrap = false)
{
    auto *label = new QLabel(text, parent);
    label->setWordWrap(wrap);
    label->setEnabled(false);
    return label;
}

} // namespace

SettingsPage::SettingsPage(GraphqlWsClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_messages(new MessageBar(this))
    , m_endpoint(new QLabel(this))
    , m_connectionState(new QLabel(this))
    , m_connect(new QPushButton(tr("&Connect to…"), this))
    , m_language(new QComboBox(this))
    , m_theme(new QComboBox(this))
    , m_deliveredForever(new QCheckBox(tr("Keep for ever"), this))
    , m_deliveredHours(new QSpinBox(this))
    , m_deadForever(new QCheckBox(tr("Keep for ever"), this))
    , m_deadDays(new QSpinBox(this))
    , m_applyRetention(new QPushButton(tr("&Apply retention"), this))
{
    // Connection.
    m_endpoint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_connect->setObjectName(QStringLiteral("connectButton"));
    auto *connectionBox = new QGroupBox(tr("Connection"), this);
    auto *connectionForm = new QFormLayout(connectionBox);
    connectionForm->addRow(tr("Endpoint:"), m_endpoint);
    connectionForm->addRow(tr("State:"), m_connectionState);
    auto *connectRow = new QHBoxLayout;
    connectRow->addWidget(m_connect);
    connectRow->addStretch(1);
    connectionForm->addRow(QString(), connectRow);
    connect(m_connect, &QPushButton::clicked, this, [this] {
        if (auto *window = qobject_cast<MainWindow *>(this->window()))
            window->showConnectDialog();
    });
    if (m_client)
        connect(m_client, &GraphqlWsClient::stateChanged, this, &SettingsPage::showConnection);

    // Language: the translations are loaded at start, so a change applies at the next one.
    m_language->setObjectName(QStringLiteral("languageBox"));
    const QString systemLanguage = QLocale::system().nativeLanguageName();
    m_language->addItem(systemLanguage.isEmpty() ? tr("System") : tr("System (%1)").arg(systemLanguage),
        static_cast<int>(UiPreferences::Language::System));
    m_language->addItem(QStringLiteral("English"), static_cast<int>(UiPreferences::Language::English));
    m_language->addItem(QStringLiteral("Deutsch"), static_cast<int>(UiPreferences::Language::German));
    m_language->setCurrentIndex(m_language->findData(static_cast<int>(UiPreferences::language())));
    connect(m_language, &QComboBox::currentIndexChanged, this, [this] {
        UiPreferences::setLanguage(static_cast<UiPreferences::Language>(m_language->currentData().toInt()));
        m_messages->showMessage(tr("The language changes when Trefoil starts again."), MessageBar::Kind::Information);
    });

    // Theme: applied at once.
    m_theme->setObjectName(QStringLiteral("themeBox"));
    m_theme->addItem(tr("System"), static_cast<int>(UiPreferences::Theme::System));
    m_theme->addItem(tr("Light"), static_cast<int>(UiPreferences::Theme::Light));
    m_theme->addItem(tr("Dark"), static_cast<int>(UiPreferences::Theme::Dark));
    // The theme in use: TREFOIL_PALETTE=dark overrides the stored one for this run.
    m_theme->setCurrentIndex(m_theme->findData(static_cast<int>(UiPreferences::startupTheme())));
    connect(m_theme, &QComboBox::currentIndexChanged, this, [this] {
        const auto theme = static_cast<UiPreferences::Theme>(m_theme->currentData().toInt());
        UiPreferences::setTheme(theme);
        if (auto *app = qobject_cast<QApplication *>(QCoreApplication::instance()))
            UiPreferences::applyTheme(*app, theme);
    });

    auto *appearanceBox = new QGroupBox(tr("Language and appearance"), this);
    auto *appearanceForm = new QFormLayout(appearanceBox);
    appearanceForm->setFieldGrowthPolicy(QFormLayout::FieldsStayAtSizeHint);
    appearanceForm->addRow(tr("&Language:"), m_language);
    appearanceForm->addRow(QString(), hint(tr("Applies after Trefoil is restarted."), this));
    appearanceForm->addRow(tr("&Theme:"), m_theme);
    appearanceForm->addRow(QString(), hint(tr("Applies at once."), this));

    // Retention, on the server.
    m_deliveredForever->setObjectName(QStringLiteral("deliveredForever"));
    m_deliveredHours->setObjectName(QStringLiteral("deliveredHours"));
    m_deliveredHours->setRange(1, MaxDeliveredHours);
    m_deliveredHours->setSuffix(tr(" hours"));
    m_deliveredHours->setValue(168);
    m_deadForever->setObjectName(QStringLiteral("deadForever"));
    m_deadDays->setObjectName(QStringLiteral("deadDays"));
    m_deadDays->setRange(1, MaxDeadDays);
    m_deadDays->setSuffix(tr(" days"));
    m_deadDays->setValue(30);
    m_applyRetention->setObjectName(QStringLiteral("applyRetentionButton"));
    auto *deliveredRow = new QHBoxLayout;
    deliveredRow->addWidget(m_deliveredHours);
    deliveredRow->addWidget(m_deliveredForever);
    deliveredRow->addStretch(1);
    auto *deadRow = new QHBoxLayout;
    deadRow->addWidget(m_deadDays);
    deadRow->addWidget(m_deadForever);
    deadRow->addStretch(1);
    auto *applyRow = new QHBoxLayout;
    applyRow->addWidget(m_applyRetention);
    applyRow->addStretch(1);
    auto *retentionBox = new QGroupBox(tr("Event retention (on the server)"), this);
    auto *retentionForm = new QFormLayout(retentionBox);
    // Rows of a layout get no buddy from QFormLayout: the labels are made here, with theirs.
    auto *deliveredLabel = new QLabel(tr("&Delivered events:"), this);
    deliveredLabel->setBuddy(m_deliveredHours);
    auto *deadLabel = new QLabel(tr("D&ead events:"), this);
    deadLabel->setBuddy(m_deadDays);
    retentionForm->addRow(deliveredLabel, deliveredRow);
    retentionForm->addRow(deadLabel, deadRow);
    retentionForm->addRow(QString(),
        hint(tr("Older events are deleted by the server every minute. Pending and retrying events are always "
                "kept."),
            this, true));
    retentionForm->addRow(QString(), applyRow);
    connect(m_deliveredForever, &QCheckBox::toggled, this, &SettingsPage::updateRetentionControls);
    connect(m_deadForever, &QCheckBox::toggled, this, &SettingsPage::updateRetentionControls);
    connect(m_applyRetention, &QPushButton::clicked, this, &SettingsPage::applyRetention);

    auto *columns = new QHBoxLayout;
    auto *left = new QVBoxLayout;
    left->addWidget(connectionBox);
    left->addWidget(appearanceBox);
    left->addStretch(1);
    auto *right = new QVBoxLayout;
    right->addWidget(retentionBox);
    right->addStretch(1);
    columns->addLayout(left, 1);
    columns->addLayout(right, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_messages);
    layout->addLayout(columns, 1);

    showConnection();
    updateRetentionControls();
}

void SettingsPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    showConnection();
    if (!m_loaded)
        loadRetention();
}

void SettingsPage::showConnection()
{
    if (!m_client) {
        m_endpoint->setText(tr("Not connected"));
        m_connectionState->clear();
        m_connect->setEnabled(false);
        return;
    }
    m_endpoint->setText(m_client->endpoint().webSocketUrl().toDisplayString());
    m_connectionState->setText(m_client->state().describe());
    m_connect->setEnabled(qobject_cast<MainWindow *>(window()) != nullptr);
}

void SettingsPage::loadRetention()
{
    if (!m_client)
        return;
    m_client->execute(GraphqlDocuments::request(ServerSettingsDocument), this, [this](const GraphqlResult &result) {
        if (!result.isOk())
            return m_messages->showMessage(tr("Could not read the server's settings: %1").arg(result.errorString()));
        showRetention(result.data.value(QLatin1String("trefoil_settings")).toObject());
    });
}

void SettingsPage::showRetention(const QJsonObject &settings)
{
    const QJsonValue delivered = settings.value(DeliveredKey);
    const QJsonValue dead = settings.value(DeadKey);
    m_deliveredForever->setChecked(!delivered.isDouble());
    if (delivered.isDouble())
        m_deliveredHours->setValue(delivered.toInt());
    m_deadForever->setChecked(!dead.isDouble());
    if (dead.isDouble())
        m_deadDays->setValue(dead.toInt());
    m_loaded = true;
    updateRetentionControls();
}

void SettingsPage::updateRetentionControls()
{
    m_deliveredHours->setEnabled(m_loaded && !m_deliveredForever->isChecked());
    m_deadDays->setEnabled(m_loaded && !m_deadForever->isChecked());
    m_deliveredForever->setEnabled(m_loaded);
    m_deadForever->setEnabled(m_loaded);
    m_applyRetention->setEnabled(m_loaded && !m_sending);
}

void SettingsPage::applyRetention()
{
    if (!m_client || !m_loaded || m_sending)
        return;
    const QJsonObject settings {
        { DeliveredKey,
            m_deliveredForever->isChecked() ? QJsonValue(QJsonValue::Null) : QJsonValue(m_deliveredHours->value()) },
        { DeadKey, m_deadForever->isChecked() ? QJsonValue(QJsonValue::Null) : QJsonValue(m_deadDays->value()) },
    };
    m_sending = true;
    updateRetentionControls();
    m_client->execute(
        GraphqlDocuments::request(SetServerSettingsDocument, { { QStringLiteral("settings"), settings } }), this,
        [this](const GraphqlResult &result) {
            m_sending = false;
            if (!result.isOk()) {
                m_messages->showMessage(tr("Could not change the retention: %1").arg(result.errorString()));
                updateRetentionControls();
                return;
            }
            showRetention(result.data.value(QLatin1String("trefoil_set_settings")).toObject());
            m_messages->showMessage(tr("Retention saved."), MessageBar::Kind::Information);
        });
}

} // namespace trefoil::ui
