// Helpers shared by the interop scripts: the endpoint from argv, the admin secret from the
// environment (run-with-server.sh starts trefoild with it), GraphQL over HTTP with fetch, and a
// small check runner that reports every failure, not only the first.
import assert from 'node:assert/strict';

export const url = process.argv[2];
if (!url) {
    console.error(`usage: node ${process.argv[1]} http://127.0.0.1:PORT/v1/graphql`);
    process.exit(2);
}
export const baseUrl = process.env.TREFOIL_INTEROP_BASE_URL ?? new URL(url).origin;
export const adminSecret = process.env.TREFOIL_INTEROP_ADMIN_SECRET || '';

export function authHeaders() {
    return adminSecret ? { 'x-hasura-admin-secret': adminSecret } : {};
}

// fetch that adds the admin secret when there is one (for third-party clients taking a fetchFn).
export function authFetch(input, init = {}) {
    const headers = new Headers(init.headers);
    for (const [k, v] of Object.entries(authHeaders())) {
        if (!headers.has(k)) headers.set(k, v);
    }
    return fetch(input, { ...init, headers });
}

// POSTs a GraphQL request as application/json (to `endpoint`, by default the server under test).
// Returns { status, contentType, body, text }; body is the parsed JSON or undefined when the answer
// is not JSON.
export async function post(payload, { headers = authHeaders(), raw = false, endpoint = url } = {}) {
    const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
        body: raw ? payload : JSON.stringify(payload),
    });
    const text = await response.text();
    let body;
    try {
        body = JSON.parse(text);
    } catch {
        body = undefined;
    }
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', body, text };
}

function describe(response) {
    return `HTTP ${response.status} ${response.contentType}: ${response.text.slice(0, 2000)}`;
}

// Runs a query or mutation that must succeed: HTTP 200, JSON, `data`, no `errors`. Returns data.
export async function gql(query, variables, options) {
    const response = await post(variables ? { query, variables } : { query }, options);
    assert.equal(response.status, 200, `expected HTTP 200 for\n${query}\ngot ${describe(response)}`);
    assert.ok(response.body && typeof response.body === 'object', `expected a JSON object for\n${query}\ngot ${describe(response)}`);
    assert.equal(response.body.errors, undefined, `expected no errors for\n${query}\nvariables ${JSON.stringify(variables)}\ngot ${describe(response)}`);
    assert.ok(response.body.data && typeof response.body.data === 'object', `expected data for\n${query}\ngot ${describe(response)}`);
    return response.body.data;
}

// Sends a request that must fail as GraphQL says: a JSON body with a non-empty `errors` list of
// objects with a string `message`, no data (absent or null), HTTP 200 (Hasura, application/json)
// or a 4xx (GraphQL-over-HTTP with application/graphql-response+json). Returns the response.
export async function gqlError(payload, what, options) {
    const response = await post(payload, options);
    assert.ok(response.status === 200 || (response.status >= 400 && response.status < 500),
        `${what}: expected HTTP 200 or 4xx, got ${describe(response)}`);
    assert.ok(response.body && Array.isArray(response.body.errors) && response.body.errors.length > 0,
        `${what}: expected {"errors":[...]}, got ${describe(response)}`);
    for (const e of response.body.errors) {
        assert.equal(typeof e.message, 'string', `${what}: every error needs a string message, got ${JSON.stringify(e)}`);
    }
    assert.ok(response.body.data === undefined || response.body.data === null,
        `${what}: expected no data with a request error, got ${describe(response)}`);
    return response;
}

// Named checks: each runs even when an earlier one failed; the process exits 1 when any failed.
const results = [];
// `needs`: a function that is falsy while an earlier check this one builds on has failed: the
// check is then skipped (and counts as failed) instead of failing with a follow-on error.
export async function check(name, fn, needs) {
    if (needs && !needs()) {
        results.push({ name, ok: false });
        console.log(`SKIP ${name} (an earlier check it needs failed)`);
        return;
    }
    const started = performance.now();
    try {
        await fn();
        results.push({ name, ok: true });
        console.log(`ok   ${name} (${Math.round(performance.now() - started)} ms)`);
    } catch (error) {
        results.push({ name, ok: false });
        // The message says what went wrong; of the stack, only where in these scripts.
        const where = String(error?.stack ?? '').split('\n').find((l) => /\/tests\/interop\/[^/]+\.mjs/.test(l) && !l.includes('/lib.mjs'));
        const text = `${error instanceof Error ? error.message : String(error)}${where ? `\n(${where.trim()})` : ''}`;
        console.log(`FAIL ${name}\n     ${text.replaceAll('\n', '\n     ')}`);
    }
}

export function finish() {
    const failed = results.filter((r) => !r.ok);
    console.log(`\n${results.length - failed.length} passed, ${failed.length} failed or skipped`);
    for (const r of failed) console.log(`  failed: ${r.name}`);
    process.exitCode = failed.length ? 1 : 0;
}
