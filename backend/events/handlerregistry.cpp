#include "backend/events/handlerregistry.h"

namespace trefoil::events {

HandlerRegistry::HandlerRegistry()
{
    // "noop" delivers at once and writes nothing: for trying triggers out and for benchmarks.
    add(QStringLiteral("noop"),
        BuiltinHandler { [](const Delivery &, const pg::Session &, QObject *, std::function<void(HandlerResult)> done) {
                            done(HandlerResult::delivered());
                        },
            false });
}

} // namespace trefoil::events
