// Real round trips with fetch, as a Hasura client app makes them: place an order with its items
// (nested insert), read it back in the shapes an app uses, update, aggregate, delete, and see
// database errors come back as GraphQL errors. With TREFOIL_INTEROP_ADMIN_SECRET set (the server
// was started with --admin-secret), also: 401 without or with a wrong x-hasura-admin-secret.
// usage: node execute.mjs http://127.0.0.1:PORT/v1/graphql
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { adminSecret, baseUrl, check, finish, gql, gqlError, post, url } from './lib.mjs';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const uid = `interop-${randomUUID()}`;
const query = '{ restaurants(limit: 1) { id } }';

await check('GET /healthz answers 200 without credentials', async () => {
    const response = await fetch(`${baseUrl}/healthz`);
    assert.equal(response.status, 200);
});

if (adminSecret) {
    await check('with --admin-secret: no x-hasura-admin-secret header is 401 with {"errors":[...]}', async () => {
        const response = await post({ query }, { headers: {} });
        assert.equal(response.status, 401, response.text);
        assert.ok(Array.isArray(response.body?.errors) && typeof response.body.errors[0]?.message === 'string',
            `expected a GraphQL error body, got ${response.text}`);
        assert.equal(response.body.data, undefined, response.text);
    });
    await check('with --admin-secret: a wrong secret is 401', async () => {
        const response = await post({ query }, { headers: { 'x-hasura-admin-secret': `${adminSecret}x` } });
        assert.equal(response.status, 401, response.text);
        const empty = await post({ query }, { headers: { 'x-hasura-admin-secret': '' } });
        assert.equal(empty.status, 401, empty.text);
    });
    await check('with --admin-secret: the right secret is 200 with data', async () => {
        const response = await post({ query }, { headers: { 'x-hasura-admin-secret': adminSecret } });
        assert.equal(response.status, 200, response.text);
        assert.ok(Array.isArray(response.body?.data?.restaurants), response.text);
    });
    await check('with --admin-secret: the header name is case-insensitive', async () => {
        const response = await post({ query }, { headers: { 'X-Hasura-Admin-Secret': adminSecret } });
        assert.equal(response.status, 200, response.text);
    });
} else {
    await check('without --admin-secret: requests need no header', async () => {
        const response = await post({ query }, { headers: {} });
        assert.equal(response.status, 200, response.text);
    });
}

await check('responses are JSON with a JSON content type', async () => {
    const response = await post({ query });
    assert.match(response.contentType, /^application\/(graphql-response\+)?json/);
    assert.ok(response.body, response.text);
});

let menu = [];
await check('the demo menu is there', async () => {
    const data = await gql(`{ menu_items(where: {restaurant_id: {_eq: 1}, available: {_eq: true}}, order_by: {id: asc}) { id name price restaurant_id } }`);
    menu = data.menu_items;
    assert.ok(menu.length >= 2, `expected at least 2 available menu items of restaurant 1, got ${JSON.stringify(menu)}`);
    for (const m of menu) {
        assert.equal(m.restaurant_id, 1);
        assert.equal(typeof m.name, 'string');
        assert.ok(Number.isFinite(Number(m.price)), `price ${JSON.stringify(m.price)} is not a number`);
    }
});

const placeOrder = `mutation Place($order: orders_insert_input!) {
  insert_orders_one(object: $order) {
    id user_id restaurant_id address status created_at
    items(order_by: {id: asc}) { id menu_item_id quantity menu_item { name price } }
  }
}`;

const orderShape = `id user_id restaurant_id address status created_at
    items(order_by: {id: asc}) { menu_item_id quantity menu_item { name price } }`;

const validStatuses = ['placed', 'validated', 'paid', 'approved', 'agent_assigned', 'rejected', 'payment_declined', 'failed'];
let first;
let second;

function expectOrder(order, { address, items }) {
    assert.ok(order, 'no order');
    assert.match(order.id, uuidPattern);
    assert.equal(order.user_id, uid);
    assert.equal(order.restaurant_id, 1);
    assert.equal(order.address, address);
    assert.ok(validStatuses.includes(order.status), `status ${order.status}`);
    assert.ok(!Number.isNaN(Date.parse(order.created_at)), `created_at ${order.created_at} is not a timestamp`);
    assert.deepEqual(order.items.map((i) => ({ menu_item_id: i.menu_item_id, quantity: i.quantity, name: i.menu_item.name,
                                               price: Number(i.menu_item.price) })),
                     items.map((i) => {
                         const m = menu.find((x) => x.id === i.menu_item_id);
                         return { menu_item_id: i.menu_item_id, quantity: i.quantity, name: m.name, price: Number(m.price) };
                     }));
}

