#pragma once

#include "ui/client/graphqlendpoint.h"
#include "ui/connections/recentconnections.h"

#include <QDialog>
#include <QPointer>

#include <optional>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;

namespace trefoil::ui {

class GraphqlWsClient;

// File → Connect to…: the embedded database (when there is one) and the recent servers to pick
// from, or a URL and admin secret to type. Connect tries the endpoint with a client of its own
// and closes only once it is connected; a refusal (a wrong secret) or an unreachable server is
// shown in the dialog, so the window keeps its current connection until the new one works.
class ConnectDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConnectDialog)

public:
    // `embedded`: the embedded backend's endpoint, listed first; nullopt when there is none.
    ConnectDialog(
        const std::optional<GraphqlEndpoint> &embedded, const QString &embeddedLocation, QWidget *parent = nullptr);

    // After accept(): the endpoint chosen, and whether it is the embedded database.
    GraphqlEndpoint endpoint() const { return m_chosen; }
    bool isEmbedded() const { return m_chosenEmbedded; }

private:
    std::optional<GraphqlEndpoint> m_embedded;
    QList<RecentConnections::Entry> m_recent;
    QListWidget *m_list;
    QLineEdit *m_url;
    QLineEdit *m_secret;
    QCheckBox *m_rememberSecret;
    QLabel *m_message;
    QDialogButtonBox *m_buttons;
    QPointer<GraphqlWsClient> m_probe;
    GraphqlEndpoint m_chosen;
    bool m_chosenEmbedded = false;

    void onRowChanged(int row);
    void tryConnect();
    void showMessage(const QString &text, bool isError);
    void stopProbe();
};

} // namespace trefoil::ui
