// graphql-js (the reference implementation) reads trefoild's schema through the standard
// introspection query, and agrees with the server on which documents are valid: realistic
// Hasura-dialect documents against the demo schema validate, broken ones fail on both sides.
// usage: node introspection.mjs http://127.0.0.1:PORT/v1/graphql
import assert from 'node:assert/strict';
import { buildClientSchema, getIntrospectionQuery, parse, validate, validateSchema, printSchema } from 'graphql';
import { check, finish, gql, gqlError, post } from './lib.mjs';

let schema;

await check('the standard introspection query answers and buildClientSchema accepts it', async () => {
    const data = await gql(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true,
                                                    schemaDescription: true, inputValueDeprecation: true }));
    schema = buildClientSchema(data);
    assert.equal(schema.getQueryType()?.name, 'query_root');
    assert.equal(schema.getMutationType()?.name, 'mutation_root');
});

if (!schema) {
    // Without a schema nothing below means anything.
    finish();
    process.exit(1);
}

await check('the introspected schema is a valid GraphQL schema (validateSchema)', async () => {
    const errors = validateSchema(schema);
    assert.deepEqual(errors.map((e) => e.message), []);
});

await check('printSchema renders it (SDL round trip)', async () => {
    const sdl = printSchema(schema);
    assert.match(sdl, /type query_root/);
});

const tables = ['restaurants', 'menu_items', 'drivers', 'orders', 'items', 'payments', 'assignments'];

await check('every demo table has the Hasura root fields', async () => {
    const query = schema.getQueryType().getFields();
    const mutation = schema.getMutationType().getFields();
    const missing = [];
    for (const t of tables) {
        for (const f of [t, `${t}_by_pk`, `${t}_aggregate`]) if (!query[f]) missing.push(`query_root.${f}`);
        for (const f of [`insert_${t}`, `insert_${t}_one`, `update_${t}`, `update_${t}_by_pk`, `delete_${t}`, `delete_${t}_by_pk`]) {
            if (!mutation[f]) missing.push(`mutation_root.${f}`);
        }
    }
    assert.deepEqual(missing, []);
});

await check('the Hasura types and relationships of the demo schema are there', async () => {
    const expectType = (name) => assert.ok(schema.getType(name), `type ${name} missing`);
    for (const name of ['uuid', 'numeric', 'timestamptz', 'order_by', 'orders_bool_exp', 'orders_order_by', 'orders_insert_input',
                        'orders_set_input', 'orders_pk_columns_input', 'orders_aggregate', 'orders_aggregate_fields',
                        'orders_mutation_response', 'items_arr_rel_insert_input', 'String_comparison_exp', 'uuid_comparison_exp']) {
        expectType(name);
    }
    const orders = schema.getType('orders').getFields();
    for (const f of ['id', 'user_id', 'restaurant_id', 'address', 'status', 'total', 'created_at', 'items', 'items_aggregate', 'restaurant']) {
        assert.ok(orders[f], `orders.${f} missing`);
    }
    assert.equal(String(orders.id.type), 'uuid!');
    assert.equal(String(orders.items.type), '[items!]!');
    assert.ok(schema.getType('items').getFields().menu_item, 'items.menu_item missing');
});

// Documents an app written for Hasura sends. Queries are also executed by the server (no errors
// expected); mutations are only validated here (execute.mjs runs them).
const validDocuments = [
    {
        name: "a user's 20 newest orders with their items",
        query: `query UserOrders($uid: String!) {
  orders(where: {user_id: {_eq: $uid}}, order_by: {created_at: desc}, limit: 20) {
    id status items { menu_item { name } quantity }
  }
}`,
        variables: { uid: 'nobody' },
    },
    {
        name: 'order by primary key',
        query: `query Order($id: uuid!) {
  orders_by_pk(id: $id) { id user_id restaurant_id address status total created_at restaurant { name } items { quantity menu_item { name price } } }
}`,
        variables: { id: '00000000-0000-0000-0000-000000000000' },
    },
    {
        name: 'aggregates',
        query: `{
  orders_aggregate { aggregate { count } }
  menu_items_aggregate(where: {available: {_eq: true}}) { aggregate { count max { price } min { price } avg { price } sum { price } } }
}`,
    },
    {
        name: 'bool_exp with _and/_or/_not, _in, _ilike, offset, distinct_on and nested relationship filters',
        query: `query Menu($names: [String!]) {
  restaurants(where: {_and: [{is_open: {_eq: true}}, {_or: [{name: {_ilike: "%a%"}}, {name: {_in: $names}}]}, {_not: {id: {_gt: 1000}}}]}, order_by: [{name: asc}, {id: desc}]) {
    id name
    menu_items(where: {price: {_lte: 20}}, order_by: {price: asc}, limit: 5, offset: 0) { id name price available }
    menu_items_aggregate { aggregate { count } }
  }
  drivers(distinct_on: [available], order_by: [{available: asc}, {id: asc}]) { id name available }
  items(where: {menu_item: {restaurant_id: {_eq: 1}}}, limit: 3) { id order_id quantity }
}`,
        variables: { names: ['Taco Loco'] },
    },
    {
        name: 'fragments, aliases, __typename and directives',
        query: `fragment Item on menu_items { id name price }
query Aliased($withPrice: Boolean!) {
  first: menu_items(limit: 1, order_by: {id: asc}) { ...Item __typename }
  last: menu_items(limit: 1, order_by: {id: desc}) { id name price @include(if: $withPrice) }
  ... on query_root { restaurants(limit: 1) { name @skip(if: false) } }
}`,
        variables: { withPrice: true },
    },
    {
        name: 'insert an order with its items (nested insert)',
        mutation: true,
        query: `mutation {
  insert_orders_one(object: {user_id: "a", restaurant_id: 1, address: "x", items: {data: [{menu_item_id: 1, quantity: 2}]}}) { id }
}`,
    },
    {
        name: 'insert with a variable of the input type',
        mutation: true,
        query: `mutation Place($order: orders_insert_input!) { insert_orders_one(object: $order) { id status created_at items { id } } }`,
    },
    {
        name: 'insert many, returning',
        mutation: true,
        query: `mutation { insert_drivers(objects: [{name: "A"}, {name: "B"}]) { affected_rows returning { id name } } }`,
    },
    {
        name: 'update by primary key',
        mutation: true,
        query: `mutation Move($id: uuid!) { update_orders_by_pk(pk_columns: {id: $id}, _set: {address: "y"}) { id } }`,
    },
    {
        name: 'update where, with _inc',
        mutation: true,
        query: `mutation { update_drivers(where: {id: {_eq: 1}}, _set: {available: false}, _inc: {active_orders: 1}) { affected_rows returning { id active_orders } } }`,
    },
    {
        name: 'delete where',
        mutation: true,
        query: `mutation { delete_items(where: {quantity: {_gt: 100}}) { affected_rows } }`,
    },
    {
        name: 'delete by primary key',
        mutation: true,
        query: `mutation Drop($id: uuid!) { delete_orders_by_pk(id: $id) { id } }`,
    },
];

