#include "backend/server/wsoutbox.h"

#include <QWebSocket>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace trefoil::server {

namespace {
qint64 textBytes(const QString &text)
{
    // UTF-16 length is a cheap bound of the frame's size within a factor of 1.5; held bytes only
    // need to be bounded, not exact.
    return text.size() * 2;
}
} // namespace

WsOutbox::WsOutbox(QWebSocket *socket, const GraphqlWebSocketOptions &options, QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_options(options)
{
    m_stallTimer.setSingleShot(true);
    m_stallTimer.setInterval(m_options.sendStallTimeoutMs);
    connect(&m_stallTimer, &QTimer::timeout, this, [this] {
        if (!overBudget())
            return;
        qWarning("trefoil::server: closing a GraphQL WebSocket whose client has not read its messages for %d ms",
            m_options.sendStallTimeoutMs);
        close(QWebSocketProtocol::CloseCodePolicyViolated,
            u"Client too slow: more than %1 bytes unread for %2 ms"_s.arg(m_options.sendBudgetBytes)
                .arg(m_options.sendStallTimeoutMs));
    });
    m_abortTimer.setSingleShot(true);
    m_abortTimer.setInterval(m_options.closeGraceMs);
    connect(&m_abortTimer, &QTimer::timeout, this, [this] { m_socket->abort(); });
    // QWebSocket::bytesToWrite() is the socket's own count of unsent bytes (frame headers
    // included), so the budget is measured rather than estimated from what was queued.
    connect(m_socket, &QWebSocket::bytesWritten, this, [this] {
        drain();
        checkBudget();
    });
}

bool WsOutbox::overBudget() const
{
    return m_socket->bytesToWrite() > m_options.sendBudgetBytes;
}

void WsOutbox::send(const QString &text)
{
    if (m_closing)
        return;
    write(text);
}

void WsOutbox::send(quint64 key, const QString &text, Delivery delivery)
{
    if (m_closing)
        return;
    // Behind held messages of the same operation, a message waits its turn.
    if (overBudget() || m_heldPerKey.value(key) > 0)
        hold(key, text, delivery);
    else
        write(text);
}

void WsOutbox::write(const QString &text)
{
    m_socket->sendTextMessage(text);
    checkBudget();
}

void WsOutbox::hold(quint64 key, const QString &text, Delivery delivery)
{
    if (delivery == Delivery::LatestOnly) {
        // The newest held replaceable message of the operation, if it is the operation's last.
        const auto last = std::find_if(m_held.rbegin(), m_held.rend(), [key](const Held &h) { return h.key == key; });
        if (last != m_held.rend() && last->delivery == Delivery::LatestOnly) {
            m_heldBytes += textBytes(text) - textBytes(last->text);
            last->text = text;
            checkBudget();
            return;
        }
    }
    m_held.push_back(Held { key, text, delivery });
    ++m_heldPerKey[key];
    m_heldBytes += textBytes(text);
    checkBudget();
}

void WsOutbox::discard(quint64 key)
{
    if (m_heldPerKey.remove(key) == 0)
        return;
    const auto removed = std::remove_if(m_held.begin(), m_held.end(), [this, key](const Held &h) {
        if (h.key != key)
            return false;
        m_heldBytes -= textBytes(h.text);
        return true;
    });
    m_held.erase(removed, m_held.end());
}

void WsOutbox::drain()
{
    while (!m_closing && !m_held.empty() && !overBudget()) {
        Held next = std::move(m_held.front());
        m_held.pop_front();
        m_heldBytes -= textBytes(next.text);
        if (--m_heldPerKey[next.key] == 0)
            m_heldPerKey.remove(next.key);
        m_socket->sendTextMessage(next.text);
    }
}

void WsOutbox::checkBudget()
{
    if (m_closing)
        return;
    if (m_socket->bytesToWrite() + m_heldBytes > m_options.sendBufferLimitBytes) {
        // A close frame would wait behind everything the client does not read: drop it now.
        qWarning("trefoil::server: dropping a GraphQL WebSocket client with more than %lld bytes unread",
            static_cast<long long>(m_options.sendBufferLimitBytes));
        m_closing = true;
        m_stallTimer.stop();
        m_held.clear();
        m_heldPerKey.clear();
        m_heldBytes = 0;
        m_socket->abort();
        return;
    }
    if (overBudget()) {
        if (!m_stallTimer.isActive())
            m_stallTimer.start();
    } else {
        m_stallTimer.stop();
    }
}

void WsOutbox::close(quint16 code, const QString &reason)
{
    if (m_closing)
        return;
    m_closing = true;
    m_stallTimer.stop();
    m_held.clear();
    m_heldPerKey.clear();
    m_heldBytes = 0;
    m_socket->close(static_cast<QWebSocketProtocol::CloseCode>(code), reason);
    m_abortTimer.start();
}

} // namespace trefoil::server
