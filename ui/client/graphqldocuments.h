#pragma once

#include "ui/client/graphqlrequest.h"

#include <QLatin1StringView>
#include <QString>

namespace trefoil::ui {

// The GraphQL documents the dashboard sends, compiled in as resources (ui/client/graphql/*.graphql)
// so each reads as GraphQL, not as a C++ string.
class GraphqlDocuments final {
public:
    GraphqlDocuments() = delete;

    static constexpr QLatin1StringView PlaceOrder { "place_order" };
    static constexpr QLatin1StringView OrdersPage { "orders_page" };
    static constexpr QLatin1StringView OrdersCount { "orders_count" };
    static constexpr QLatin1StringView OrderTroubles { "order_troubles" };
    static constexpr QLatin1StringView OrderDetail { "order_detail" };
    static constexpr QLatin1StringView OrderEvents { "order_events" };
    static constexpr QLatin1StringView PayOrder { "pay_order" };
    static constexpr QLatin1StringView RedeliverEvents { "redeliver_events" };
    static constexpr QLatin1StringView Restaurants { "restaurants" };
    static constexpr QLatin1StringView Menu { "menu" };
    static constexpr QLatin1StringView PlaceManyCatalog { "place_many_catalog" };
    static constexpr QLatin1StringView EventCounts { "event_counts" };
    static constexpr QLatin1StringView ListEvents { "list_events" };
    static constexpr QLatin1StringView EventDetail { "event_detail" };
    static constexpr QLatin1StringView FailureGroups { "failure_groups" };
    static constexpr QLatin1StringView CountEvents { "count_events" };
    static constexpr QLatin1StringView RedeliverEventsBatch { "redeliver_events_batch" };
    static constexpr QLatin1StringView CancelEventsBatch { "cancel_events_batch" };
    static constexpr QLatin1StringView ReleaseLeases { "release_leases" };
    static constexpr QLatin1StringView EventsTriggers { "events_triggers" };
    static constexpr QLatin1StringView EventsSetTriggerState { "events_set_trigger_state" };
    static constexpr QLatin1StringView AuditLog { "audit_log" };

    // The text of `name`.graphql; a missing document is a build fault, so it asserts (and is empty).
    static QString load(QLatin1StringView name);
    // A request for `name`.graphql with `variables`.
    static GraphqlRequest request(QLatin1StringView name, const QJsonObject &variables = {});
};

} // namespace trefoil::ui
