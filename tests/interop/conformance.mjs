// A conformance suite for GraphQL over WebSocket, for any server: every rule of the graphql-ws
// library's PROTOCOL.md (sub-protocol graphql-transport-ws) and of the legacy protocol of
// apollographql/subscriptions-transport-ws (sub-protocol graphql-ws), checked with the raw `ws`
// client so that no client library smooths anything over. No public suite exists for either.
//
// usage: node conformance.mjs <ws-or-http-url> [options]
//   --protocol transport|legacy|both   which protocols to check (default both)
//   --secret S           the server wants an admin secret (Hasura style): every connection_init
//                        carries payload {headers: {"x-hasura-admin-secret": S}}, and the rules
//                        for a refused connection_init and for the secret in the upgrade request
//                        run; without it they are skipped
//   --query DOC          a subscription that yields a first result at once and stays active
//                        (default: a Trefoil/Hasura live query on the demo's restaurants)
//   --single-query DOC   a query with a single result (default `query { __typename }`)
//   --init-timeout MS    the server's connection_init wait time (default 3000, Trefoil's and
//                        graphql-ws's default); 0 skips the 4408 rule
//   --timeout MS         how long to wait for any expected message or close (default 5000)
// Prints one line per rule: "pass", "FAIL … why", or "skip … why" (only for a rule an option
// disabled). Exits 1 if any rule failed, 2 on a usage error.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';

const usage = 'usage: node conformance.mjs <ws-or-http-url> [--protocol transport|legacy|both] [--secret S] '
    + "[--query '<subscription>'] [--single-query '<query>'] [--init-timeout MS] [--timeout MS]";
let options;
try {
    options = parseArgs({
        allowPositionals: true,
        options: {
            protocol: { type: 'string', default: 'both' },
            secret: { type: 'string' },
            query: { type: 'string', default: 'subscription ConformanceLive { restaurants(limit: 1, order_by: {id: asc}) { id } }' },
            'single-query': { type: 'string', default: 'query ConformanceSingle { __typename }' },
            'init-timeout': { type: 'string', default: '3000' },
            timeout: { type: 'string', default: '5000' },
        },
    });
} catch (error) {
    console.error(`${error.message}\n${usage}`);
    process.exit(2);
}
const { values: opt, positionals } = options;
if (positionals.length !== 1 || !['transport', 'legacy', 'both'].includes(opt.protocol)
    || !/^\d+$/.test(opt['init-timeout']) || !/^\d+$/.test(opt.timeout)) {
    console.error(usage);
    process.exit(2);
}
const wsUrl = positionals[0].replace(/^http/, 'ws');
const secret = opt.secret;
const liveQuery = opt.query;
const singleQuery = opt['single-query'];
const initTimeoutMs = Number(opt['init-timeout']);
const timeoutMs = Number(opt.timeout);
// How long a server may take to stop a subscription the client completed.
const settleMs = 300;
const TRANSPORT = 'graphql-transport-ws';
const LEGACY = 'graphql-ws';
const secretHeader = 'x-hasura-admin-secret';
// connection_init's payload: the secret as Hasura clients send it, or none.
const initPayload = secret ? { headers: { [secretHeader]: secret } } : undefined;

const show = (value) => {
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    return text.length > 600 ? `${text.slice(0, 600)}…` : text;
};
const closeText = (c) => `close ${c.code}${c.reason ? ` "${c.reason}"` : ''}`;

// What failed for a protocol, so that the rules that build on it fail at once saying so instead of
// each waiting for its timeout: `upgrade` (no socket at all) and `ack` (no connection_ack).
const broken = { [TRANSPORT]: {}, [LEGACY]: {} };
// Runs a rule's body that establishes `what` for `protocol`; records a failure for the rules after.
async function establishes(protocol, what, description, fn) {
    try {
        await fn();
    } catch (error) {
        broken[protocol][what] ??= `${description} failed (${String(error?.message ?? error).split('\n')[0]})`;
        throw error;
    }
}

// One socket with everything it received, in order. take() hands out received messages, each at
// most once, in arrival order; it fails with what did come instead when the message does not
// arrive in time or the socket closes first.
class Conn {
    constructor(socket) {
        this.socket = socket;
        this.log = []; // { msg, text, taken } in arrival order; msg undefined when the text is not JSON
        this.waiters = new Set();
        this.closeInfo = null;
        this.pingSeq = 0;
        this.barrierSeq = 0;
        this.autoPong = false;
        socket.on('message', (data, isBinary) => {
            const text = isBinary ? `<binary frame of ${data.length} bytes>` : data.toString();
            let msg;
            try {
                msg = isBinary ? undefined : JSON.parse(text);
            } catch {
                msg = undefined;
            }
            this.log.push({ msg, text, taken: false });
            // A ping from the server must be answered (graphql-transport-ws).
            if (this.autoPong && msg?.type === 'ping') this.send({ type: 'pong' });
            this.settle();
        });
        socket.on('close', (code, reason) => {
            this.closeInfo = { code, reason: reason.toString() };
            this.settle();
        });
        socket.on('error', () => {}); // a close always follows
    }

