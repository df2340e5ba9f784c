// Subscriptions over WebSocket on the GraphQL path, with the client libraries apps use:
// graphql-ws (protocol graphql-transport-ws), Apollo's subscriptions-transport-ws (protocol
// graphql-ws) and Apollo Client (core, with its GraphQLWsLink over graphql-ws). Hasura semantics:
// a subscription is a live query that sends its current result at once and again after a change,
// wherever the change was made: through this server, with psql, or through a second trefoild on
// the same database. The admin secret, when set, goes in connection_init's payload as
// {headers: {"x-hasura-admin-secret": …}}, as Hasura clients send it.
// usage: node subscriptions.mjs http://127.0.0.1:PORT/v1/graphql
// environment (run-with-server.sh sets them): TREFOIL_INTEROP_DATABASE_URL, a libpq conninfo of the
// server's database for psql; TREFOIL_INTEROP_SECOND_URL, the GraphQL endpoint of a second trefoild
// on the same database (run-with-server.sh with TREFOIL_INTEROP_SECOND_SERVER=1).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import subscriptionsTransportWs from 'subscriptions-transport-ws';
import { ApolloClient, InMemoryCache, gql as apolloGql } from '@apollo/client/core';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { adminSecret, authHeaders, check, finish, gql, url } from './lib.mjs';

const { SubscriptionClient } = subscriptionsTransportWs;
// Apollo's GraphQLWsLink reads the global WebSocket when it reports a socket error (browsers and
// Node 22+ have one); Node 20 has none.
globalThis.WebSocket ??= WebSocket;
const databaseUrl = process.env.TREFOIL_INTEROP_DATABASE_URL || '';
const secondUrl = process.env.TREFOIL_INTEROP_SECOND_URL || '';
const wsUrl = url.replace(/^http/, 'ws');
const connectionParams = adminSecret ? { headers: authHeaders() } : {};
const timeoutMs = 20_000;

// Collects the results of one subscription; waitFor(pred) resolves with the first result (already
// received or still to come) for which pred holds, or rejects after timeoutMs with what came.
function collector(label) {
    const seen = [];
    const waiters = [];
    let failure;
    const settle = () => {
        for (const w of [...waiters]) {
            const hit = seen.find(w.pred);
            if (hit || failure) {
                waiters.splice(waiters.indexOf(w), 1);
                clearTimeout(w.timer);
                if (hit) w.resolve(hit);
                else w.reject(failure);
            }
        }
    };
    return {
        sink: {
            next: (result) => { seen.push(result); settle(); },
            error: (error) => { failure = new Error(`${label}: subscription error ${JSON.stringify(error?.message ?? error)}`); settle(); },
            complete: () => {},
        },
        seen,
        // Fails on an error the subscription got, and on a result pushed twice in a row unchanged.
        assertClean() {
            if (failure) throw failure;
            for (let i = 1; i < seen.length; i++) {
                assert.notDeepEqual(seen[i], seen[i - 1], `${label}: the same result was pushed twice in a row: ${JSON.stringify(seen[i])}`);
            }
        },
        waitFor(pred, what) {
            return new Promise((resolve, reject) => {
                const w = { pred, resolve, reject };
                w.timer = setTimeout(() => {
                    waiters.splice(waiters.indexOf(w), 1);
                    reject(new Error(`${label}: no result with ${what} within ${timeoutMs} ms; received ${JSON.stringify(seen).slice(0, 2000)}`));
                }, timeoutMs);
                waiters.push(w);
                settle();
            });
        },
    };
}

function negotiated(protocol) {
    return new Promise((resolve, reject) => {
        const socket = new WebSocket(wsUrl, protocol);
        const timer = setTimeout(() => { socket.terminate(); reject(new Error(`${protocol}: no open within ${timeoutMs} ms`)); }, timeoutMs);
        socket.on('open', () => { clearTimeout(timer); const p = socket.protocol; socket.close(); resolve(p); });
        socket.on('unexpected-response', (_, response) => { clearTimeout(timer); reject(new Error(`${protocol}: upgrade answered HTTP ${response.statusCode}`)); });
        socket.on('error', (error) => { clearTimeout(timer); reject(error); });
    });
}

