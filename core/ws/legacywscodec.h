#pragma once

#include "core/ws/legacywsclientmessage.h"
#include "core/ws/legacywsservermessage.h"

#include <QLatin1StringView>
#include <QString>

#include <optional>

namespace trefoil::ws {

// Frames of the legacy graphql-ws sub-protocol (apollographql/subscriptions-transport-ws
// PROTOCOL.md) to and from message values. Pure: it checks each frame on its own; the rules below
// that need the session's state are the server session's to enforce.
//
// Unlike graphql-transport-ws, this protocol reports faults in messages and keeps the socket:
// a frame that does not parse gets connection_error and is otherwise ignored (the spec's words).
// decodeClientMessage says which message to send back: `error` with the operation's id when the
// fault belongs to an operation (a start whose id is fine but whose payload is not; an unknown type
// that carries an id), otherwise connection_error; both with payload {"message": why}.
//
// Server session rules:
// - A text frame that does not decode: send the reply decodeClientMessage gives, keep the socket.
//   A binary frame: send binaryFrame(), keep the socket.
// - connection_init runs the server's connection check (authentication, payload = connection
//   parameters). Accepted: connection_ack, then at once ka if keep-alive is on, and ka periodically
//   after that. Refused: connection_error {"message": why}, then close the socket (the reference
//   server closes with 1011 once the message is flushed).
// - The spec has no code for a second connection_init; the reference server runs the check again
//   and answers again. Nothing in it closes the socket for it.
// - start before the connection was acknowledged: the spec has the client initialise first; the
//   reference server lets it through (its check defaults to accepting). Where the server requires
//   authentication, answer error(id, {"message": …}) for that operation and keep the socket.
// - start with the id of an operation that is still active: the reference server stops the old
//   operation (as for stop) and starts the new one; no error.
// - An operation answers with data messages (resolver errors ride in data's payload.errors) and
//   then complete. A failure before execution (parse or validation errors) answers one
//   error(id, …) and ends the operation: no complete follows.
// - stop ends the operation and the server sends complete for it; stop for an unknown or finished
//   id is ignored.
// - connection_terminate: close the socket (1000).
// The client: sends connection_init first, starts operations after connection_ack with unique
// ids, stops them with stop, and ends with connection_terminate; it watches for ka only once the
// first ka arrived.
class LegacyWsCodec final {
public:
    LegacyWsCodec() = delete;

    static constexpr QLatin1StringView SubProtocol { "graphql-ws" };

    // Server side: a client's text frame, or nullopt with `*reply` the message to send back.
    static std::optional<LegacyWsClientMessage> decodeClientMessage(const QString &text, LegacyWsServerMessage *reply);
    // Client side: a server's text frame, or nullopt with `*error` saying why it is invalid.
    static std::optional<LegacyWsServerMessage> decodeServerMessage(const QString &text, QString *error);
    // The reply to a binary frame: the protocol's messages are JSON text.
    static LegacyWsServerMessage binaryFrame();

    // Compact JSON text frames.
    static QString encode(const LegacyWsServerMessage &message);
    // A data message around a result that is already compact JSON (see WsFrameJson::encodeWithRawPayload).
    static QString encodeData(const QString &id, const QByteArray &resultJson);
    static QString encode(const LegacyWsClientMessage &message);
};

} // namespace trefoil::ws
