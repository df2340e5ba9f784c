#pragma once

#include <QMetaType>
#include <QString>

namespace trefoil::pg {

// What went wrong, in the terms callers branch on; the SQLSTATE stays available for logs.
enum class ErrorKind {
    None,
    ConnectionFailed, // could not connect (server down, bad conninfo, auth)
    ConnectionLost, // the connection broke while the statement was in flight or queued
    UniqueViolation, // 23505
    ForeignKeyViolation, // 23503
    NotNullViolation, // 23502
    CheckViolation, // 23514
    SerializationFailure, // 40001
    DeadlockDetected, // 40P01
    QueryCanceled, // 57014 (statement_timeout, pg_cancel_backend)
    LockNotAvailable, // 55P03
    SyntaxError, // 42601
    UndefinedObject, // 42P01, 42703, 42883, 42704, 3F000
    InvalidInput, // class 22: data exceptions
    InsufficientPrivilege, // 42501
    AdminShutdown, // 57P01..57P03
    Other,
};

// An error reported by the server or by libpq, as a value.
struct Error {
    ErrorKind kind = ErrorKind::None;
    QString sqlState;
    QString message;
    QString detail;
    QString hint;

    bool isError() const { return kind != ErrorKind::None; }
    // Worth running the same work again in a new transaction.
    bool isTransient() const;
    // One line for logs and status bars.
    QString describe() const;

    static ErrorKind kindForSqlState(const QString &sqlState);
    static Error connection(ErrorKind kind, const QString &message);
};

} // namespace trefoil::pg

Q_DECLARE_METATYPE(trefoil::pg::Error)
