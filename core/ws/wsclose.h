#pragma once

#include <QString>

namespace trefoil::ws {

// The close codes of graphql-transport-ws (the graphql-ws library's PROTOCOL.md) plus the
// standard normal closure a client ends with. The legacy graphql-ws protocol closes only with
// standard codes: it reports faults in connection_error / error messages instead.
enum class WsCloseCode : quint16 {
    NormalClosure = 1000,
    InvalidMessage = 4400, // a message of a type or format the protocol does not specify
    Unauthorized = 4401, // subscribe before the connection was acknowledged
    Forbidden = 4403, // connection_init refused (authentication failed)
    SubprotocolNotAcceptable = 4406, // the socket did not negotiate graphql-transport-ws
    ConnectionInitialisationTimeout = 4408, // no connection_init within the server's wait time
    SubscriberAlreadyExists = 4409, // subscribe with the id of an operation that is still active
    TooManyInitialisationRequests = 4429, // a second connection_init
    InternalServerError = 4500,
};

// A close frame to send: the code and the reason, the reason kept within the 123 bytes of UTF-8
// a close frame can carry (RFC 6455 5.5). The reasons are protocol text read by programs, so they
// are fixed English and deliberately not translated; every one of them is spelled here.
struct WsClose {
    WsCloseCode code = WsCloseCode::NormalClosure;
    QString reason;

    static constexpr qsizetype MaxReasonBytes = 123;

    static WsClose normalClosure();
    static WsClose invalidMessage(const QString &why); // why the message is invalid, cut to fit
    static WsClose unauthorized();
    static WsClose forbidden();
    static WsClose subprotocolNotAcceptable();
    static WsClose connectionInitialisationTimeout();
    static WsClose subscriberAlreadyExists(const QString &id); // a generic reason if the id is too long
    static WsClose tooManyInitialisationRequests();
    static WsClose internalServerError();

    // `reason` cut at a character boundary so its UTF-8 form has at most MaxReasonBytes bytes.
    static QString fitReason(const QString &reason);

    friend bool operator==(const WsClose &, const WsClose &) = default;
};

} // namespace trefoil::ws