    static open(protocols, { headers } = {}) {
        if (broken[protocols]?.upgrade) return Promise.reject(new Error(`not run: ${broken[protocols].upgrade}`));
        return new Promise((resolve, reject) => {
            const socket = new WebSocket(wsUrl, protocols, { headers, handshakeTimeout: timeoutMs });
            const conn = new Conn(socket);
            socket.once('open', () => resolve(conn));
            socket.once('unexpected-response', (_, response) => {
                reject(new Error(`the upgrade for ${show(protocols)} was answered HTTP ${response.statusCode}`));
                socket.terminate();
            });
            socket.once('error', (error) => reject(new Error(`the upgrade for ${show(protocols)} failed: ${error.message}`)));
        });
    }

    send(message) {
        if (this.socket.readyState === WebSocket.OPEN) this.socket.send(typeof message === 'string' ? message : JSON.stringify(message));
    }

    received() {
        return show(this.log.map((e) => e.msg ?? e.text)) + (this.closeInfo ? `, then ${closeText(this.closeInfo)}` : '');
    }

    settle() {
        for (const w of [...this.waiters]) w.poll();
    }

    // The first message not taken yet that satisfies pred (an object: fields to match, or a function).
    take(pred, what, ms = timeoutMs) {
        const test = typeof pred === 'function' ? pred : (m) => Object.entries(pred).every(([k, v]) => m?.[k] === v);
        return new Promise((resolve, reject) => {
            const w = {
                poll: () => {
                    const entry = this.log.find((e) => !e.taken && e.msg !== undefined && test(e.msg));
                    if (entry) {
                        entry.taken = true;
                        done();
                        resolve(entry.msg);
                    } else if (this.closeInfo) {
                        done();
                        reject(new Error(`the socket closed before ${what}: received ${this.received()}`));
                    }
                },
            };
            const timer = setTimeout(() => { done(); reject(new Error(`no ${what} within ${ms} ms: received ${this.received() || 'nothing'}`)); }, ms);
            const done = () => { clearTimeout(timer); this.waiters.delete(w); };
            this.waiters.add(w);
            w.poll();
        });
    }

    // Resolves with { code, reason } once the socket closed; fails when it stays open.
    closed(what, ms = timeoutMs) {
        return new Promise((resolve, reject) => {
            const w = { poll: () => { if (this.closeInfo) { done(); resolve(this.closeInfo); } } };
            const timer = setTimeout(() => { done(); reject(new Error(`the socket was still open ${ms} ms after ${what}: received ${this.received() || 'nothing'}`)); }, ms);
            const done = () => { clearTimeout(timer); this.waiters.delete(w); };
            this.waiters.add(w);
            w.poll();
        });
    }

    // Fails unless the server closes with `code` after `what`.
    async expectClose(code, what, ms = timeoutMs) {
        const c = await this.closed(what, ms);
        if (c.code !== code) throw new Error(`expected close ${code} after ${what}, got ${closeText(c)}; received ${this.received()}`);
        return c;
    }

    // The messages for one operation id, in arrival order.
    ofId(id) {
        return this.log.filter((e) => e.msg?.id === id).map((e) => e.msg);
    }

    // Fails if the server sent a text frame that is not JSON or has no string type.
    assertWellFormed() {
        const bad = this.log.find((e) => e.msg === undefined || typeof e.msg.type !== 'string');
        if (bad) throw new Error(`the server sent a message that is not a JSON object with a string "type": ${show(bad.text)}`);
    }

    end() {
        if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING) this.socket.close(1000);
    }
}

// graphql-transport-ws: a socket past connection_ack.
async function transportReady({ headers, payload = initPayload } = {}) {
    if (broken[TRANSPORT].ack) throw new Error(`not run: ${broken[TRANSPORT].ack}`);
    const c = await Conn.open(TRANSPORT, { headers });
    c.autoPong = true;
    c.send(payload === undefined ? { type: 'connection_init' } : { type: 'connection_init', payload });
    await c.take({ type: 'connection_ack' }, 'connection_ack for connection_init');
    return c;
}

// graphql-transport-ws: everything the server sent before the pong to a fresh ping was sent
// before it handled that ping, so checks of "nothing more for id X" look at the log after it.
async function pingBarrier(c) {
    const seq = ++c.barrierSeq;
    c.send({ type: 'ping', payload: { conformanceBarrier: seq } });
    await c.take({ type: 'pong' }, `pong to the ping sent as a barrier (#${seq})`);
}

// legacy graphql-ws: a socket past connection_ack.
async function legacyReady({ headers, payload = initPayload } = {}) {
    if (broken[LEGACY].ack) throw new Error(`not run: ${broken[LEGACY].ack}`);
    const c = await Conn.open(LEGACY, { headers });
    c.send(payload === undefined ? { type: 'connection_init' } : { type: 'connection_init', payload });
    await c.take({ type: 'connection_ack' }, 'connection_ack for connection_init');
    return c;
}

