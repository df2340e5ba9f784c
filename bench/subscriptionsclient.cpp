#include "bench/subscriptionsclient.h"

#include "bench/benchreport.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkRequest>
#include <QSocketNotifier>
#include <QWebSocket>
#include <QWebSocketHandshakeOptions>

#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>

namespace trefoil::bench {

namespace {

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

double seconds(const timeval &tv)
{
    return double(tv.tv_sec) + double(tv.tv_usec) / 1e6;
}

} // namespace

QString SubscriptionsClient::document()
{
    return QStringLiteral("subscription ($id: uuid!) { orders_by_pk(id: $id) { id status status_reason total } }");
}

SubscriptionsClient::SubscriptionsClient(Options options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
{
}

SubscriptionsClient::~SubscriptionsClient() = default;

void SubscriptionsClient::run(std::function<void(int)> done)
{
    m_done = std::move(done);
    const int subscribers = int(m_options.orderIds.size());
    const int sockets = std::max(1, std::min(m_options.sockets, subscribers));
    m_sockets.resize(size_t(sockets));
    for (int i = 0; i < subscribers; ++i)
        m_sockets[size_t(i % sockets)].subscribers.push_back(i);
    m_initial.assign(size_t(subscribers), false);
    m_receipts.reserve(100000);
    m_stdin = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, this);
    connect(m_stdin, &QSocketNotifier::activated, this, &SubscriptionsClient::readStdin);
    m_startedNs = steadyNs();
    openMore();
}

void SubscriptionsClient::openMore()
{
    while (m_connecting < m_options.connectingAtOnce && m_nextToOpen < int(m_sockets.size())) {
        const int index = m_nextToOpen++;
        ++m_connecting;
        auto *socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
        m_sockets[size_t(index)].socket = socket;
        connect(socket, &QWebSocket::connected, this, [this, index] { opened(index); });
        connect(socket, &QWebSocket::textMessageReceived, this,
            [this, index](const QString &text) { message(index, text, steadyNs()); });
        connect(socket, &QWebSocket::disconnected, this, [this, index, socket] {
            if (m_finished)
                return;
            if (!m_sockets[size_t(index)].acked)
                --m_connecting;
            if (m_errors++ < 5)
                say(QStringLiteral("client: socket %1 closed: %2 %3 %4")
                        .arg(index)
                        .arg(socket->closeCode())
                        .arg(socket->closeReason(), socket->errorString()));
            openMore();
        });
        QWebSocketHandshakeOptions handshake;
        handshake.setSubprotocols({ QStringLiteral("graphql-transport-ws") });
        socket->open(QNetworkRequest(m_options.url), handshake);
    }
}

void SubscriptionsClient::opened(int index)
{
    m_sockets[size_t(index)].socket->sendTextMessage(
        compact(QJsonObject { { QStringLiteral("type"), QStringLiteral("connection_init") } }));
}

void SubscriptionsClient::message(int index, const QString &text, qint64 receivedNs)
{
    Socket &socket = m_sockets[size_t(index)];
    const QJsonObject message = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString type = message.value(QLatin1String("type")).toString();
    if (type == QLatin1String("next")) {
        const int subscriber = message.value(QLatin1String("id")).toString().toInt();
        if (subscriber < 0 || subscriber >= int(m_initial.size()))
            return;
        const QJsonObject order = message.value(QLatin1String("payload"))
                                      .toObject()
                                      .value(QLatin1String("data"))
                                      .toObject()
                                      .value(QLatin1String("orders_by_pk"))
                                      .toObject();
        if (!m_initial[size_t(subscriber)]) {
            m_initial[size_t(subscriber)] = true;
            if (++m_initialCount == int(m_initial.size())) {
                rusage usage {};
                getrusage(RUSAGE_SELF, &usage);
                std::printf("ready %.3f %.3f %.3f\n", double(steadyNs() - m_startedNs) / 1e9, seconds(usage.ru_utime),
                    seconds(usage.ru_stime));
                std::fflush(stdout);
            }
        }
        // The updater writes "bench <seq>" into status_reason.
        const QString reason = order.value(QLatin1String("status_reason")).toString();
        if (reason.startsWith(QLatin1String("bench ")))
            m_receipts.push_back(Receipt { subscriber, reason.mid(6).toLongLong(), receivedNs });
    } else if (type == QLatin1String("connection_ack")) {
        socket.acked = true;
        --m_connecting;
        for (const int subscriber : socket.subscribers) {
            socket.socket->sendTextMessage(compact(QJsonObject { { QStringLiteral("id"), QString::number(subscriber) },
                { QStringLiteral("type"), QStringLiteral("subscribe") },
                { QStringLiteral("payload"),
                    QJsonObject { { QStringLiteral("query"), document() },
                        { QStringLiteral("variables"),
                            QJsonObject { { QStringLiteral("id"), m_options.orderIds.at(subscriber) } } } } } }));
        }
        openMore();
    } else if (type == QLatin1String("ping")) {
        socket.socket->sendTextMessage(compact(QJsonObject { { QStringLiteral("type"), QStringLiteral("pong") } }));
    } else if (type == QLatin1String("error") || type == QLatin1String("complete")) {
        if (m_errors++ < 5)
            say(QStringLiteral("client: %1").arg(text.left(300)));
    }
}

void SubscriptionsClient::readStdin()
{
    char buffer[256];
    const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
    if (n <= 0)
        return finish(0); // the server side went away
    m_stdinBuffer.append(buffer, qsizetype(n));
    if (m_stdinBuffer.contains("stop\n"))
        finish(0);
}

void SubscriptionsClient::finish(int exitCode)
{
    if (m_finished)
        return;
    m_finished = true;
    m_stdin->setEnabled(false);
    for (const Receipt &r : m_receipts)
        std::printf(
            "r %d %lld %lld\n", r.subscriber, static_cast<long long>(r.seq), static_cast<long long>(r.receivedNs));
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    int open = 0;
    for (const Socket &s : m_sockets)
        open += s.socket && s.socket->state() == QAbstractSocket::ConnectedState ? 1 : 0;
    std::printf("done %.3f %.3f %.1f %d %d %d\n", seconds(usage.ru_utime), seconds(usage.ru_stime), residentMegabytes(),
        open, m_errors, m_initialCount);
    std::fflush(stdout);
    for (Socket &s : m_sockets) {
        if (s.socket)
            s.socket->abort();
    }
    if (m_done)
        m_done(exitCode);
}

} // namespace trefoil::bench
