#include "backend/serverinfofield.h"

#include "backend/graphql/graphqlengine.h"
#include "backend/pg/pool.h"

#include <QJsonObject>

namespace trefoil {

void registerServerInfoField(graphql::GraphqlEngine *engine, pg::Pool *pool)
{
    engine->registerRootField(graphql::RootKind::Query, QStringLiteral("trefoil_server_info"), {},
        QStringLiteral("jsonb"), {},
        [engine, pool](const QJsonObject &, std::function<void(QJsonValue, QString)> reply) {
            pool->exec(
                QStringLiteral("SELECT current_setting('server_version')"), engine, [reply](const pg::Result &result) {
                    if (!result.ok())
                        return reply(QJsonValue(), result.error().describe());
                    reply(QJsonObject { { QStringLiteral("postgres_version"), result.text(0, 0) },
                              { QStringLiteral("trefoil_version"), QStringLiteral(TREFOIL_VERSION) } },
                        {});
                });
        });
}

} // namespace trefoil
