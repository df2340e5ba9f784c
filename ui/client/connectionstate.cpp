#include "ui/client/connectionstate.h"

#include <QtMath>

namespace trefoil::ui {

QString ConnectionState::describe(const QDateTime &now) const
{
    switch (kind) {
    case Kind::Disconnected:
        return tr("Not connected");
    case Kind::Connecting:
        return tr("Connecting…");
    case Kind::Connected:
        return tr("Connected");
    case Kind::Reconnecting: {
        const int seconds = qMax(0, qCeil(static_cast<double>(now.msecsTo(nextAttempt)) / 1000.0));
        const QString when = tr("Reconnecting in %n s (attempt %1)", nullptr, seconds).arg(attempt);
        return message.isEmpty() ? when : tr("%1: %2").arg(when, message);
    }
    case Kind::Failed:
        return message.isEmpty() ? tr("Connection failed") : message;
    }
    return {};
}

} // namespace trefoil::ui