await check('the upgrade on the GraphQL path negotiates graphql-transport-ws', async () => {
    assert.equal(await negotiated('graphql-transport-ws'), 'graphql-transport-ws');
});
await check('the upgrade on the GraphQL path negotiates graphql-ws (subscriptions-transport-ws)', async () => {
    assert.equal(await negotiated('graphql-ws'), 'graphql-ws');
});

const liveQuery = `subscription Mine($uid: String!) { orders(where: {user_id: {_eq: $uid}}, order_by: {created_at: asc}) { id address } }`;
const place = `mutation($uid: String!, $address: String!) {
  insert_orders_one(object: {user_id: $uid, restaurant_id: 1, address: $address, items: {data: [{menu_item_id: 1, quantity: 1}]}}) { id }
}`;
const move = `mutation($id: uuid!, $address: String!) { update_orders_by_pk(pk_columns: {id: $id}, _set: {address: $address}) { id } }`;
const orderQuery = `subscription Order($id: uuid!) { orders_by_pk(id: $id) { id address } }`;

// Runs SQL with psql on the server's database; psql's :'name' variables keep values literals.
function psql(sql, variables = {}) {
    assert.ok(databaseUrl, 'TREFOIL_INTEROP_DATABASE_URL is not set: run this script through run-with-server.sh');
    const args = [databaseUrl, '-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1'];
    for (const [name, value] of Object.entries(variables)) args.push('-v', `${name}=${value}`);
    return new Promise((resolve, reject) => {
        const child = spawn('psql', args, { stdio: ['pipe', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        child.stdout.on('data', (d) => { out += d; });
        child.stderr.on('data', (d) => { err += d; });
        child.on('error', reject);
        child.on('close', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`psql exited with ${code}: ${err.trim()}`))));
        child.stdin.end(sql);
    });
}

// A fresh demo order to watch, placed over HTTP; returns its id.
async function placeOrder(address) {
    const { insert_orders_one: { id } } = await gql(place, { uid: `interop-ws-${randomUUID()}`, address });
    return id;
}

// The scenario every client runs: a live query on one order gets the order at once, then its new
// address after an UPDATE committed by psql (outside any trefoild), then stops cleanly.
async function orderScenario(label, subscribe) {
    const id = await placeOrder('before psql');
    const results = collector(label);
    const stop = subscribe({ query: orderQuery, variables: { id } }, results.sink);
    let stopped = false;
    try {
        const order = (r) => r?.data?.orders_by_pk;
        await results.waitFor((r) => order(r)?.id === id && order(r).address === 'before psql', `the order ${id} as it is`);
        const updated = await psql(`UPDATE public.orders SET address = 'after psql' WHERE id = :'id' RETURNING id`, { id });
        assert.equal(updated, id, `psql's UPDATE should update order ${id}, it returned ${JSON.stringify(updated)}`);
        await results.waitFor((r) => order(r)?.address === 'after psql', 'the address psql committed');
        await stop();
        stopped = true;
        results.assertClean();
    } finally {
        if (!stopped) await stop();
    }
}

// The same scenario through either client: the empty result first, then the inserted order, then
// its new address.
async function liveScenario(label, subscribe) {
    const uid = `interop-ws-${randomUUID()}`;
    const results = collector(label);
    const stop = subscribe({ query: liveQuery, variables: { uid } }, results.sink);
    try {
        const rows = (r) => r?.data?.orders;
        await results.waitFor((r) => Array.isArray(rows(r)) && rows(r).length === 0, 'the current (empty) result');
        const { insert_orders_one: { id } } = await gql(place, { uid, address: 'ws 1' });
        await results.waitFor((r) => rows(r)?.length === 1 && rows(r)[0].id === id && rows(r)[0].address === 'ws 1', `the inserted order ${id}`);
        await gql(move, { id, address: 'ws 2' });
        await results.waitFor((r) => rows(r)?.length === 1 && rows(r)[0].address === 'ws 2', 'the updated address');
    } finally {
        stop();
    }
}

// A graphql-ws client with the admin secret, lazy (it connects for the first subscription and
// closes once the last one completed), no retries.
function graphqlWsClient() {
    return createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, lazy: true });
}

