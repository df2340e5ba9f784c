#include "core/ws/wsclose.h"

namespace trefoil::ws {

using namespace Qt::StringLiterals;

WsClose WsClose::normalClosure()
{
    return { WsCloseCode::NormalClosure, u"Normal Closure"_s };
}

WsClose WsClose::invalidMessage(const QString &why)
{
    return { WsCloseCode::InvalidMessage, fitReason(why) };
}

WsClose WsClose::unauthorized()
{
    return { WsCloseCode::Unauthorized, u"Unauthorized"_s };
}

WsClose WsClose::forbidden()
{
    return { WsCloseCode::Forbidden, u"Forbidden"_s };
}

WsClose WsClose::subprotocolNotAcceptable()
{
    return { WsCloseCode::SubprotocolNotAcceptable, u"Subprotocol not acceptable"_s };
}

WsClose WsClose::connectionInitialisationTimeout()
{
    return { WsCloseCode::ConnectionInitialisationTimeout, u"Connection initialisation timeout"_s };
}

WsClose WsClose::subscriberAlreadyExists(const QString &id)
{
    // The protocol's reason names the id; a cut id would name a different one, so an id too long
    // to fit gives a reason without it.
    const QString reason = u"Subscriber for "_s + id + u" already exists"_s;
    if (reason.toUtf8().size() <= MaxReasonBytes)
        return { WsCloseCode::SubscriberAlreadyExists, reason };
    return { WsCloseCode::SubscriberAlreadyExists, u"Subscriber already exists"_s };
}

WsClose WsClose::tooManyInitialisationRequests()
{
    return { WsCloseCode::TooManyInitialisationRequests, u"Too many initialisation requests"_s };
}

WsClose WsClose::internalServerError()
{
    return { WsCloseCode::InternalServerError, u"Internal server error"_s };
}

QString WsClose::fitReason(const QString &reason)
{
    qsizetype bytes = 0;
    qsizetype i = 0;
    while (i < reason.size()) {
        const bool pair = reason.at(i).isHighSurrogate() && i + 1 < reason.size() && reason.at(i + 1).isLowSurrogate();
        const char32_t code = pair ? QChar::surrogateToUcs4(reason.at(i), reason.at(i + 1)) : reason.at(i).unicode();
        const qsizetype width = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
        if (bytes + width > MaxReasonBytes)
            break;
        bytes += width;
        i += pair ? 2 : 1;
    }
    return reason.left(i);
}

} // namespace trefoil::ws