const haveMenu = () => menu.length >= 2;
const haveFirst = () => first !== undefined;
const haveBoth = () => first !== undefined && second !== undefined;
const firstItems = () => [{ menu_item_id: menu[0].id, quantity: 2 }, { menu_item_id: menu[1].id, quantity: 1 }];

await check('insert_orders_one with nested items returns the order and its items', async () => {
    const data = await gql(placeOrder, { order: { user_id: uid, restaurant_id: 1, address: '1 Interop Street', items: { data: firstItems() } } });
    first = data.insert_orders_one;
    expectOrder(first, { address: '1 Interop Street', items: firstItems() });
    assert.equal(first.status, 'placed', 'a new order starts as placed');
    assert.ok(first.items.every((i) => Number.isInteger(i.id)), 'items have integer ids');
}, haveMenu);

await check('orders_by_pk reads the same order back', async () => {
    const data = await gql(`query($id: uuid!) { orders_by_pk(id: $id) { ${orderShape} } }`, { id: first.id });
    expectOrder(data.orders_by_pk, { address: '1 Interop Street', items: firstItems() });
    assert.equal(data.orders_by_pk.created_at, first.created_at);
}, haveFirst);

await check('orders_by_pk of an unknown id is null', async () => {
    const data = await gql(`query($id: uuid!) { orders_by_pk(id: $id) { id } }`, { id: randomUUID() });
    assert.equal(data.orders_by_pk, null);
});

await check('a second order (literal arguments, no variables)', async () => {
    const data = await gql(`mutation {
  insert_orders_one(object: {user_id: ${JSON.stringify(uid)}, restaurant_id: 1, address: "2 Interop Street",
                             items: {data: [{menu_item_id: ${menu[1].id}, quantity: 3}]}}) { ${orderShape} }
}`);
    second = data.insert_orders_one;
    expectOrder(second, { address: '2 Interop Street', items: [{ menu_item_id: menu[1].id, quantity: 3 }] });
    assert.notEqual(second.id, first.id);
}, haveMenu);

await check("the user's newest orders (where, order_by created_at desc, limit) come back newest first", async () => {
    const data = await gql(`query($uid: String!) {
  orders(where: {user_id: {_eq: $uid}}, order_by: {created_at: desc}, limit: 20) { id status created_at items { menu_item { name } quantity } }
}`, { uid });
    assert.deepEqual(data.orders.map((o) => o.id), [second.id, first.id]);
    assert.ok(Date.parse(data.orders[0].created_at) >= Date.parse(data.orders[1].created_at));
    assert.deepEqual(data.orders[1].items.map((i) => [i.menu_item.name, i.quantity]).sort(),
                     [[menu[0].name, 2], [menu[1].name, 1]].sort());
}, haveBoth);

await check('orders_aggregate and items_aggregate count and sum', async () => {
    const data = await gql(`query($uid: String!) {
  orders_aggregate(where: {user_id: {_eq: $uid}}) { aggregate { count } }
  items_aggregate(where: {order: {user_id: {_eq: $uid}}}) { aggregate { count sum { quantity } } }
}`, { uid });
    assert.equal(data.orders_aggregate.aggregate.count, 2);
    assert.equal(data.items_aggregate.aggregate.count, 3);
    assert.equal(Number(data.items_aggregate.aggregate.sum.quantity), 6);
}, haveBoth);

await check('update_orders_by_pk sets the address, and a read shows it', async () => {
    const data = await gql(`mutation($id: uuid!) { update_orders_by_pk(pk_columns: {id: $id}, _set: {address: "y"}) { id address } }`, { id: first.id });
    assert.deepEqual(data.update_orders_by_pk, { id: first.id, address: 'y' });
    const read = await gql(`query($id: uuid!) { orders_by_pk(id: $id) { address } }`, { id: first.id });
    assert.equal(read.orders_by_pk.address, 'y');
}, haveFirst);

await check('update_orders_by_pk of an unknown id is null', async () => {
    const data = await gql(`mutation($id: uuid!) { update_orders_by_pk(pk_columns: {id: $id}, _set: {address: "z"}) { id } }`, { id: randomUUID() });
    assert.equal(data.update_orders_by_pk, null);
});

await check('update_items where, with _inc, returns affected_rows and returning', async () => {
    const data = await gql(`mutation($id: uuid!) { update_items(where: {order_id: {_eq: $id}}, _inc: {quantity: 10}) { affected_rows returning { quantity } } }`,
                           { id: second.id });
    assert.equal(data.update_items.affected_rows, 1);
    assert.deepEqual(data.update_items.returning, [{ quantity: 13 }]);
}, haveBoth);

