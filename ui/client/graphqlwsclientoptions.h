#pragma once

namespace trefoil::ui {

// Timings of GraphqlWsClient; the defaults suit a desktop on a LAN or the embedded backend.
struct GraphqlWsClientOptions {
    int initialReconnectDelayMs = 500; // first retry after 250–500 ms, then doubling
    int maxReconnectDelayMs = 30000; // the cap of the doubling
    int connectionAckTimeoutMs = 10000; // from opening the socket to connection_ack; then drop and retry
    int keepAliveIdleMs = 10000; // nothing received for this long: send ping
    int pongTimeoutMs = 5000; // ping unanswered (nothing at all received) for this long: the connection is dead
};

} // namespace trefoil::ui
