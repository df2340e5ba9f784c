#pragma once

namespace trefoil {

namespace pg {
class Pool;
}
namespace graphql {
class GraphqlEngine;
}

// Registers the query root field `trefoil_server_info` (jsonb: {postgres_version, trefoil_version}),
// so a client that knows only the API (the dashboard's About box) can say what it talks to.
void registerServerInfoField(graphql::GraphqlEngine *engine, pg::Pool *pool);

} // namespace trefoil
