#include "backend/pg/error.h"

#include <QHash>

namespace trefoil::pg {

ErrorKind Error::kindForSqlState(const QString &sqlState)
{
    static const QHash<QString, ErrorKind> exact = {
        { QStringLiteral("23505"), ErrorKind::UniqueViolation },
        { QStringLiteral("23503"), ErrorKind::ForeignKeyViolation },
        { QStringLiteral("23502"), ErrorKind::NotNullViolation },
        { QStringLiteral("23514"), ErrorKind::CheckViolation },
        { QStringLiteral("40001"), ErrorKind::SerializationFailure },
        { QStringLiteral("40P01"), ErrorKind::DeadlockDetected },
        { QStringLiteral("57014"), ErrorKind::QueryCanceled },
        { QStringLiteral("55P03"), ErrorKind::LockNotAvailable },
        { QStringLiteral("42601"), ErrorKind::SyntaxError },
        { QStringLiteral("42P01"), ErrorKind::UndefinedObject },
        { QStringLiteral("42703"), ErrorKind::UndefinedObject },
        { QStringLiteral("42883"), ErrorKind::UndefinedObject },
        { QStringLiteral("42704"), ErrorKind::UndefinedObject },
        { QStringLiteral("3F000"), ErrorKind::UndefinedObject },
        { QStringLiteral("42501"), ErrorKind::InsufficientPrivilege },
        { QStringLiteral("57P01"), ErrorKind::AdminShutdown },
        { QStringLiteral("57P02"), ErrorKind::AdminShutdown },
        { QStringLiteral("57P03"), ErrorKind::AdminShutdown },
    };
    if (const auto it = exact.constFind(sqlState); it != exact.cend())
        return *it;
    if (sqlState.startsWith(QLatin1String("22")))
        return ErrorKind::InvalidInput;
    if (sqlState.startsWith(QLatin1String("08")))
        return ErrorKind::ConnectionLost;
    return ErrorKind::Other;
}

Error Error::connection(ErrorKind kind, const QString &message)
{
    Error error;
    error.kind = kind;
    error.message = message.trimmed();
    return error;
}

bool Error::isTransient() const
{
    switch (kind) {
    case ErrorKind::ConnectionFailed:
    case ErrorKind::ConnectionLost:
    case ErrorKind::SerializationFailure:
    case ErrorKind::DeadlockDetected:
    case ErrorKind::LockNotAvailable:
    case ErrorKind::AdminShutdown:
        return true;
    default:
        return false;
    }
}

QString Error::describe() const
{
    if (!isError())
        return {};
    QString text = message;
    if (!sqlState.isEmpty())
        text = sqlState + QLatin1String(": ") + text;
    if (!detail.isEmpty())
        text += QLatin1String(" (") + detail + QLatin1Char(')');
    return text;
}

} // namespace trefoil::pg
