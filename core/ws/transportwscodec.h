#pragma once

#include "core/ws/transportwsclientmessage.h"
#include "core/ws/transportwsservermessage.h"
#include "core/ws/wsclose.h"

#include <QLatin1StringView>
#include <QString>

#include <optional>

namespace trefoil::ws {

// Frames of the graphql-transport-ws sub-protocol (the graphql-ws library's PROTOCOL.md) to and
// from message values. Pure: it checks each frame on its own; the rules below that need the
// session's state are the server session's to enforce.
//
// Server session rules (the close to send is WsClose::<name>(), then the socket is done):
// - The socket must have negotiated graphql-transport-ws, otherwise subprotocolNotAcceptable (4406).
// - A text frame that does not decode, closes with the WsClose decodeClientMessage gives (4400);
//   a binary frame closes with binaryFrame() (4400).
// - connection_init must arrive within the server's wait time (graphql-ws waits 3 s), otherwise
//   connectionInitialisationTimeout (4408).
// - A second connection_init, at any time (also before the first was acknowledged), closes with
//   tooManyInitialisationRequests (4429).
// - connection_init that the server refuses (authentication) closes with forbidden (4403);
//   otherwise it answers connection_ack (with an optional payload).
// - subscribe before the server has sent connection_ack closes with unauthorized (4401).
// - subscribe with the id of an operation that is still active, of any operation type, closes with
//   subscriberAlreadyExists(id) (4409). An id is active from its subscribe until the server sent
//   error or complete for it or the client sent complete for it; then it may be used again.
// - An operation answers with next messages (at most one for a query or mutation) and then
//   complete; or with one error message (validation or execution failure) and then nothing, not
//   even complete.
// - complete from the client stops the operation; the server sends nothing more for that id, not
//   even complete. complete for an unknown or finished id is ignored, not an error.
// - ping, at any time (also before connection_init), is answered with pong as soon as possible;
//   pong needs no answer. Either may carry a payload.
// - An unexpected failure of the server itself closes with internalServerError (4500).
// The client: sends connection_init first and subscribes only after connection_ack; keeps its
// active ids unique; answers ping with pong; ignores messages for ids it has completed; closes with
// 4400 on a server frame that does not decode, and with 1000 when done.
class TransportWsCodec final {
public:
    TransportWsCodec() = delete;

    static constexpr QLatin1StringView SubProtocol { "graphql-transport-ws" };

    // Server side: a client's text frame, or nullopt with `*close` saying how to close the socket.
    static std::optional<TransportWsClientMessage> decodeClientMessage(const QString &text, WsClose *close);
    // Client side: a server's text frame, or nullopt with `*close` saying how to close the socket.
    static std::optional<TransportWsServerMessage> decodeServerMessage(const QString &text, WsClose *close);
    // The close for a binary frame: the protocol's messages are JSON text.
    static WsClose binaryFrame();

    // Compact JSON text frames.
    static QString encode(const TransportWsServerMessage &message);
    // A next message around a result that is already compact JSON (see WsFrameJson::encodeWithRawPayload).
    static QString encodeNext(const QString &id, const QByteArray &resultJson);
    static QString encode(const TransportWsClientMessage &message);
};

} // namespace trefoil::ws