for (const doc of validDocuments) {
    await check(`valid for graphql-js: ${doc.name}`, async () => {
        const errors = validate(schema, parse(doc.query));
        assert.deepEqual(errors.map((e) => e.message), [], doc.query);
    });
    if (!doc.mutation) {
        await check(`valid for trefoild: ${doc.name}`, async () => {
            await gql(doc.query, doc.variables);
        });
    }
}

// Broken documents: graphql-js rejects them, and so must the server, with {"errors": [...]}.
const invalidDocuments = [
    { name: 'unknown field', query: '{ orders { id no_such_column } }' },
    { name: 'unknown root field', query: '{ no_such_table { id } }' },
    { name: 'argument of the wrong type', query: '{ orders(limit: "ten") { id } }' },
    { name: 'unknown argument', query: '{ orders(first: 10) { id } }' },
    { name: 'missing required argument', query: '{ orders_by_pk { id } }' },
    { name: 'selection on a scalar', query: '{ orders { id { x } } }' },
    { name: 'object without a selection', query: '{ orders }' },
    { name: 'undefined variable', query: '{ orders(where: {user_id: {_eq: $uid}}) { id } }' },
    { name: 'unused variable', query: 'query($uid: String) { orders { id } }' },
    { name: 'variable of the wrong type', query: 'query($n: String) { orders(limit: $n) { id } }' },
    { name: 'unknown operator in a bool_exp', query: '{ orders(where: {user_id: {_regex_nope: "a"}}) { id } }' },
    { name: 'unknown enum value in order_by', query: '{ orders(order_by: {created_at: downwards}) { id } }' },
    { name: 'unknown column in _set', query: 'mutation { update_orders(where: {}, _set: {nope: 1}) { affected_rows } }' },
    { name: 'input field of the wrong type', query: 'mutation { insert_orders_one(object: {user_id: "a", restaurant_id: "one"}) { id } }' },
    { name: 'unknown input field', query: 'mutation { insert_orders_one(object: {user_id: "a", restaurant_id: 1, colour: "red"}) { id } }' },
    { name: 'mutation field on the query root', query: '{ insert_orders_one(object: {user_id: "a", restaurant_id: 1}) { id } }' },
    { name: 'undefined fragment', query: '{ orders { ...Nope } }' },
    { name: 'fragment on the wrong type', query: 'fragment F on restaurants { name } { orders { ...F } }' },
    { name: 'duplicate operation names', query: 'query A { orders { id } } query A { drivers { id } }' },
    { name: 'anonymous operation with another operation', query: '{ orders { id } } query B { drivers { id } }' },
    { name: 'conflicting aliases', query: '{ orders { x: id x: status } }' },
    { name: 'unknown directive', query: '{ orders @nope { id } }' },
];

for (const doc of invalidDocuments) {
    await check(`invalid for graphql-js and trefoild: ${doc.name}`, async () => {
        const errors = validate(schema, parse(doc.query));
        assert.ok(errors.length > 0, `graphql-js found no error in\n${doc.query}`);
        await gqlError({ query: doc.query }, doc.name);
    });
}

// Not even parseable: graphql-js throws a GraphQLError, the server answers errors too.
const syntaxErrors = ['{ orders { id ', 'query { orders(limit: ) { id } }', '{ orders { id } } }', 'mutaton { x }'];
for (const query of syntaxErrors) {
    await check(`syntax error for graphql-js and trefoild: ${JSON.stringify(query)}`, async () => {
        assert.throws(() => parse(query), { name: 'GraphQLError' });
        await gqlError({ query }, `syntax error ${JSON.stringify(query)}`);
    });
}

await check('several operations: operationName selects one; missing or unknown operationName is an error', async () => {
    const query = 'query A { restaurants(limit: 1) { id } } query B { drivers(limit: 1) { id } }';
    const b = await post({ query, operationName: 'B' });
    assert.equal(b.status, 200, b.text);
    assert.equal(b.body?.errors, undefined, b.text);
    assert.ok(Array.isArray(b.body?.data?.drivers) && b.body.data.restaurants === undefined, `operation B only: ${b.text}`);
    await gqlError({ query }, 'two operations without operationName');
    await gqlError({ query, operationName: 'C' }, 'an operationName that is not in the document');
});

finish();