// Resolves with the close event of the client's socket, or fails when it did not close in time
// after `end()` (completing and disposing).
async function closeOf(label, client, end) {
    let timer;
    const closed = new Promise((resolve, reject) => {
        const off = client.on('closed', (event) => { off(); clearTimeout(timer); resolve({ code: event.code, reason: event.reason }); });
        timer = setTimeout(() => { off(); reject(new Error(`${label}: the socket was not closed ${timeoutMs} ms after the end`)); }, timeoutMs);
    });
    closed.catch(() => {}); // awaited below; `end` may throw first
    await end();
    return closed;
}

// The client itself closed its socket, normally (1000): the server did not drop it first.
function assertClosedNormally(label, close) {
    assert.equal(close.code, 1000, `${label}: expected the socket closed by the client with 1000, got ${JSON.stringify(close)}`);
}

await check('graphql-ws client: live query on an order gets it at once, then the UPDATE made with psql; completes cleanly', async () => {
    const client = graphqlWsClient();
    const close = await closeOf('graphql-ws', client, async () => {
        try {
            await orderScenario('graphql-ws', (payload, sink) => {
                const unsubscribe = client.subscribe(payload, sink);
                return async () => unsubscribe();
            });
        } finally {
            await client.dispose();
        }
    });
    assertClosedNormally('graphql-ws', close);
});

await check('graphql-ws client: live query gets the current result, then the insert, then the update', async () => {
    const client = graphqlWsClient();
    try {
        await liveScenario('graphql-ws', (payload, sink) => client.subscribe(payload, sink));
    } finally {
        await client.dispose();
    }
});

await check('graphql-ws client: an invalid subscription is an error message, not a dropped connection', async () => {
    const client = graphqlWsClient();
    try {
        const outcome = await new Promise((resolve) => {
            const timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs);
            client.subscribe({ query: 'subscription { orders { no_such_column } }' }, {
                next: (r) => { clearTimeout(timer); resolve({ kind: 'next', r }); },
                error: (e) => { clearTimeout(timer); resolve({ kind: 'error', e }); },
                complete: () => {},
            });
        });
        assert.equal(outcome.kind, 'error', `expected an error, got ${JSON.stringify(outcome)}`);
        assert.ok(Array.isArray(outcome.e) && typeof outcome.e[0]?.message === 'string',
            `expected GraphQL errors (an "error" message), got ${outcome.e?.constructor?.name}: ${JSON.stringify(outcome.e?.message ?? outcome.e)}`);
    } finally {
        await client.dispose();
    }
});

// subscriptions-transport-ws's client as a subscribe function for the scenarios.
function legacySubscribe(client) {
    return (payload, sink) => {
        // The client tells about a failed or dropped connection only through these events.
        client.onError((e) => sink.error(new Error(`connection error: ${e?.message ?? JSON.stringify(e)}`)));
        client.onDisconnected(() => sink.error(new Error('the connection closed')));
        const subscription = client.request(payload).subscribe({
            next: (r) => (r.errors ? sink.error(r.errors[0]) : sink.next(r)),
            error: (e) => sink.error(e),
            complete: sink.complete,
        });
        return async () => subscription.unsubscribe();
    };
}

await check('subscriptions-transport-ws client: live query on an order gets it at once, then the UPDATE made with psql; completes cleanly', async () => {
    const client = new SubscriptionClient(wsUrl, { connectionParams, reconnect: false, lazy: true, timeout: timeoutMs }, WebSocket);
    const closes = [];
    client.onDisconnected(() => closes.push('disconnected'));
    try {
        await orderScenario('subscriptions-transport-ws', legacySubscribe(client));
        // The client's own end: connection_terminate, then it closes the socket. The server must
        // not have dropped the connection before that.
        assert.deepEqual(closes, [], 'subscriptions-transport-ws: the server dropped the connection');
        assert.equal(client.status, WebSocket.OPEN, 'subscriptions-transport-ws: the socket should still be open');
    } finally {
        client.close();
    }
});

await check('subscriptions-transport-ws client: the insert-then-update live query', async () => {
    const client = new SubscriptionClient(wsUrl, { connectionParams, reconnect: false, lazy: true, timeout: timeoutMs }, WebSocket);
    try {
        await liveScenario('subscriptions-transport-ws', legacySubscribe(client));
    } finally {
        client.close();
    }
});