// legacy graphql-ws has no ping: a query's complete is the barrier.
async function legacyBarrier(c) {
    const id = `conformance-barrier-${++c.barrierSeq}`;
    c.send({ type: 'start', id, payload: { query: singleQuery } });
    await c.take({ type: 'complete', id }, `complete of the query started as a barrier (${id})`);
}

function assertResult(message, what) {
    const p = message.payload;
    if (!p || typeof p !== 'object' || Array.isArray(p)) throw new Error(`${what}: expected an execution result object as payload, got ${show(message)}`);
    if (p.errors !== undefined) throw new Error(`${what}: expected a result without errors, got ${show(message)} (is --query/--single-query right for this server?)`);
    if (!p.data || typeof p.data !== 'object') throw new Error(`${what}: expected payload.data, got ${show(message)}`);
}

function assertGraphqlErrors(errors, what) {
    if (!Array.isArray(errors) || errors.length === 0) throw new Error(`${what}: expected a non-empty list of GraphQL errors, got ${show(errors)}`);
    for (const e of errors) {
        if (typeof e?.message !== 'string') throw new Error(`${what}: every GraphQL error needs a string "message", got ${show(e)}`);
    }
}

// Per id: nothing after the operation's end (a type in `ends`), and only the types in `results`
// before it. Returns a description of the first violation, or undefined.
function orderViolation(messages, { results, ends }) {
    let ended;
    for (const m of messages) {
        if (ended) return `${show(m)} after ${show(ended)}`;
        if (ends.includes(m.type)) ended = m;
        else if (!results.includes(m.type)) return `unexpected message ${show(m)}`;
    }
    return undefined;
}

// ---- the runner ----
const outcomes = [];
const sockets = new Set();
function track(c) {
    sockets.add(c);
    return c;
}
async function rule(name, fn, skipReason) {
    if (skipReason) {
        outcomes.push('skip');
        console.log(`skip  ${name} (${skipReason})`);
        return;
    }
    const started = performance.now();
    try {
        await fn();
        outcomes.push('pass');
        console.log(`pass  ${name} (${Math.round(performance.now() - started)} ms)`);
    } catch (error) {
        outcomes.push('fail');
        console.log(`FAIL  ${name}\n        ${String(error?.message ?? error).replaceAll('\n', '\n        ')}`);
    } finally {
        for (const c of sockets) c.end();
        sockets.clear();
    }
}
const openT = async (...a) => track(await transportReady(...a));
const openL = async (...a) => track(await legacyReady(...a));
const rawT = async (...a) => track(await Conn.open(TRANSPORT, ...a));
const rawL = async (...a) => track(await Conn.open(LEGACY, ...a));
const noSecret = 'needs --secret';

// A WebSocket handshake by hand, for what the `ws` client refuses (it aborts when the server does
// not echo a requested sub-protocol): resolves with the HTTP status, the echoed sub-protocol and
// the server's close frame, if any.
function rawHandshake(protocolHeader) {
    return new Promise((resolve, reject) => {
        const u = new URL(wsUrl.replace(/^ws/, 'http'));
        const request = (u.protocol === 'https:' ? https : http).request(u, {
            headers: {
                Connection: 'Upgrade',
                Upgrade: 'websocket',
                'Sec-WebSocket-Version': '13',
                'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
                'Sec-WebSocket-Protocol': protocolHeader,
                ...(secret ? { [secretHeader]: secret } : {}),
            },
        });
        const timer = setTimeout(() => { request.destroy(); reject(new Error(`no answer to the upgrade within ${timeoutMs + initTimeoutMs} ms`)); }, timeoutMs + initTimeoutMs);
        request.on('response', (response) => {
            clearTimeout(timer);
            response.resume();
            resolve({ status: response.statusCode, protocol: response.headers['sec-websocket-protocol'] });
        });
        request.on('upgrade', (response, socket, head) => {
            let buffer = head;
            const answer = { status: response.statusCode, protocol: response.headers['sec-websocket-protocol'], frames: [] };
            const finish = () => { clearTimeout(timer); socket.destroy(); resolve(answer); };
            const parse = () => {
                for (;;) {
                    if (buffer.length < 2) return;
                    const opcode = buffer[0] & 0x0f;
                    let length = buffer[1] & 0x7f;
                    let offset = 2;
                    if (length === 126) {
                        if (buffer.length < 4) return;
                        length = buffer.readUInt16BE(2);
                        offset = 4;
                    } else if (length === 127) {
                        if (buffer.length < 10) return;
                        length = Number(buffer.readBigUInt64BE(2));
                        offset = 10;
                    }
                    if (buffer[1] & 0x80) offset += 4; // a server must not mask, but skip a mask anyway
                    if (buffer.length < offset + length) return;
                    const payload = buffer.subarray(offset, offset + length);
                    buffer = buffer.subarray(offset + length);
                    if (opcode === 0x8) {
                        answer.close = { code: payload.length >= 2 ? payload.readUInt16BE(0) : 1005, reason: payload.subarray(2).toString() };
                        finish();
                        return;
                    }
                    answer.frames.push({ opcode, text: payload.toString() });
                }
            };
            socket.on('data', (chunk) => { buffer = Buffer.concat([buffer, chunk]); parse(); });
            socket.on('close', finish);
            socket.on('error', finish);
            parse();
        });
        request.on('error', (error) => { clearTimeout(timer); reject(error); });
        request.end();
    });
}

