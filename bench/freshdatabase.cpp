#include "bench/freshdatabase.h"

#include "backend/pg/connection.h"

#include <memory>

namespace trefoil::bench {

void probeFreshDatabase(
    const QString &conninfo, QObject *context, std::function<void(bool fresh, const QString &error)> done)
{
    auto connection = std::make_shared<pg::Connection>(conninfo);
    connection->open();
    connection->exec(QStringLiteral("SELECT to_regclass('trefoil.schema_migrations') IS NULL"), context,
        [connection, done](const pg::Result &result) {
            if (!result.ok())
                return done(false, result.error().describe());
            done(result.toBool(0, 0), {});
        });
}

} // namespace trefoil::bench