await check('Apollo Client (GraphQLWsLink): live query on an order gets it at once, then the UPDATE made with psql; completes cleanly', async () => {
    const wsClient = graphqlWsClient();
    const apollo = new ApolloClient({ link: new GraphQLWsLink(wsClient), cache: new InMemoryCache() });
    const close = await closeOf('Apollo Client', wsClient, async () => {
        try {
            await orderScenario('Apollo Client', ({ query, variables }, sink) => {
                const subscription = apollo.subscribe({ query: apolloGql(query), variables, fetchPolicy: 'no-cache' }).subscribe({
                    // Apollo Client 4 reports GraphQL errors in the result, not through error().
                    next: (r) => (r.error ? sink.error(r.error) : sink.next({ data: r.data })),
                    error: (e) => sink.error(e),
                    complete: sink.complete,
                });
                return async () => subscription.unsubscribe();
            });
        } finally {
            apollo.stop();
            await wsClient.dispose();
        }
    });
    assertClosedNormally('Apollo Client', close);
});

await check('a change committed through a second trefoild on the same database reaches a subscriber of the first', async () => {
    assert.ok(secondUrl, 'TREFOIL_INTEROP_SECOND_URL is not set: run this script through run-with-server.sh with TREFOIL_INTEROP_SECOND_SERVER=1');
    const id = await placeOrder('before the second server');
    const client = graphqlWsClient();
    const results = collector('graphql-ws on the first trefoild');
    const unsubscribe = client.subscribe({ query: orderQuery, variables: { id } }, results.sink);
    try {
        const order = (r) => r?.data?.orders_by_pk;
        await results.waitFor((r) => order(r)?.address === 'before the second server', `the order ${id} as it is`);
        const data = await gql(move, { id, address: 'through the second server' }, { endpoint: secondUrl });
        assert.equal(data.update_orders_by_pk?.id, id, `the second trefoild should update order ${id}, got ${JSON.stringify(data)}`);
        await results.waitFor((r) => order(r)?.address === 'through the second server', 'the address the second trefoild committed');
        results.assertClean();
    } finally {
        unsubscribe();
        await client.dispose();
    }
});

await check('graphql-ws client: a <table>_stream subscription streams the event log from a cursor, each new event once', async () => {
    // The events an order raises are appended to trefoil.events (admin schema, prefixed trefoil_).
    const since = new Date().toISOString();
    const client = graphqlWsClient();
    const results = collector('stream');
    const stream = `subscription ($since: timestamptz!) {
        trefoil_events_stream(batch_size: 50, cursor: {initial_value: {created_at: $since}, ordering: ASC}) {
            id trigger_name table_name created_at data } }`;
    const unsubscribe = client.subscribe({ query: stream, variables: { since } }, results.sink);
    try {
        const id = await placeOrder('streamed');
        const rowsOf = (r) => r?.data?.trefoil_events_stream ?? [];
        const mine = (row) => row.table_name === 'orders' && row.data?.new?.id === id;
        await results.waitFor((r) => rowsOf(r).some(mine), `the INSERT event of order ${id}`);
        const seen = results.seen.flatMap(rowsOf).map((row) => row.id);
        assert.equal(new Set(seen).size, seen.length, `no event may be streamed twice: ${JSON.stringify(seen)}`);
        const times = results.seen.flatMap(rowsOf).map((row) => row.created_at);
        assert.deepEqual(times, [...times].sort(), 'events arrive in cursor order');
    } finally {
        unsubscribe();
        await client.dispose();
    }
});

if (adminSecret) {
    await check('graphql-ws client: connection_init without the admin secret is refused with close 4403', async () => {
        const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams: {}, retryAttempts: 0, lazy: true });
        try {
            const outcome = await new Promise((resolve) => {
                const timer = setTimeout(() => resolve('timeout'), timeoutMs);
                client.subscribe({ query: '{ __typename }' }, {
                    next: () => { clearTimeout(timer); resolve('data'); },
                    // A refused connection_init closes the socket; graphql-ws passes on the close event.
                    error: (e) => { clearTimeout(timer); resolve(`error ${e?.code ?? ''} ${e?.reason ?? e?.message ?? ''}`.trim()); },
                    complete: () => { clearTimeout(timer); resolve('completed'); },
                });
            });
            assert.match(outcome, /^error 4403\b/, `expected the socket closed with 4403 (upgrade accepted, connection_init refused), got ${outcome}`);
        } finally {
            await client.dispose();
        }
    });
}

finish();
// Sockets of a failed client may still be open: do not wait for them.
setTimeout(() => process.exit(), 100).unref();