// ---------------------------------------------------------------------------------------------
// graphql-transport-ws
async function transportRules() {
    const T = (name) => `${TRANSPORT}: ${name}`;

    // The init timeout runs in the background while the other rules run; reported last.
    let initTimeout;
    if (initTimeoutMs > 0) {
        initTimeout = (async () => {
            const c = await Conn.open(TRANSPORT);
            const opened = performance.now();
            try {
                await c.expectClose(4408, `${initTimeoutMs} ms without connection_init`, initTimeoutMs + timeoutMs);
                const after = performance.now() - opened;
                // Not sooner than the wait time (a little slack for timers).
                if (after < initTimeoutMs - 250) throw new Error(`closed with 4408 after ${Math.round(after)} ms, before the ${initTimeoutMs} ms wait time`);
            } finally {
                c.end();
            }
        })();
        initTimeout.catch(() => {}); // awaited below
    }

    await rule(T('the sub-protocol is negotiated and echoed'), () => establishes(TRANSPORT, 'upgrade', 'the upgrade', async () => {
        const c = await rawT();
        if (c.socket.protocol !== TRANSPORT) throw new Error(`the server echoed "${c.socket.protocol}"`);
    }));

    await rule(T('an unknown sub-protocol is closed with 4406'), async () => {
        const answer = await rawHandshake('conformance-unknown-protocol');
        if (answer.status !== 101) throw new Error(`expected the upgrade to succeed and then close 4406, got HTTP ${answer.status}`);
        if (!answer.close) throw new Error(`expected close 4406, the connection ended without a close frame (frames: ${show(answer.frames)})`);
        if (answer.close.code !== 4406) throw new Error(`expected close 4406, got ${closeText(answer.close)} (echoed sub-protocol: ${answer.protocol ?? 'none'})`);
    });

    await rule(T('connection_init is answered with connection_ack'), () => establishes(TRANSPORT, 'ack', 'connection_init', async () => {
        const c = await rawT();
        c.send(initPayload === undefined ? { type: 'connection_init' } : { type: 'connection_init', payload: initPayload });
        const ack = await c.take({ type: 'connection_ack' }, 'connection_ack');
        if (ack.payload !== undefined && ack.payload !== null && (typeof ack.payload !== 'object' || Array.isArray(ack.payload))) {
            throw new Error(`connection_ack's payload must be an object or absent, got ${show(ack)}`);
        }
        c.assertWellFormed();
    }));

    await rule(T('a second connection_init is closed with 4429'), async () => {
        const c = await openT();
        c.send({ type: 'connection_init', payload: initPayload });
        await c.expectClose(4429, 'a second connection_init');
    });

    await rule(T('a second connection_init before the ack is closed with 4429'), async () => {
        const c = await rawT();
        c.send({ type: 'connection_init', payload: initPayload });
        c.send({ type: 'connection_init', payload: initPayload });
        await c.expectClose(4429, 'two connection_init in a row');
    });

    await rule(T('subscribe before connection_ack is closed with 4401'), async () => {
        const c = await rawT();
        c.send({ type: 'subscribe', id: 'early', payload: { query: singleQuery } });
        await c.expectClose(4401, 'subscribe without connection_init');
    });

    await rule(T('subscribe with the id of an active subscription is closed with 4409'), async () => {
        const c = await openT();
        c.send({ type: 'subscribe', id: 'dup', payload: { query: liveQuery } });
        assertResult(await c.take({ type: 'next', id: 'dup' }, 'the first next of the subscription'), 'first next');
        c.send({ type: 'subscribe', id: 'dup', payload: { query: liveQuery } });
        await c.expectClose(4409, 'a second subscribe with the active id "dup"');
    });

    const invalid = [
        ['text that is not JSON', '{"type": "ping"'],
        ['JSON that is not an object', '["ping"]'],
        ['a message without a type', { id: 'x', payload: {} }],
        ['an unknown type', { type: 'conformance_unknown' }],
        ['a server-to-client type (next)', { type: 'next', id: 'x', payload: { data: {} } }],
        ['subscribe without an id', { type: 'subscribe', payload: { query: singleQuery } }],
        ['subscribe with an empty id', { type: 'subscribe', id: '', payload: { query: singleQuery } }],
        ['subscribe without a payload', { type: 'subscribe', id: 'x' }],
        ['subscribe whose payload has no query', { type: 'subscribe', id: 'x', payload: { variables: {} } }],
        ['subscribe whose query is not a string', { type: 'subscribe', id: 'x', payload: { query: 42 } }],
        ['complete without an id', { type: 'complete' }],
    ];
    for (const [what, message] of invalid) {
        await rule(T(`${what} is closed with 4400`), async () => {
            const c = await openT();
            c.send(message);
            await c.expectClose(4400, `${what} (${show(message)})`);
        });
    }
    await rule(T('connection_init whose payload is not an object is closed with 4400'), async () => {
        const c = await rawT();
        c.send({ type: 'connection_init', payload: 'conformance' });
        await c.expectClose(4400, 'connection_init with payload "conformance"');
    });

    await rule(T('ping with a payload is answered with pong'), async () => {
        const c = await openT();
        c.send({ type: 'ping', payload: { conformance: 'ping' } });
        const pong = await c.take({ type: 'pong' }, 'pong');
        if (pong.payload !== undefined && pong.payload !== null && (typeof pong.payload !== 'object' || Array.isArray(pong.payload))) {
            throw new Error(`pong's payload must be an object or absent, got ${show(pong)}`);
        }
    });

    await rule(T('ping without a payload, before connection_init, is answered with pong'), async () => {
        const c = await rawT();
        c.autoPong = true;
        c.send({ type: 'ping' });
        await c.take({ type: 'pong' }, 'pong');
        if (c.closeInfo) throw new Error(`the socket closed: ${closeText(c.closeInfo)}`);
    });

    await rule(T('an unsolicited pong is accepted'), async () => {
        const c = await openT();
        c.send({ type: 'pong', payload: { conformance: 'heartbeat' } });
        c.send({ type: 'pong' });
        await pingBarrier(c); // the socket is still served
    });

    await rule(T('complete for an unknown id is ignored'), async () => {
        const c = await openT();
        c.send({ type: 'complete', id: 'conformance-never-used' });
        await pingBarrier(c);
        if (c.ofId('conformance-never-used').length) throw new Error(`the server answered: ${show(c.ofId('conformance-never-used'))}`);
    });

    await rule(T('a query over the socket: one next, then complete'), async () => {
        const c = await openT();
        c.send({ type: 'subscribe', id: 'q', payload: { query: singleQuery } });
        assertResult(await c.take({ type: 'next', id: 'q' }, 'next'), 'the query\'s next');
        await c.take({ type: 'complete', id: 'q' }, 'complete after the query\'s next');
        await pingBarrier(c);
        const msgs = c.ofId('q');
        if (msgs.length !== 2) throw new Error(`expected exactly next and complete for "q", got ${show(msgs)}`);
    });

    await rule(T('variables and operationName in subscribe are honoured'), async () => {
        const c = await openT();
        const query = 'query ConformanceA { a: __typename } query ConformanceB($skip: Boolean!) { b: __typename @skip(if: $skip) c: __typename }';
        c.send({ type: 'subscribe', id: 'v', payload: { query, operationName: 'ConformanceB', variables: { skip: true }, extensions: {} } });
        const next = await c.take({ type: 'next', id: 'v' }, 'next');
        assertResult(next, 'next');
        const keys = Object.keys(next.payload.data).sort().join(',');
        if (keys !== 'c') throw new Error(`expected data with only "c" (operation ConformanceB, b skipped), got ${show(next.payload)}`);
        await c.take({ type: 'complete', id: 'v' }, 'complete');
    });

    await rule(T('a subscription: next with its first result, and it stays active'), async () => {
        const c = await openT();
        c.send({ type: 'subscribe', id: 's', payload: { query: liveQuery } });
        assertResult(await c.take({ type: 'next', id: 's' }, 'the first next'), 'first next');
        await pingBarrier(c);
        const ended = c.ofId('s').find((m) => m.type !== 'next');
        if (ended) throw new Error(`the subscription ended by itself: ${show(ended)} (is --query a subscription that stays active?)`);
    });

    await rule(T('complete from the client stops the subscription: no next after it'), async () => {
        const c = await openT();
        c.send({ type: 'subscribe', id: 's', payload: { query: liveQuery } });
        await c.take({ type: 'next', id: 's' }, 'the first next');
        c.send({ type: 'complete', id: 's' });
        // Results already in flight may still come (the spec allows for them), and a server may
        // handle messages concurrently (a ping barrier need not follow the complete's handling):
        // after a grace period of settleMs, a further settleMs must pass without any next.
        await pingBarrier(c);
        await new Promise((r) => setTimeout(r, settleMs));
        const mark = c.log.length;
        await new Promise((r) => setTimeout(r, settleMs));
        await pingBarrier(c);
        const late = c.log.slice(mark).filter((e) => e.msg?.id === 's' && e.msg.type === 'next');
        if (late.length) throw new Error(`next still arriving ${settleMs} ms after the client's complete: ${show(late.map((e) => e.msg))}`);
    });

    await rule(T('after the client\'s complete the id can be used again'), async () => {
        const c = await openT();
        c.send({ type: 'subscribe', id: 'again', payload: { query: liveQuery } });
        await c.take({ type: 'next', id: 'again' }, 'the first next');
        c.send({ type: 'complete', id: 'again' });
        await pingBarrier(c);
        c.send({ type: 'subscribe', id: 'again', payload: { query: liveQuery } });
        await c.take({ type: 'next', id: 'again' }, 'next of the second subscription with the same id');
        if (c.closeInfo) throw new Error(`the socket closed: ${closeText(c.closeInfo)}`);
    });

    await rule(T('after the server\'s complete of a query the id can be used again'), async () => {
        const c = await openT();
        for (const round of [1, 2, 3]) {
            c.send({ type: 'subscribe', id: 'same', payload: { query: singleQuery } });
            await c.take({ type: 'next', id: 'same' }, `next of round ${round}`);
            await c.take({ type: 'complete', id: 'same' }, `complete of round ${round}`);
        }
    });

    for (const [what, query] of [['an invalid document (unknown field)', 'query { conformanceNoSuchField }'], ['a document that does not parse', 'query {']]) {
        await rule(T(`${what}: one error message, no next, no complete`), async () => {
            const c = await openT();
            c.send({ type: 'subscribe', id: 'bad', payload: { query } });
            const error = await c.take((m) => m.id === 'bad', 'a message for the operation');
            if (error.type !== 'error') throw new Error(`expected an error message, got ${show(error)}`);
            assertGraphqlErrors(error.payload, 'the error message\'s payload');
            await pingBarrier(c);
            const msgs = c.ofId('bad');
            if (msgs.length !== 1) throw new Error(`expected only the error message for "bad", got ${show(msgs)}`);
            // The operation is over: its id is free again.
            c.send({ type: 'subscribe', id: 'bad', payload: { query: singleQuery } });
            await c.take({ type: 'complete', id: 'bad' }, 'complete of a valid query reusing the id of the failed one');
        });
    }

    await rule(T('reconnecting, the same ids work again'), async () => {
        const first = await openT();
        first.send({ type: 'subscribe', id: '1', payload: { query: liveQuery } });
        first.send({ type: 'subscribe', id: '2', payload: { query: singleQuery } });
        await first.take({ type: 'next', id: '1' }, 'next of "1" on the first socket');
        await first.take({ type: 'complete', id: '2' }, 'complete of "2" on the first socket');
        first.end(); // subscription "1" still active
        await first.closed('the client closed with 1000');
        const second = await openT();
        second.send({ type: 'subscribe', id: '1', payload: { query: liveQuery } });
        second.send({ type: 'subscribe', id: '2', payload: { query: singleQuery } });
        await second.take({ type: 'next', id: '1' }, 'next of "1" on the second socket');
        await second.take({ type: 'complete', id: '2' }, 'complete of "2" on the second socket');
    });

    await rule(T('messages in order: interleaved operations, each next before its complete, pongs in order'), async () => {
        const c = await openT();
        const ids = ['o1', 'o2', 'o3', 'o4', 'o5'];
        c.send({ type: 'subscribe', id: 'live', payload: { query: liveQuery } });
        for (const id of ids) {
            c.send({ type: 'subscribe', id, payload: { query: singleQuery } });
            c.send({ type: 'ping', payload: { seq: id } });
        }
        for (const id of ids) await c.take({ type: 'complete', id }, `complete of ${id}`);
        await c.take({ type: 'next', id: 'live' }, 'the subscription\'s first next');
        await pingBarrier(c);
        c.assertWellFormed();
        for (const id of ids) {
            const msgs = c.ofId(id);
            const v = orderViolation(msgs, { results: ['next'], ends: ['complete', 'error'] });
            if (v) throw new Error(`operation ${id}: ${v}`);
            if (msgs.map((m) => m.type).join() !== 'next,complete') throw new Error(`operation ${id}: expected next then complete, got ${show(msgs)}`);
        }
        const echoed = c.log.filter((e) => e.msg?.type === 'pong' && e.msg.payload?.seq).map((e) => e.msg.payload.seq);
        if (echoed.length && echoed.join() !== ids.slice(0, echoed.length).join()) throw new Error(`pongs out of order: ${show(echoed)}`);
    });

    await rule(T('the admin secret in connection_init payload.headers is accepted'), async () => {
        await openT();
    }, secret ? undefined : noSecret);
    await rule(T('connection_init without the admin secret is closed with 4403'), async () => {
        const c = await rawT();
        c.send({ type: 'connection_init' });
        await c.expectClose(4403, 'connection_init without a secret');
    }, secret ? undefined : noSecret);
    await rule(T('connection_init with a wrong admin secret is closed with 4403'), async () => {
        const c = await rawT();
        c.send({ type: 'connection_init', payload: { headers: { [secretHeader]: `${secret}-wrong` } } });
        await c.expectClose(4403, 'connection_init with a wrong secret');
    }, secret ? undefined : noSecret);
    await rule(T('the admin secret in the upgrade request\'s headers is accepted'), async () => {
        const c = await openT({ headers: { [secretHeader]: secret }, payload: {} });
        c.send({ type: 'subscribe', id: 'h', payload: { query: singleQuery } });
        await c.take({ type: 'complete', id: 'h' }, 'complete of a query');
    }, secret ? undefined : noSecret);

    await rule(T(`no connection_init within ${initTimeoutMs} ms is closed with 4408`), () => initTimeout,
        initTimeoutMs > 0 ? undefined : '--init-timeout 0');
}

