#pragma once

#include "backend/pg/connection.h"
#include "backend/pg/pool.h"

#include <QTest>

#include <optional>

namespace trefoil::test {

// Runs one statement and spins the event loop until its callback arrives (tests only).
inline pg::Result execAndWait(
    pg::Pool &pool, const QString &sql, const QVariantList &params = {}, int timeoutMs = 30000)
{
    std::optional<pg::Result> outcome;
    QObject context;
    pool.exec(sql, params, &context, [&outcome](const pg::Result &result) { outcome = result; });
    if (!QTest::qWaitFor([&outcome] { return outcome.has_value(); }, timeoutMs))
        return pg::Result::failure(
            pg::Error::connection(pg::ErrorKind::Other, QStringLiteral("timed out waiting for: ") + sql));
    return *outcome;
}

inline pg::Result execAndWait(
    pg::Connection &connection, const QString &sql, const QVariantList &params = {}, int timeoutMs = 30000)
{
    std::optional<pg::Result> outcome;
    QObject context;
    connection.exec(sql, params, &context, [&outcome](const pg::Result &result) { outcome = result; });
    if (!QTest::qWaitFor([&outcome] { return outcome.has_value(); }, timeoutMs))
        return pg::Result::failure(
            pg::Error::connection(pg::ErrorKind::Other, QStringLiteral("timed out waiting for: ") + sql));
    return *outcome;
}

} // namespace trefoil::test
