// The GraphQL-over-HTTP conformance audit of the graphql-http package (the spec's reference
// implementation) against trefoild. Every audit passes today, SHOULD and MAY included, and has to
// keep passing: any that does not is listed in Markdown and fails the test.
// usage: node audit.mjs http://127.0.0.1:PORT/v1/graphql
import { readFileSync } from 'node:fs';
import { auditServer } from 'graphql-http';
import { adminSecret, authFetch, url } from './lib.mjs';

const version = JSON.parse(readFileSync(new URL('./node_modules/graphql-http/package.json', import.meta.url), 'utf8')).version;
const results = await auditServer({ url, fetchFn: adminSecret ? authFetch : fetch });

const level = (r) => r.name.split(' ', 1)[0];
const levels = ['MUST', 'SHOULD', 'MAY'];
const count = (lvl) => {
    const all = results.filter((r) => level(r) === lvl);
    return `${lvl} ${all.filter((r) => r.status === 'ok').length}/${all.length}`;
};

async function reasonOf(r) {
    let body = '';
    try {
        body = (await r.response.text()).replace(/\s+/g, ' ').slice(0, 300);
    } catch {
        // The body may have been read by the audit already.
    }
    return `${r.reason}${r.response ? ` (HTTP ${r.response.status}${body ? `: \`${body.replaceAll('`', "'")}\`` : ''})` : ''}`;
}

console.log('All audits:');
for (const r of results) {
    console.log(`  ${r.status === 'ok' ? 'ok    ' : r.status.padEnd(6)} ${r.id} ${r.name}`);
}

const ok = results.filter((r) => r.status === 'ok').length;
const mustFailures = results.filter((r) => level(r) === 'MUST' && r.status !== 'ok');
const otherFailures = results.filter((r) => level(r) !== 'MUST' && r.status !== 'ok');

console.log(`\n### graphql-http ${version} audit of trefoild: ${ok} of ${results.length} pass (${levels.map(count).join(', ')})\n`);
if (otherFailures.length) {
    console.log('FAIL: SHOULD/MAY audits that do not pass (they all did):\n');
    for (const r of otherFailures) {
        console.log(`- \`${r.id}\` ${r.name} — ${r.status}: ${await reasonOf(r)}`);
    }
    console.log('');
    process.exitCode = 1;
}
if (mustFailures.length) {
    console.log(`FAIL: ${mustFailures.length} MUST audit(s) do not pass:\n`);
    for (const r of mustFailures) {
        console.log(`- \`${r.id}\` ${r.name} — ${r.status}: ${await reasonOf(r)}`);
    }
    process.exitCode = 1;
} else {
    console.log(`All ${results.filter((r) => level(r) === 'MUST').length} MUST audits pass.`);
}