// ---------------------------------------------------------------------------------------------
// legacy graphql-ws (subscriptions-transport-ws)
async function legacyRules() {
    const L = (name) => `${LEGACY} (legacy): ${name}`;
    const errorOrConnectionError = (id) => (m) => m.type === 'connection_error' || (m.type === 'error' && m.id === id);

    await rule(L('the sub-protocol is negotiated and echoed'), () => establishes(LEGACY, 'upgrade', 'the upgrade', async () => {
        const c = await rawL();
        if (c.socket.protocol !== LEGACY) throw new Error(`the server echoed "${c.socket.protocol}"`);
    }));

    await rule(L('connection_init is answered with connection_ack, then ka'), async () => {
        const c = await rawL();
        c.send(initPayload === undefined ? { type: 'connection_init' } : { type: 'connection_init', payload: initPayload });
        await establishes(LEGACY, 'ack', 'connection_init', () => c.take({ type: 'connection_ack' }, 'connection_ack'));
        await c.take({ type: 'ka' }, 'ka (keep-alive) after connection_ack');
        const first = c.log.find((e) => e.msg?.type === 'connection_ack' || e.msg?.type === 'ka');
        if (first.msg.type !== 'connection_ack') throw new Error(`ka came before connection_ack: ${c.received()}`);
        c.assertWellFormed();
    });

    await rule(L('a query with start: data, then complete'), async () => {
        const c = await openL();
        c.send({ type: 'start', id: 'q', payload: { query: singleQuery } });
        assertResult(await c.take({ type: 'data', id: 'q' }, 'data'), 'the query\'s data');
        await c.take({ type: 'complete', id: 'q' }, 'complete after the query\'s data');
        await legacyBarrier(c);
        const msgs = c.ofId('q');
        if (msgs.length !== 2) throw new Error(`expected exactly data and complete for "q", got ${show(msgs)}`);
    });

    await rule(L('variables and operationName in start are honoured'), async () => {
        const c = await openL();
        const query = 'query ConformanceA { a: __typename } query ConformanceB($skip: Boolean!) { b: __typename @skip(if: $skip) c: __typename }';
        c.send({ type: 'start', id: 'v', payload: { query, operationName: 'ConformanceB', variables: { skip: true } } });
        const data = await c.take({ type: 'data', id: 'v' }, 'data');
        assertResult(data, 'data');
        const keys = Object.keys(data.payload.data).sort().join(',');
        if (keys !== 'c') throw new Error(`expected data with only "c" (operation ConformanceB, b skipped), got ${show(data.payload)}`);
    });

    await rule(L('a subscription with start: data with its first result, and it stays active'), async () => {
        const c = await openL();
        c.send({ type: 'start', id: 's', payload: { query: liveQuery } });
        assertResult(await c.take({ type: 'data', id: 's' }, 'the first data'), 'first data');
        await legacyBarrier(c);
        const ended = c.ofId('s').find((m) => m.type !== 'data');
        if (ended) throw new Error(`the subscription ended by itself: ${show(ended)} (is --query a subscription that stays active?)`);
    });

    await rule(L('stop: the server completes the operation and sends no data after it'), async () => {
        const c = await openL();
        c.send({ type: 'start', id: 's', payload: { query: liveQuery } });
        await c.take({ type: 'data', id: 's' }, 'the first data');
        c.send({ type: 'stop', id: 's' });
        await c.take({ type: 'complete', id: 's' }, 'complete after stop');
        await new Promise((r) => setTimeout(r, settleMs));
        await legacyBarrier(c);
        const v = orderViolation(c.ofId('s'), { results: ['data'], ends: ['complete'] });
        if (v) throw new Error(v);
    });

    await rule(L('stop for an unknown id is ignored'), async () => {
        const c = await openL();
        c.send({ type: 'stop', id: 'conformance-never-used' });
        await legacyBarrier(c);
        if (c.ofId('conformance-never-used').length) throw new Error(`the server answered: ${show(c.ofId('conformance-never-used'))}`);
    });

    for (const [what, query] of [['an invalid document (unknown field)', 'query { conformanceNoSuchField }'], ['a document that does not parse', 'query {']]) {
        await rule(L(`${what}: error with the operation's id, no data, no complete`), async () => {
            const c = await openL();
            c.send({ type: 'start', id: 'bad', payload: { query } });
            const error = await c.take((m) => m.id === 'bad', 'a message for the operation');
            if (error.type !== 'error') throw new Error(`expected an error message, got ${show(error)}`);
            if (!error.payload || typeof error.payload !== 'object') throw new Error(`expected an error payload, got ${show(error)}`);
            const errors = Array.isArray(error.payload) ? error.payload : (error.payload.errors ?? [error.payload]);
            assertGraphqlErrors(errors, 'the error message\'s payload');
            await legacyBarrier(c);
            const msgs = c.ofId('bad');
            if (msgs.length !== 1) throw new Error(`expected only the error message for "bad", got ${show(msgs)}`);
        });
    }

    await rule(L('text that is not JSON: connection_error, and the socket stays usable'), async () => {
        const c = await openL();
        c.send('{"type": "start"');
        const m = await c.take((x) => x.type === 'connection_error', 'connection_error');
        if (!m.payload) throw new Error(`connection_error without a payload: ${show(m)}`);
        await legacyBarrier(c);
    });

    await rule(L('an unknown type with an id: error or connection_error, and the socket stays usable'), async () => {
        const c = await openL();
        c.send({ type: 'conformance_unknown', id: 'u' });
        await c.take(errorOrConnectionError('u'), 'error or connection_error');
        await legacyBarrier(c);
    });

    await rule(L('start without a query: error or connection_error, and the socket stays usable'), async () => {
        const c = await openL();
        c.send({ type: 'start', id: 'nq', payload: { variables: {} } });
        await c.take(errorOrConnectionError('nq'), 'error or connection_error');
        await legacyBarrier(c);
        if (c.ofId('nq').some((m) => m.type === 'data')) throw new Error(`data for a start without a query: ${show(c.ofId('nq'))}`);
    });

    await rule(L('connection_init whose payload is not an object: connection_error'), async () => {
        const c = await rawL();
        c.send({ type: 'connection_init', payload: 'conformance' });
        await c.take({ type: 'connection_error' }, 'connection_error');
        if (c.log.some((e) => e.msg?.type === 'connection_ack')) throw new Error(`connection_ack for a bad connection_init: ${c.received()}`);
    });

    await rule(L('connection_terminate: the server closes the socket'), async () => {
        const c = await openL();
        c.send({ type: 'connection_terminate' });
        await c.closed('connection_terminate');
    });

    await rule(L('reconnecting, the same ids work again'), async () => {
        const first = await openL();
        first.send({ type: 'start', id: '1', payload: { query: liveQuery } });
        first.send({ type: 'start', id: '2', payload: { query: singleQuery } });
        await first.take({ type: 'data', id: '1' }, 'data of "1" on the first socket');
        await first.take({ type: 'complete', id: '2' }, 'complete of "2" on the first socket');
        first.send({ type: 'connection_terminate' });
        await first.closed('connection_terminate');
        const second = await openL();
        second.send({ type: 'start', id: '1', payload: { query: liveQuery } });
        second.send({ type: 'start', id: '2', payload: { query: singleQuery } });
        await second.take({ type: 'data', id: '1' }, 'data of "1" on the second socket');
        await second.take({ type: 'complete', id: '2' }, 'complete of "2" on the second socket');
    });

    await rule(L('messages in order: interleaved operations, each data before its complete'), async () => {
        const c = await openL();
        const ids = ['o1', 'o2', 'o3', 'o4', 'o5'];
        c.send({ type: 'start', id: 'live', payload: { query: liveQuery } });
        for (const id of ids) c.send({ type: 'start', id, payload: { query: singleQuery } });
        for (const id of ids) await c.take({ type: 'complete', id }, `complete of ${id}`);
        await c.take({ type: 'data', id: 'live' }, 'the subscription\'s first data');
        await legacyBarrier(c);
        c.assertWellFormed();
        for (const id of ids) {
            const msgs = c.ofId(id);
            if (msgs.map((m) => m.type).join() !== 'data,complete') throw new Error(`operation ${id}: expected data then complete, got ${show(msgs)}`);
        }
        const ka = c.log.findIndex((e) => e.msg?.type === 'ka');
        const ack = c.log.findIndex((e) => e.msg?.type === 'connection_ack');
        if (ka !== -1 && ka < ack) throw new Error(`ka before connection_ack: ${c.received()}`);
    });

    await rule(L('the admin secret in connection_init payload.headers is accepted'), async () => {
        await openL();
    }, secret ? undefined : noSecret);
    for (const [what, payload] of [['without the admin secret', undefined], ['with a wrong admin secret', { headers: { [secretHeader]: `${secret}-wrong` } }]]) {
        await rule(L(`connection_init ${what}: connection_error, then the server closes the socket`), async () => {
            const c = await rawL();
            c.send(payload === undefined ? { type: 'connection_init' } : { type: 'connection_init', payload });
            await c.take({ type: 'connection_error' }, 'connection_error');
            await c.closed('connection_error');
            if (c.log.some((e) => e.msg?.type === 'connection_ack')) throw new Error(`connection_ack for a refused connection_init: ${c.received()}`);
        }, secret ? undefined : noSecret);
    }
    await rule(L('the admin secret in the upgrade request\'s headers is accepted'), async () => {
        const c = await openL({ headers: { [secretHeader]: secret }, payload: {} });
        c.send({ type: 'start', id: 'h', payload: { query: singleQuery } });
        await c.take({ type: 'complete', id: 'h' }, 'complete of a query');
    }, secret ? undefined : noSecret);
}

console.log(`GraphQL over WebSocket conformance: ${wsUrl} (protocol ${opt.protocol}${secret ? ', with the admin secret' : ''})`);
if (opt.protocol !== 'legacy') await transportRules();
if (opt.protocol !== 'transport') await legacyRules();

const count = (k) => outcomes.filter((o) => o === k).length;
console.log(`\n${count('pass')} passed, ${count('fail')} failed, ${count('skip')} skipped`);
process.exitCode = count('fail') ? 1 : 0;
// A socket a failed rule left half-open must not keep the process alive.
setTimeout(() => process.exit(), 200).unref();
