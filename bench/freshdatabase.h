#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace trefoil::bench {

// Whether the database at conninfo is new to Trefoil (no migration applied yet), so that every
// figure can say whether it was measured on a new database: a new database's tables have no
// statistics, and the plans made while they are small are what its first run pays for.
void probeFreshDatabase(
    const QString &conninfo, QObject *context, std::function<void(bool fresh, const QString &error)> done);

} // namespace trefoil::bench
