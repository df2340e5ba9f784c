// Subscriptions over WebSocket on the GraphQL path, with the two client libraries apps use:
// graphql-ws (protocol graphql-transport-ws) and Apollo's subscriptions-transport-ws (protocol
// graphql-ws). Hasura semantics: a subscription is a live query that sends its current result at
// once and again after a change. The admin secret, when set, goes in connection_init's
// payload as {headers: {"x-hasura-admin-secret": …}}, as Hasura clients send it.
// usage: node subscriptions.mjs http://127.0.0.1:PORT/v1/graphql
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { createClient } from 'graphql-ws';
import subscriptionsTransportWs from 'subscriptions-transport-ws';
import { adminSecret, authHeaders, check, finish, gql, url } from './lib.mjs';

const { SubscriptionClient } = subscriptionsTransportWs;
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

await check('graphql-ws client: live query gets the current result, then the insert, then the update', async () => {
    const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, lazy: true });
    try {
        await liveScenario('graphql-ws', (payload, sink) => client.subscribe(payload, sink));
    } finally {
        await client.dispose();
    }
});

await check('graphql-ws client: an invalid subscription is an error message, not a dropped connection', async () => {
    const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams, retryAttempts: 0, lazy: true });
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

await check('subscriptions-transport-ws client: the same live query', async () => {
    const client = new SubscriptionClient(wsUrl, { connectionParams, reconnect: false, lazy: true, timeout: timeoutMs }, WebSocket);
    try {
        await liveScenario('subscriptions-transport-ws', (payload, sink) => {
            const subscription = client.request(payload).subscribe({
                next: (r) => (r.errors ? sink.error(r.errors[0]) : sink.next(r)),
                error: (e) => sink.error(e),
                complete: sink.complete,
            });
            return () => subscription.unsubscribe();
        });
    } finally {
        client.close();
    }
});

if (adminSecret) {
    await check('graphql-ws client: connection_init without the admin secret is refused', async () => {
        const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams: {}, retryAttempts: 0, lazy: true });
        try {
            const outcome = await new Promise((resolve) => {
                const timer = setTimeout(() => resolve('timeout'), timeoutMs);
                client.subscribe({ query: '{ __typename }' }, {
                    next: () => { clearTimeout(timer); resolve('data'); },
                    error: () => { clearTimeout(timer); resolve('refused'); },
                    complete: () => { clearTimeout(timer); resolve('completed'); },
                });
            });
            assert.equal(outcome, 'refused');
        } finally {
            await client.dispose();
        }
    });
}

finish();
// Sockets of a failed client may still be open: do not wait for them.
setTimeout(() => process.exit(), 100).unref();
