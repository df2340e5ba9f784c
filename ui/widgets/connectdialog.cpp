#include "ui/widgets/connectdialog.h"

#include "ui/client/graphqlwsclient.h"
#include "ui/widgets/statuscolours.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace trefoil::ui {

namespace {
constexpr int EmbeddedRole = Qt::UserRole + 1;
constexpr int RecentIndexRole = Qt::UserRole + 2;
} // namespace

ConnectDialog::ConnectDialog(
    const std::optional<GraphqlEndpoint> &embedded, const QString &embeddedLocation, QWidget *parent)
    : QDialog(parent)
    , m_embedded(embedded)
    , m_recent(RecentConnections::load())
    , m_list(new QListWidget(this))
    , m_url(new QLineEdit(this))
    , m_secret(new QLineEdit(this))
    , m_rememberSecret(new QCheckBox(tr("Remember the secret"), this))
    , m_message(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Connect to"));
    setObjectName(QStringLiteral("connectDialog"));
    m_list->setObjectName(QStringLiteral("recentConnections"));
    m_url->setObjectName(QStringLiteral("url"));
    m_secret->setObjectName(QStringLiteral("adminSecret"));
    m_rememberSecret->setObjectName(QStringLiteral("rememberSecret"));
    m_message->setObjectName(QStringLiteral("message"));

    if (m_embedded) {
        auto *item = new QListWidgetItem(tr("Embedded database"), m_list);
        item->setToolTip(embeddedLocation);
        item->setData(EmbeddedRole, true);
    }
    for (int index = 0; index < m_recent.size(); ++index) {
        auto *item = new QListWidgetItem(m_recent.at(index).url.toDisplayString(QUrl::RemoveUserInfo), m_list);
        item->setData(RecentIndexRole, index);
    }
    if (m_list->count() > 0)
        m_list->setMaximumHeight(m_list->sizeHintForRow(0) * 6 + 2 * m_list->frameWidth());

    m_url->setPlaceholderText(QStringLiteral("http://127.0.0.1:8080"));
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setPlaceholderText(tr("the server's --admin-secret"));
    auto *secretNote = new QLabel(
        tr("A remembered secret is stored unencrypted in Trefoil's settings file; otherwise you type it each time."),
        this);
    secretNote->setWordWrap(true);
    secretNote->setForegroundRole(QPalette::PlaceholderText);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->hide();

    QPushButton *connectButton = m_buttons->addButton(tr("&Connect"), QDialogButtonBox::AcceptRole);
    connectButton->setObjectName(QStringLiteral("connectButton"));
    connectButton->setDefault(true);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ConnectDialog::tryConnect);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::currentRowChanged, this, &ConnectDialog::onRowChanged);
    connect(m_list, &QListWidget::itemDoubleClicked, this, &ConnectDialog::tryConnect);

    auto *form = new QFormLayout;
    form->addRow(tr("Server &URL:"), m_url);
    form->addRow(tr("Admin &secret:"), m_secret);
    form->addRow(QString(), m_rememberSecret);
    form->addRow(QString(), secretNote);
    auto *layout = new QVBoxLayout(this);
    auto *recentLabel = new QLabel(tr("&Recent connections:"), this);
    recentLabel->setBuddy(m_list);
    layout->addWidget(recentLabel);
    layout->addWidget(m_list);
    // Nothing to pick from (no embedded backend, nothing remembered): the form alone.
    recentLabel->setVisible(m_list->count() > 0);
    m_list->setVisible(m_list->count() > 0);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    resize(520, sizeHint().height());

    if (m_list->count() > 0)
        m_list->setCurrentRow(0);
    else
        m_url->setFocus();
}

void ConnectDialog::onRowChanged(int row)
{
    QListWidgetItem *item = m_list->item(row);
    const bool embedded = item && item->data(EmbeddedRole).toBool();
    m_url->setEnabled(!embedded);
    m_secret->setEnabled(!embedded);
    m_rememberSecret->setEnabled(!embedded);
    if (embedded) {
        m_url->setText(m_embedded->url.toDisplayString());
        m_secret->clear();
        m_secret->setPlaceholderText(tr("made for this run"));
        return;
    }
    m_secret->setPlaceholderText(tr("the server's --admin-secret"));
    if (!item)
        return;
    const auto &entry = m_recent.at(item->data(RecentIndexRole).toInt());
    m_url->setText(entry.url.toDisplayString());
    m_secret->setText(entry.adminSecret);
    m_rememberSecret->setChecked(entry.rememberSecret);
}

void ConnectDialog::tryConnect()
{
    QListWidgetItem *item = m_list->currentItem();
    const bool embedded = item && item->data(EmbeddedRole).toBool() && m_embedded;
    GraphqlEndpoint endpoint
        = embedded ? *m_embedded : GraphqlEndpoint { QUrl::fromUserInput(m_url->text().trimmed()), m_secret->text() };
    QString problem;
    if (!endpoint.webSocketUrl(&problem).isValid()) {
        showMessage(problem, true);
        return;
    }
    stopProbe();
    showMessage(tr("Connecting to %1…").arg(endpoint.displayName()), false);
    m_probe = new GraphqlWsClient(this);
    m_probe->setEndpoint(endpoint);
    connect(m_probe, &GraphqlWsClient::stateChanged, this, [this, endpoint, embedded](const ConnectionState &state) {
        switch (state.kind) {
        case ConnectionState::Kind::Connected:
            m_chosen = endpoint;
            m_chosenEmbedded = embedded;
            if (!embedded)
                RecentConnections::remember({ endpoint.url, endpoint.adminSecret, m_rememberSecret->isChecked() });
            stopProbe();
            accept();
            return;
        case ConnectionState::Kind::Failed:
            showMessage(state.message, true);
            stopProbe();
            return;
        case ConnectionState::Kind::Reconnecting:
            showMessage(
                tr("Not reachable yet (%1); still trying. Cancel to keep the current connection.").arg(state.message),
                true);
            return;
        case ConnectionState::Kind::Connecting:
        case ConnectionState::Kind::Disconnected:
            return;
        }
    });
    m_probe->open();
}

void ConnectDialog::showMessage(const QString &text, bool isError)
{
    m_message->setText(text);
    QPalette palette = m_message->palette();
    palette.setColor(QPalette::WindowText,
        isError ? statusColour(StatusTone::Bad, palette) : palette.color(QPalette::Active, QPalette::WindowText));
    m_message->setPalette(palette);
    m_message->show();
}

void ConnectDialog::stopProbe()
{
    if (!m_probe)
        return;
    m_probe->disconnect(this);
    m_probe->close();
    m_probe->deleteLater();
    m_probe = nullptr;
}

} // namespace trefoil::ui