await check('delete_items where nothing matches affects 0 rows', async () => {
    const data = await gql(`mutation($id: uuid!) { delete_items(where: {order_id: {_eq: $id}, quantity: {_gt: 100}}) { affected_rows } }`, { id: second.id });
    assert.equal(data.delete_items.affected_rows, 0);
}, haveBoth);

await check('delete_items where, then the order has no items', async () => {
    const data = await gql(`mutation($id: uuid!) { delete_items(where: {order_id: {_eq: $id}}) { affected_rows returning { quantity } } }`, { id: second.id });
    assert.equal(data.delete_items.affected_rows, 1);
    const read = await gql(`query($id: uuid!) { orders_by_pk(id: $id) { items { id } items_aggregate { aggregate { count } } } }`, { id: second.id });
    assert.deepEqual(read.orders_by_pk, { items: [], items_aggregate: { aggregate: { count: 0 } } });
}, haveBoth);

await check('several mutations in one request run in order', async () => {
    const data = await gql(`mutation($id: uuid!) {
  a: update_orders_by_pk(pk_columns: {id: $id}, _set: {address: "first"}) { address }
  b: update_orders_by_pk(pk_columns: {id: $id}, _set: {address: "second"}) { address }
}`, { id: second.id });
    assert.deepEqual(data, { a: { address: 'first' }, b: { address: 'second' } });
}, haveBoth);

await check('a foreign key violation is a GraphQL error, and nothing is inserted', async () => {
    const response = await gqlError({ query: placeOrder, variables: { order: { user_id: uid, restaurant_id: 999999, address: 'nowhere' } } },
                                    'insert with an unknown restaurant');
    assert.equal(response.status, 200, `Hasura answers database errors with HTTP 200: ${response.text}`);
    const data = await gql(`query($uid: String!) { orders_aggregate(where: {user_id: {_eq: $uid}}) { aggregate { count } } }`, { uid });
    assert.equal(data.orders_aggregate.aggregate.count, 2);
}, haveBoth);

await check('a failing nested insert leaves neither the order nor its items', async () => {
    await gqlError({ query: placeOrder, variables: { order: { user_id: uid, restaurant_id: 1, address: 'half',
                                                              items: { data: [{ menu_item_id: menu[0].id, quantity: 1 }, { menu_item_id: 999999, quantity: 1 }] } } } },
                   'nested insert with an unknown menu item');
    const data = await gql(`query($uid: String!) { orders(where: {user_id: {_eq: $uid}, address: {_eq: "half"}}) { id } }`, { uid });
    assert.deepEqual(data.orders, []);
}, haveMenu);

await check('a variable of the wrong type is an error', async () => {
    await gqlError({ query: 'query($id: uuid!) { orders_by_pk(id: $id) { id } }', variables: { id: 'not-a-uuid' } }, 'uuid variable that is not a uuid');
    await gqlError({ query: 'query($n: Int) { orders(limit: $n) { id } }', variables: { n: 'ten' } }, 'Int variable given a string');
    await gqlError({ query: 'query($uid: String!) { orders(where: {user_id: {_eq: $uid}}) { id } }', variables: {} }, 'missing required variable');
});

await check('a body that is not JSON, and one without a query, are errors', async () => {
    const notJson = await post('{"query": ', { raw: true });
    assert.ok(notJson.status === 200 || (notJson.status >= 400 && notJson.status < 500), `HTTP ${notJson.status}: ${notJson.text}`);
    assert.ok(Array.isArray(notJson.body?.errors), `expected {"errors":[...]}, got ${notJson.text}`);
    const noQuery = await post({ variables: {} });
    assert.ok(noQuery.status === 200 || (noQuery.status >= 400 && noQuery.status < 500), `HTTP ${noQuery.status}: ${noQuery.text}`);
    assert.ok(Array.isArray(noQuery.body?.errors), `expected {"errors":[...]}, got ${noQuery.text}`);
});

await check('delete_orders_by_pk removes the order and its items (ON DELETE CASCADE)', async () => {
    const data = await gql(`mutation($id: uuid!) { delete_orders_by_pk(id: $id) { id } }`, { id: first.id });
    assert.deepEqual(data.delete_orders_by_pk, { id: first.id });
    const read = await gql(`query($id: uuid!) { orders_by_pk(id: $id) { id } items(where: {order_id: {_eq: $id}}) { id } }`, { id: first.id });
    assert.deepEqual(read, { orders_by_pk: null, items: [] });
}, haveFirst);

console.log(`(endpoint ${url}${adminSecret ? ', admin secret set' : ''})`);
finish();
