#pragma once

#include <QList>
#include <QObject>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <vector>

class QSocketNotifier;
class QWebSocket;

namespace trefoil::bench {

// The load generator of `trefoil-bench subscriptions`, run as a process of its own (the hidden
// mode `subscriptions-client`) so that its CPU is not counted as the server's. It subscribes
// once per order id over graphql-transport-ws, prints `ready` once every subscription has its
// first result, records when each later result arrives, and on `stop` (a line on stdin) prints
// its receipts (`r <subscriber> <update seq> <steady clock ns>`) and a `done` line with its own cost.
class SubscriptionsClient final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SubscriptionsClient)

public:
    struct Options {
        QUrl url;
        QStringList orderIds;
        int sockets = 1; // the subscriptions are spread over this many sockets
        int connectingAtOnce = 32; // handshakes in flight, so the server's accept queue never overflows
    };

    explicit SubscriptionsClient(Options options, QObject *parent = nullptr);
    ~SubscriptionsClient() override;
    // Starts; `done` gets the exit code once stopped or failed.
    void run(std::function<void(int exitCode)> done);

    // The subscription document, shared with the server side's checks.
    static QString document();

private:
    struct Receipt {
        int subscriber = 0;
        qint64 seq = 0;
        qint64 receivedNs = 0;
    };
    struct Socket {
        QWebSocket *socket = nullptr;
        std::vector<int> subscribers;
        bool acked = false;
    };

    Options m_options;
    std::function<void(int)> m_done;
    std::vector<Socket> m_sockets;
    std::vector<bool> m_initial; // per subscriber: first result received
    int m_initialCount = 0;
    int m_nextToOpen = 0;
    int m_connecting = 0;
    int m_errors = 0;
    bool m_finished = false;
    qint64 m_startedNs = 0;
    std::vector<Receipt> m_receipts;
    QSocketNotifier *m_stdin = nullptr;
    QByteArray m_stdinBuffer;

    void openMore();
    void opened(int index);
    void message(int index, const QString &text, qint64 receivedNs);
    void readStdin();
    void finish(int exitCode);
};

} // namespace trefoil::bench
