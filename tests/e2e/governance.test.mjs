// Governance seen from outside: virtual keys made with the CLI and the admin API, budgets
// that concurrent streams cannot overspend, rate limits exact under concurrency, a cache
// that no key shares with another, redaction before a request leaves, no secret anywhere
// it should not be, and the gateway refusing what a rebinding web page would send. Real
// signalboxd, real mock provider, the sqlite3 CLI to read the log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import OpenAI from 'openai';
import { rowsOf, startMock, startGateway, until } from './harness.mjs';

const run = promisify(execFile);
const signalboxd = () => {
  const path = process.env.SIGNALBOXD;
  if (!path) throw new Error('SIGNALBOXD is not set: run these tests through ctest');
  return path;
};

// --- helpers ----------------------------------------------------------------------------

function freshDir(t) {
  const dir = mkdtempSync(join(tmpdir(), 'signalbox-e2e-gov-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function mockFor(t, args) {
  const mock = await startMock(args);
  t.after(() => mock.stop());
  return mock;
}

async function gatewayFor(t, config, env, dataDir) {
  const gateway = await startGateway(config, env, { dataDir });
  t.after(() => gateway.stop());
  return gateway;
}

// `signalboxd keys ARGS --data-dir DIR`.
async function keysCli(dir, ...args) {
  const { stdout, stderr } = await run(signalboxd(), ['keys', ...args, '--data-dir', dir]);
  return { stdout, stderr };
}

// A key made with the CLI: { key, id, out } (out: what the CLI printed).
async function createKey(dir, name, ...settings) {
  const { stdout, stderr } = await keysCli(dir, 'create', '--name', name, ...settings, '--json');
  const created = JSON.parse(stdout);
  assert.match(created.key, /^sbk-[A-Za-z0-9_-]{20,}$/);
  assert.match(created.id, /^vk_/);
  return { key: created.key, id: created.id, out: stdout + stderr };
}

// The rows of one virtual key, once the log holds `count` of them.
async function keyRows(db, id, count) {
  const query = `SELECT * FROM requests WHERE virtual_key_id = '${id}' ORDER BY started_at, id`;
  return until(`${count} rows of ${id}`, async () => {
    const rows = await rowsOf(db, query);
    return rows.length >= count ? rows : null;
  });
}

// One HTTP call read to its end: { status, headers, text, json }.
async function call(url, { path = '/v1/chat/completions', method = 'POST', key, headers = {}, body } = {}) {
  const sent = { ...headers };
  if (body !== undefined) sent['content-type'] = 'application/json';
  if (key) sent.authorization = `Bearer ${key}`;
  const response = await fetch(url + path, {
    method,
    headers: sent,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    // a stream, or not JSON
  }
  return { status: response.status, headers: response.headers, text, json };
}

// A request through node:http, which sends whatever Host header it is given.
function raw(url, { method = 'GET', path = '/health', headers = {}, body } = {}) {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: u.hostname, port: u.port, method, path, headers, agent: false },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode, headers: response.headers, text }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

const chatBody = (content, extra = {}) => ({
  model: 'mock/gpt-x',
  messages: [{ role: 'user', content }],
  ...extra,
});

// Asserts an OpenAI error body with this status and code.
function assertError(r, status, code, what = '') {
  assert.equal(r.status, status, `${what} ${r.text}`);
  assert.equal(r.json?.error?.code, code, `${what} ${r.text}`);
  assert.equal(typeof r.json.error.message, 'string');
}

const countBodies = async (mock, needle) =>
  (await mock.requests()).filter((r) => r.body.includes(needle)).length;

// --- budgets ----------------------------------------------------------------------------

test('200 concurrent streams against a small budget: spend never passes it', async (t) => {
  const PRICE = 1000;  // USD per million tokens, in and out: a token costs $0.001
  const MAX_TOKENS = 16;
  const STREAMS = 200;
  const mock = await mockFor(t, ['--chunk-delay-ms', '3']);
  const dir = freshDir(t);
  const db = join(dir, 'signalbox.db');
  const body = (n) => chatBody(`budget ${String(n).padStart(3, '0')}`, { stream: true, max_tokens: MAX_TOKENS });
  // What the meter holds for one request: twice the prompt's bytes / 4, plus max_tokens.
  const bytes = JSON.stringify(body(0)).length;
  const ceiling = ((2 * Math.ceil(bytes / 4) + MAX_TOKENS) * PRICE) / 1e6;
  const budget = Number((Math.floor(STREAMS / 3) * ceiling).toFixed(6));
  const key = await createKey(dir, 'tight', '--budget', String(budget), '--period', 'day');
  const gateway = await gatewayFor(t, `listen: 127.0.0.1:0
providers:
  mock: {kind: openai, base_url: "${mock.url}/v1"}
pricing:
  mock/gpt-x: {input: ${PRICE}, output: ${PRICE}}
governance: {admin_token: env:GOV_ADMIN}
`, { GOV_ADMIN: 'adm-budget-test' }, dir);

  const results = await Promise.all(Array.from({ length: STREAMS }, (_, n) =>
    call(gateway.url, { key: key.key, body: body(n) })));
  const admitted = results.filter((r) => r.status === 200);
  const refused = results.filter((r) => r.status !== 200);
  assert.ok(admitted.length >= 1, 'no stream was admitted');
  assert.ok(refused.length >= 1, 'no stream was refused');
  for (const r of admitted) {
    assert.match(r.headers.get('content-type'), /^text\/event-stream/);
    assert.ok(r.text.includes('data: [DONE]'), `an admitted stream did not complete: ${r.text}`);
    assert.ok(!r.text.includes('"error"'), r.text);
  }
  for (const r of refused) {
    assertError(r, 429, 'insufficient_quota', 'refused stream');
    assert.equal(r.json.error.type, 'insufficient_quota');  // OpenAI's type for it
    assert.equal(r.headers.get('x-should-retry'), 'false');  // SDKs would retry a 429
    const { message } = r.json.error;
    assert.ok(message.includes("'tight'"), message);
    assert.ok(message.includes(`$${budget.toFixed(budget < 1 ? 4 : 2)}`), message);
    assert.match(message, /resets at \d{4}-\d\d-\d\dT00:00:00Z/);
    assert.ok(!message.includes(key.key), message);
  }

  const rows = await keyRows(db, key.id, STREAMS);
  assert.equal(rows.length, STREAMS);
  const ok = rows.filter((r) => r.status === 200);
  assert.equal(ok.length, admitted.length);
  assert.equal(rows.filter((r) => r.status === 429).length, refused.length);
  for (const r of ok) {
    assert.ok(r.cost_usd > 0 && r.cost_estimated === 0, JSON.stringify(r));
    assert.ok(r.cost_usd <= ceiling + 1e-12, `cost ${r.cost_usd} above the reservation ${ceiling}`);
  }
  for (const r of rows.filter((row) => row.status === 429)) assert.equal(r.cost_usd, 0);
  const spent = ok.reduce((sum, r) => sum + r.cost_usd, 0);
  assert.ok(spent <= budget + 1e-9, `spent $${spent} of a $${budget} budget`);

  // The gateway's own ledger agrees, and nothing stays reserved.
  const usage = await call(gateway.url, {
    method: 'GET', path: `/admin/keys/${key.id}/usage`, key: 'adm-budget-test',
  });
  assert.equal(usage.status, 200, usage.text);
  const period = usage.json.spend.budget_period;
  assert.equal(period.reserved_usd, 0);
  assert.ok(Math.abs(period.spent_usd - spent) < 1e-6, `${period.spent_usd} vs ${spent}`);
  assert.ok(period.spent_usd <= budget);
  // What was reserved and not spent is free again.
  const later = await call(gateway.url, { key: key.key, body: body(STREAMS) });
  assert.equal(later.status, 200, later.text);
  t.diagnostic(`budget $${budget} (reservation $${ceiling.toFixed(4)} a stream): ` +
    `${admitted.length} admitted, ${refused.length} refused, $${spent.toFixed(4)} spent`);
});

// --- rate limits ------------------------------------------------------------------------

test('rpm is exact under concurrency: N of 3N pass, the rest get 429 with Retry-After', async (t) => {
  const RPM = 7;
  const TPM = 100000;
  const mock = await mockFor(t);
  const dir = freshDir(t);
  const gateway = await gatewayFor(t, `listen: 127.0.0.1:0
providers:
  mock: {kind: openai, base_url: "${mock.url}/v1"}
governance: {admin_token: env:GOV_ADMIN}
`, { GOV_ADMIN: 'adm-rate-test' }, dir);
  const created = await call(gateway.url, {
    path: '/admin/keys', key: 'adm-rate-test', body: { name: 'paced', rpm: RPM, tpm: TPM },
  });
  assert.equal(created.status, 201, created.text);
  assert.match(created.json.key, /^sbk-/);

  const results = await Promise.all(Array.from({ length: 3 * RPM }, (_, n) =>
    call(gateway.url, { key: created.json.key, body: chatBody(`paced ${n}`) })));
  const passed = results.filter((r) => r.status === 200);
  const limited = results.filter((r) => r.status !== 200);
  assert.equal(passed.length, RPM, results.map((r) => r.status).join(','));
  const remaining = passed.map((r) => Number(r.headers.get('x-ratelimit-remaining-requests')));
  assert.deepEqual(remaining.sort((a, b) => a - b), Array.from({ length: RPM }, (_, i) => i));
  for (const r of passed) {
    assert.equal(r.headers.get('x-ratelimit-limit-requests'), String(RPM));
    assert.match(r.headers.get('x-ratelimit-reset-requests'), /^(\d+m)?\d+(\.\d+)?m?s$/);
    assert.equal(r.headers.get('x-ratelimit-limit-tokens'), String(TPM));
    const tokensLeft = Number(r.headers.get('x-ratelimit-remaining-tokens'));
    assert.ok(tokensLeft > 0 && tokensLeft < TPM, `${tokensLeft}`);
    assert.ok(r.headers.get('x-ratelimit-reset-tokens'));
  }
  for (const r of limited) {
    assertError(r, 429, 'rate_limit_exceeded', 'limited');
    assert.equal(r.json.error.type, 'requests');
    assert.equal(r.headers.get('x-should-retry'), null);  // it passes after Retry-After
    const retryAfter = Number(r.headers.get('retry-after'));
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60,
      `retry-after ${r.headers.get('retry-after')}`);
    assert.equal(r.headers.get('x-ratelimit-remaining-requests'), '0');
    assert.equal(r.headers.get('x-ratelimit-limit-requests'), String(RPM));
    assert.ok(r.json.error.message.includes("'paced'"), r.json.error.message);
  }
  assert.equal(await countBodies(mock, 'paced '), RPM, 'only admitted requests reach the provider');
  const rows = await keyRows(join(dir, 'signalbox.db'), created.json.id, 3 * RPM);
  assert.equal(rows.filter((r) => r.status === 200).length, RPM);
  assert.equal(rows.filter((r) => r.status === 429).length, 2 * RPM);
});

// --- cache ------------------------------------------------------------------------------

test('the cache is per key: no cross-key hits, repeats hit, a hit replays as a stream', async (t) => {
  const mock = await mockFor(t);
  const dir = freshDir(t);
  const db = join(dir, 'signalbox.db');
  const alice = await createKey(dir, 'alice');
  const bob = await createKey(dir, 'bob');
  const gateway = await gatewayFor(t, `listen: 127.0.0.1:0
providers:
  mock: {kind: openai, base_url: "${mock.url}/v1"}
pricing:
  mock/gpt-x: {input: 1000, output: 2000}
cache: {enabled: true, ttl_s: 600, max_mb: 8}
`, {}, dir);
  const request = chatBody('cache me if you can', { temperature: 0 });
  const seen = () => countBodies(mock, 'cache me if you can');
  const ask = (key, headers) => call(gateway.url, { key: key.key, body: request, headers });

  const first = await ask(alice);
  assert.equal(first.status, 200, first.text);
  assert.equal(first.headers.get('x-signalbox-cache'), 'miss');
  const again = await ask(alice);
  assert.equal(again.headers.get('x-signalbox-cache'), 'hit');
  assert.match(again.headers.get('age'), /^\d+$/);
  assert.equal(again.json.choices[0].message.content, first.json.choices[0].message.content);
  assert.equal(await seen(), 1);

  // The same request from another key is that key's own miss.
  const bobFirst = await ask(bob);
  assert.equal(bobFirst.status, 200);
  assert.equal(bobFirst.headers.get('x-signalbox-cache'), 'miss');
  assert.equal(await seen(), 2);
  const bobAgain = await ask(bob);
  assert.equal(bobAgain.headers.get('x-signalbox-cache'), 'hit');
  assert.equal(await seen(), 2, 'exactly one provider call per key');

  // The answer kept from a whole response, replayed to a streaming SDK client.
  const openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: alice.key, maxRetries: 0 });
  const { data: stream, response } = await openai.chat.completions
    .create({ ...request, stream: true })
    .withResponse();
  assert.equal(response.headers.get('x-signalbox-cache'), 'hit');
  let text = '';
  let finish = null;
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta?.content ?? '';
    finish = chunk.choices[0]?.finish_reason ?? finish;
  }
  assert.equal(text, first.json.choices[0].message.content);
  assert.equal(finish, 'stop');
  assert.equal(await seen(), 2);

  // Opting out: no-store and x-signalbox-cache: off go to the provider and say bypass.
  const noStore = await ask(alice, { 'cache-control': 'no-store' });
  assert.equal(noStore.headers.get('x-signalbox-cache'), 'bypass');
  const off = await ask(alice, { 'x-signalbox-cache': 'off' });
  assert.equal(off.headers.get('x-signalbox-cache'), 'bypass');
  assert.equal(await seen(), 4);

  // An error is never kept: the same request asked again goes to the provider.
  await mock.fault({ model: 'gpt-x', status: 400, times: 1 });
  const failing = chatBody('an error is not an answer');
  const failed = await call(gateway.url, { key: alice.key, body: failing });
  assert.equal(failed.status, 400);
  const retried = await call(gateway.url, { key: alice.key, body: failing });
  assert.equal(retried.status, 200, retried.text);
  assert.equal(retried.headers.get('x-signalbox-cache'), 'miss');
  assert.equal(await countBodies(mock, 'an error is not an answer'), 2);

  // The log: hits cost nothing and say what they saved, under their own key.
  const aliceRows = await keyRows(db, alice.id, 7);
  const bobRows = await keyRows(db, bob.id, 2);
  const [miss, hit, streamHit] = aliceRows;
  assert.equal(miss.cache_hit, 0);
  assert.ok(miss.cost_usd > 0);
  for (const row of [hit, streamHit, bobRows[1]]) {
    assert.equal(row.cache_hit, 1, JSON.stringify(row));
    assert.equal(row.cost_usd, 0);
    assert.ok(Math.abs(row.cache_saved_usd - miss.cost_usd) < 1e-12, JSON.stringify(row));
  }
  assert.equal(streamHit.stream, 1);
  assert.equal(bobRows[0].cache_hit, 0);
  assert.ok(bobRows[0].cost_usd > 0);
});

// --- redaction --------------------------------------------------------------------------

test('redaction masks before the request leaves; near misses stay; the row counts', async (t) => {
  const mock = await mockFor(t);
  const dir = freshDir(t);
  const db = join(dir, 'signalbox.db');
  const gateway = await gatewayFor(t, `listen: 127.0.0.1:0
providers:
  mock: {kind: openai, base_url: "${mock.url}/v1"}
  claude: {kind: anthropic, base_url: "${mock.url}"}
routes:
  secrets-only:
    targets: [mock/gpt-x]
    redact: [secret]
  raw:
    targets: [mock/gpt-x]
    redact: []
governance: {redact: [email, phone, card, iban, secret]}
`, {}, dir);
  const personal = 'Mail jane.doe@example.com or j.doe+news@mail.example.org, ' +
    'call +44 20 7946 0958, card 4111 1111 1111 1111, ' +
    'IBAN GB82 WEST 1234 5698 7654 32. ' +
    'Near misses: order 4111 1111 1111 1112, IBAN GB82 WEST 1234 5698 7654 33, logo@2x.png, ' +
    'ticket 123-456-7890.';
  const originals = ['jane.doe@example.com', 'j.doe+news@mail.example.org', '+44 20 7946 0958',
    '4111 1111 1111 1111', 'GB82 WEST 1234 5698 7654 32'];
  const nearMisses = ['4111 1111 1111 1112', 'GB82 WEST 1234 5698 7654 33', 'logo@2x.png',
    '123-456-7890'];

  const r = await call(gateway.url, { body: chatBody(`[openai] ${personal}`) });
  assert.equal(r.status, 200, r.text);
  const a = await call(gateway.url, {
    path: '/v1/messages',
    headers: { 'anthropic-version': '2023-06-01' },
    body: { model: 'claude/claude-x', max_tokens: 64, messages: [{ role: 'user', content: `[anthropic] ${personal}` }] },
  });
  assert.equal(a.status, 200, a.text);
  const sent = await mock.requests();
  for (const tag of ['[openai]', '[anthropic]']) {
    const upstream = sent.find((s) => s.body.includes(tag));
    assert.ok(upstream, `${tag} reached the provider`);
    for (const original of originals) assert.ok(!upstream.body.includes(original), `${original} left: ${upstream.body}`);
    for (const near of nearMisses) assert.ok(upstream.body.includes(near), `near miss ${near} was masked: ${upstream.body}`);
    for (const mask of ['[REDACTED_EMAIL]', '[REDACTED_PHONE]', '[REDACTED_CARD]', '[REDACTED_IBAN]']) {
      assert.ok(upstream.body.includes(mask), `${mask} missing: ${upstream.body}`);
    }
  }
  // The answer echoes what the provider saw.
  assert.ok(r.json.choices[0].message.content.includes('[REDACTED_EMAIL]'));

  // A route's own list replaces the default: only secrets here, nothing at all there.
  const secret = 'sk-proj-4f9Qk2LmN8pR7sT1uV3wX5yZ';
  const s = await call(gateway.url, { body: { ...chatBody(`[secrets-only] ${secret} jane.doe@example.com`), model: 'secrets-only' } });
  assert.equal(s.status, 200, s.text);
  const rawRoute = await call(gateway.url, { body: { ...chatBody(`[raw] ${secret} jane.doe@example.com`), model: 'raw' } });
  assert.equal(rawRoute.status, 200, rawRoute.text);
  const after = await mock.requests();
  const secretsOnly = after.find((x) => x.body.includes('[secrets-only]')).body;
  assert.ok(!secretsOnly.includes(secret) && secretsOnly.includes('[REDACTED_SECRET]'), secretsOnly);
  assert.ok(secretsOnly.includes('jane.doe@example.com'), secretsOnly);
  const untouched = after.find((x) => x.body.includes('[raw]')).body;
  assert.ok(untouched.includes(secret) && untouched.includes('jane.doe@example.com'), untouched);

  const rows = await until('four rows', async () => {
    const got = await rowsOf(db, 'SELECT route, redactions FROM requests ORDER BY started_at');
    return got.length >= 4 ? got : null;
  });
  const byRoute = new Map(rows.map((row) => [row.route, row.redactions]));
  const all = { email: 2, phone: 1, card: 1, iban: 1 };
  assert.deepEqual(JSON.parse(byRoute.get('mock/gpt-x')), all);
  assert.deepEqual(JSON.parse(byRoute.get('claude/claude-x')), all);
  assert.deepEqual(JSON.parse(byRoute.get('secrets-only')), { secret: 1 });
  assert.equal(byRoute.get('raw'), null);
});

// --- secrets stay secret ----------------------------------------------------------------

// signalboxd with every byte it prints kept, from the first.
async function launchGateway(t, config, env, dir) {
  writeFileSync(join(dir, 'signalbox.yaml'), config);
  const proc = spawn(signalboxd(), ['--config', join(dir, 'signalbox.yaml'), '--data-dir', dir], {
    env: { ...process.env, ...env },
  });
  t.after(() => proc.kill('SIGKILL'));
  let output = '';
  const exited = new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`signalboxd did not start: ${output}`)), 10000);
    const onData = (chunk) => {
      output += chunk.toString();
      const m = output.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    exited.then(({ code }) => reject(new Error(`signalboxd exited with ${code}: ${output}`)));
  });
  return { proc, url, exited, output: () => output };
}

const hex = (n) => randomBytes(n).toString('hex');

test('canary: provider and virtual key secrets appear nowhere they should not', async (t) => {
  const providerKey = `sk-canary-7${hex(16)}`;
  const adminToken = `adm-canary-${hex(16)}`;
  const mock = await mockFor(t, ['--expect-key', providerKey]);
  const dir = freshDir(t);
  const db = join(dir, 'signalbox.db');
  const cliOutput = [];  // besides `keys create`, which shows the secret by design
  const free = await createKey(dir, 'free');
  const broke = await createKey(dir, 'broke', '--budget', '0.000001', '--period', 'total');
  const slow = await createKey(dir, 'slow', '--rpm', '1');
  const narrow = await createKey(dir, 'narrow', '--routes', 'mock/gpt-x');
  const doomed = await createKey(dir, 'doomed');
  const doomedByCli = await createKey(dir, 'doomed-by-cli');
  const unknown = `sbk-${randomBytes(32).toString('base64url')}`;
  const gateway = await launchGateway(t, `listen: 127.0.0.1:0
providers:
  mock: {kind: openai, base_url: "${mock.url}/v1", keys: [env:CANARY_PROVIDER_KEY]}
  claude: {kind: anthropic, base_url: "${mock.url}", keys: [env:CANARY_PROVIDER_KEY]}
pricing:
  mock/gpt-x: {input: 1, output: 2}
  claude/claude-x: {input: 1, output: 2}
store: {log_bodies: true}
governance: {require_keys: true, admin_token: env:CANARY_ADMIN_TOKEN, redact: [secret]}
`, { CANARY_PROVIDER_KEY: providerKey, CANARY_ADMIN_TOKEN: adminToken }, dir);
  const url = gateway.url;

  const responses = [];  // every status, header and body a client got
  const keep = (r) => {
    responses.push({ status: r.status, headers: [...r.headers], text: r.text });
    return r;
  };
  const send = async (options) => keep(await call(url, options));

  // A virtual key made through the admin API: its secret is in that one answer.
  const created = await call(url, { path: '/admin/keys', key: adminToken, body: { name: 'via-admin' } });
  assert.equal(created.status, 201, created.text);
  responses.push({ status: created.status, headers: [...created.headers], text: '' });
  const viaAdmin = created.json;

  // Success, whole and streamed, on both surfaces.
  assert.equal((await send({ key: free.key, body: chatBody('hello') })).status, 200);
  assert.equal((await send({ key: viaAdmin.key, body: chatBody('hello too') })).status, 200);
  const sdkResponses = [];
  const openai = new OpenAI({
    baseURL: `${url}/v1`,
    apiKey: free.key,
    maxRetries: 0,
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      const copy = response.clone();
      sdkResponses.push(copy.text().then((text) =>
        responses.push({ status: copy.status, headers: [...copy.headers], text })));
      return response;
    },
  });
  const stream = await openai.chat.completions.create({ ...chatBody('stream it'), stream: true });
  let streamed = '';
  for await (const chunk of stream) streamed += chunk.choices[0]?.delta?.content ?? '';
  assert.ok(streamed.includes('stream it'));
  const messages = (content, extra = {}) => ({
    model: 'claude/claude-x', max_tokens: 64, messages: [{ role: 'user', content }], ...extra,
  });
  const anthropicHeaders = { 'anthropic-version': '2023-06-01', 'x-api-key': free.key };
  assert.equal((await send({ path: '/v1/messages', headers: anthropicHeaders, body: messages('hi') })).status, 200);
  const anthropicStream = await send({ path: '/v1/messages', headers: anthropicHeaders, body: messages('hi', { stream: true }) });
  assert.ok(anthropicStream.text.includes('message_stop'), anthropicStream.text);

  // A request that carries the secrets themselves in its prompt.
  // (Not the admin token: no pattern tells it from prose, so a prompt may carry it out.)
  const loaded = `my keys: ${free.key} and ${providerKey} and ${unknown}`;
  const echoed = await send({ key: free.key, body: chatBody(loaded) });
  assert.equal(echoed.status, 200, echoed.text);
  // The provider's answer repeats its prompt: what it saw was masked.
  assert.match(echoed.json.choices[0].message.content, /my keys: \[REDACTED_SECRET\] and \[REDACTED_SECRET\] and \[REDACTED_SECRET\]/);
  assert.equal((await send({ path: '/v1/messages', headers: anthropicHeaders, body: messages(loaded) })).status, 200);
  assert.equal((await send({ key: free.key, body: chatBody(loaded, { stream: true }) })).status, 200);
  // The same, in a body that is not JSON.
  assert.equal((await send({ key: free.key, body: `{"model":"mock/gpt-x","messages":[{"content":"${loaded}"` })).status, 400);

  // Refusals of every kind.
  assertError(await send({ key: unknown, body: chatBody(loaded) }), 401, 'invalid_api_key', 'unknown key');
  assertError(await send({ body: chatBody('no key') }), 401, 'invalid_api_key', 'no key');
  const revoke = await send({ method: 'DELETE', path: `/admin/keys/${doomed.id}`, key: adminToken });
  assert.equal(revoke.status, 200, revoke.text);
  const revoked = await send({ key: doomed.key, body: chatBody(loaded) });
  assertError(revoked, 401, 'invalid_api_key', 'revoked key');
  assert.match(revoked.json.error.message, /revoked/);
  cliOutput.push(await keysCli(dir, 'revoke', doomedByCli.id));
  await until('the CLI revocation to reach the gateway', async () =>
    (await send({ key: doomedByCli.key, body: chatBody('still there?') })).status === 401);
  assertError(await send({ key: broke.key, body: chatBody(loaded) }), 429, 'insufficient_quota', 'over budget');
  assert.equal((await send({ key: slow.key, body: chatBody('first') })).status, 200);
  assertError(await send({ key: slow.key, body: chatBody(loaded) }), 429, 'rate_limit_exceeded', 'rate limited');
  assertError(await send({ key: narrow.key, body: messages(loaded), path: '/v1/chat/completions' }),
    403, 'model_not_allowed', 'model not allowed');
  assertError(await send({ method: 'GET', path: '/admin/keys', key: free.key }), 403, 'admin_only', 'admin');
  assertError(await send({ method: 'GET', path: '/admin/keys', headers: { 'x-api-key': free.key } }),
    403, 'admin_only', 'admin by x-api-key');
  assertError(await send({ method: 'GET', path: '/admin/keys', key: `${adminToken}x` }), 401, 'invalid_admin_token');

  // A provider error.
  await mock.fault({ model: 'gpt-fail', status: 500, times: -1 });
  const failed = await send({ key: free.key, body: { ...chatBody(loaded), model: 'mock/gpt-fail' } });
  assert.ok(failed.status >= 500, failed.text);

  // What an operator reads: the admin API, /metrics, the CLI.
  for (const path of ['/admin/keys', `/admin/keys/${free.id}`, `/admin/keys/${free.id}/usage`]) {
    assert.equal((await send({ method: 'GET', path, key: adminToken })).status, 200);
  }
  assert.equal((await send({ method: 'PATCH', path: `/admin/keys/${free.id}`, key: adminToken, body: { rpm: 1000 } })).status, 200);
  const metrics = await send({ method: 'GET', path: '/metrics', key: adminToken });
  assert.equal(metrics.status, 200);
  assert.match(metrics.text, /signalbox_requests_total/);
  cliOutput.push(await keysCli(dir, 'list'));
  cliOutput.push(await keysCli(dir, 'list', '--json'));
  cliOutput.push(await keysCli(dir, 'usage', free.id, '--json'));
  await Promise.all(sdkResponses);

  // A clean stop writes the whole log first.
  gateway.proc.kill('SIGTERM');
  const { code, signal } = await gateway.exited;
  assert.equal(code, 0, `signalboxd exited with ${code ?? signal}`);
  const [{ n: logged }] = await rowsOf(db, 'SELECT count(*) AS n FROM requests');
  assert.ok(logged >= 18, `${logged} rows`);

  // The provider saw its own key and none of the virtual keys.
  const upstream = JSON.stringify(await mock.requests());
  assert.ok(upstream.includes(providerKey), 'the provider key was sent upstream');

  const { stdout: dump } = await run('sqlite3', [db, '.dump'], { maxBuffer: 64 << 20 });
  assert.ok(dump.includes('INSERT INTO requests'), 'the dump holds the log');
  const files = readdirSync(dir).filter((f) => statSync(join(dir, f)).isFile());
  assert.ok(files.includes('signalbox.journal'), files.join(','));
  const places = {
    'responses to clients': JSON.stringify(responses),
    'signalboxd stdout and stderr': gateway.output(),
    'the CLI (list, usage, revoke)': JSON.stringify(cliOutput),
    'sqlite3 .dump': dump,
    ...Object.fromEntries(files.map((f) => [`the file ${f}`, readFileSync(join(dir, f)).toString('latin1')])),
    'requests sent to the provider (virtual keys only)': upstream,
  };
  const secrets = {
    'the provider key': providerKey,
    'the admin token': adminToken,
    ...Object.fromEntries([free, broke, slow, narrow, doomed, doomedByCli, viaAdmin]
      .map((k, i) => [`virtual key #${i}`, k.key])),
    'the unknown virtual key': unknown,
  };
  const leaks = [];
  for (const [where, text] of Object.entries(places)) {
    for (const [what, secret] of Object.entries(secrets)) {
      if (where.startsWith('requests sent') && (what === 'the provider key' || what === 'the admin token')) continue;
      // The whole secret, or a piece of its middle (a hint shows only its ends).
      const piece = secret.slice(8, 24);
      if (text.includes(secret) || text.includes(piece)) {
        const at = text.includes(secret) ? text.indexOf(secret) : text.indexOf(piece);
        leaks.push(`${what} in ${where}: …${text.slice(Math.max(0, at - 300), at + 80)}…`);
      }
    }
  }
  assert.deepEqual(leaks, []);
  // The prompt that carried the secrets left with masks instead.
  assert.ok(upstream.includes('[REDACTED_SECRET]'));
  t.diagnostic(`${responses.length} responses, ${dump.length} bytes of dump, files: ${files.join(', ')}`);
});

// Providers' 401 answers quote the key they were sent (OpenAI shows part of it; some
// compatible servers all of it). The client holding a virtual key must not learn it from
// there, nor may the log keep it.
test('a provider error that quotes the provider key is neither passed on nor stored', async (t) => {
  const providerKey = `sk-canary-7${hex(16)}`;
  const mock = await mockFor(t, ['--expect-key', providerKey]);
  const dir = freshDir(t);
  const user = await createKey(dir, 'user');
  const gateway = await gatewayFor(t, `listen: 127.0.0.1:0
providers:
  mock: {kind: openai, base_url: "${mock.url}/v1", keys: [env:CANARY_PROVIDER_KEY]}
governance: {require_keys: true}
`, { CANARY_PROVIDER_KEY: providerKey }, dir);
  const quoting = JSON.stringify({ error: {
    message: `Incorrect API key provided: ${providerKey}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    type: 'invalid_request_error', param: null, code: 'invalid_api_key' } });
  await mock.fault({ model: 'gpt-quoting', status: 401, body: quoting, times: -1 });
  const r = await call(gateway.url, { key: user.key, body: { ...chatBody('who am i'), model: 'mock/gpt-quoting' } });
  assert.equal(r.status, 401, r.text);
  const [row] = await keyRows(join(dir, 'signalbox.db'), user.id, 1);
  const leaks = [];
  if (r.text.includes(providerKey)) leaks.push(`the response body: ${r.text}`);
  for (const [column, value] of Object.entries(row)) {
    if (String(value).includes(providerKey)) leaks.push(`requests.${column}: ${value}`);
  }
  assert.deepEqual(leaks, []);

  // The same in an error event that ends a stream passed through byte for byte.
  await mock.fault({ model: 'gpt-stream-quoting', stream_error: `server_error ${providerKey}`, times: -1 });
  const s = await call(gateway.url, {
    key: user.key, body: { ...chatBody('stream me'), model: 'mock/gpt-stream-quoting', stream: true },
  });
  assert.equal(s.status, 200, s.text);
  assert.match(s.text, /The stream failed: server_error \[redacted\]/);
  assert.ok(!s.text.includes(providerKey), s.text);
  const rows = await keyRows(join(dir, 'signalbox.db'), user.id, 2);
  for (const value of Object.values(rows[1])) assert.ok(!String(value).includes(providerKey), String(value));
});

// --- the admin API and /metrics ---------------------------------------------------------

test('the admin API takes only the admin token; /metrics needs it when keys are required', async (t) => {
  const ADMIN = `adm-${hex(12)}`;
  const mock = await mockFor(t);
  const dir = freshDir(t);
  const user = await createKey(dir, 'user');
  const gateway = await gatewayFor(t, `listen: 127.0.0.1:0
providers:
  mock: {kind: openai, base_url: "${mock.url}/v1"}
governance: {require_keys: true, admin_token: env:GOV_ADMIN}
`, { GOV_ADMIN: ADMIN }, dir);
  const url = gateway.url;
  const admin = (method, path, body) => call(url, { method, path, key: ADMIN, body });

  assertError(await call(url, { body: chatBody('no key') }), 401, 'invalid_api_key');
  assertError(await call(url, { method: 'GET', path: '/v1/models' }), 401, 'invalid_api_key');
  assert.equal((await call(url, { method: 'GET', path: '/v1/models', key: user.key })).status, 200);
  assert.equal((await call(url, { key: user.key, body: chatBody('a key') })).status, 200);

  for (const [method, path] of [['GET', '/admin/keys'], ['POST', '/admin/keys'], ['GET', `/admin/keys/${user.id}`],
    ['PATCH', `/admin/keys/${user.id}`], ['DELETE', `/admin/keys/${user.id}`]]) {
    const body = method === 'POST' || method === 'PATCH' ? { name: 'sneaky', rpm: 1 } : undefined;
    assertError(await call(url, { method, path, key: user.key, body }), 403, 'admin_only', `${method} ${path}`);
    assertError(await call(url, { method, path, headers: { 'x-api-key': user.key }, body }),
      403, 'admin_only', `${method} ${path} x-api-key`);
    assertError(await call(url, { method, path, body }), 401, 'invalid_admin_token', `${method} ${path} no token`);
    assertError(await call(url, { method, path, key: `${ADMIN}0`, body }), 401, 'invalid_admin_token', `${method} ${path}`);
  }
  // The refused edits changed nothing.
  const listed = await admin('GET', '/admin/keys');
  assert.equal(listed.status, 200);
  assert.deepEqual(listed.json.data.map((k) => [k.name, k.status, k.rpm]), [['user', 'active', 0]]);

  // /metrics: the admin token, not a virtual key, not nothing.
  assertError(await call(url, { method: 'GET', path: '/metrics' }), 401, 'invalid_admin_token');
  assertError(await call(url, { method: 'GET', path: '/metrics', key: user.key }), 403, 'admin_only');
  const metrics = await call(url, { method: 'GET', path: '/metrics', key: ADMIN });
  assert.equal(metrics.status, 200);
  assert.match(metrics.text, /^# (HELP|TYPE) /m);

  // A key's life through the API: created, used, limited, read, revoked.
  const created = await admin('POST', '/admin/keys', { name: 'ops', rpm: 100, routes: ['mock/*'] });
  assert.equal(created.status, 201, created.text);
  assert.equal(created.headers.get('cache-control'), 'no-store');
  const ops = created.json;
  const used = await call(url, { key: ops.key, body: chatBody('ops 1') });
  assert.equal(used.status, 200, used.text);
  assert.equal(used.headers.get('x-ratelimit-limit-requests'), '100');
  const patched = await admin('PATCH', `/admin/keys/${ops.id}`, { rpm: 2 });
  assert.equal(patched.status, 200, patched.text);
  assert.equal(patched.json.rpm, 2);
  assert.equal(patched.json.key, undefined, 'the secret is shown only at creation');
  const second = await call(url, { key: ops.key, body: chatBody('ops 2') });
  assert.equal(second.status, 200);
  assert.equal(second.headers.get('x-ratelimit-remaining-requests'), '0');
  assertError(await call(url, { key: ops.key, body: chatBody('ops 3') }), 429, 'rate_limit_exceeded');
  const usage = await until('the usage to count both answers', async () => {
    const r = await admin('GET', `/admin/keys/${ops.id}/usage`);
    return r.status === 200 && r.json.spend.today.requests >= 3 ? r : null;
  });
  assert.equal(usage.json.spend.budget_period.requests_last_minute, 2);
  assert.equal(usage.json.key, undefined);
  const gone = await admin('DELETE', `/admin/keys/${ops.id}`);
  assert.equal(gone.status, 200, gone.text);
  assert.equal(gone.json.status, 'revoked');
  const refused = await call(url, { key: ops.key, body: chatBody('ops 4') });
  assertError(refused, 401, 'invalid_api_key');
  assert.match(refused.json.error.message, /'ops'.*revoked/);
  assertError(await admin('GET', '/admin/keys/vk_0000000000000000'), 404, 'key_not_found');

  // A key the CLI makes while the gateway runs works within about a second, and stops as
  // soon after the CLI revokes it.
  const late = await createKey(dir, 'late');
  const began = Date.now();
  await until('the new key to work', async () =>
    (await call(url, { key: late.key, body: chatBody('late') })).status === 200, 5000);
  await keysCli(dir, 'revoke', late.id);
  await until('the revoked key to stop', async () =>
    (await call(url, { key: late.key, body: chatBody('late') })).status === 401, 5000);
  t.diagnostic(`CLI create and revoke noticed in ${Date.now() - began} ms`);
});

// --- exposure ---------------------------------------------------------------------------

test('DNS rebinding: foreign Host and Origin are refused; allowed origins get CORS', async (t) => {
  const mock = await mockFor(t);
  const gateway = await gatewayFor(t, `listen: 127.0.0.1:0
providers:
  mock: {kind: openai, base_url: "${mock.url}/v1"}
governance:
  allowed_hosts: [gateway.test]
  allowed_origins: ["http://localhost:3000"]
`, {}, freshDir(t));
  const port = new URL(gateway.url).port;
  const chat = JSON.stringify(chatBody('rebind'));
  const post = (headers) => raw(gateway.url, {
    method: 'POST', path: '/v1/chat/completions', body: chat,
    headers: { 'content-type': 'application/json', ...headers },
  });
  const refusedAs = (r, what) => {
    assert.equal(r.status, 403, `${what}: ${r.text}`);
    assert.match(r.headers['content-type'], /application\/json/);
    assert.equal(JSON.parse(r.text).error.code, 'forbidden_origin', what);
    assert.equal(r.headers['access-control-allow-origin'], undefined, what);
  };

  refusedAs(await post({ host: `evil.example:${port}` }), 'foreign host');
  refusedAs(await raw(gateway.url, { headers: { host: 'evil.example' } }), 'foreign host on /health');
  refusedAs(await raw(gateway.url, { path: '/metrics', headers: { host: `evil.example:${port}` } }), 'foreign host on /metrics');
  refusedAs(await post({ origin: 'http://evil.example' }), 'foreign origin');
  refusedAs(await post({ origin: 'http://localhost:3001' }), 'another port of an allowed origin');
  refusedAs(await raw(gateway.url, {
    method: 'OPTIONS', path: '/v1/chat/completions',
    headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
  }), 'foreign preflight');
  assert.equal(await countBodies(mock, 'rebind'), 0, 'nothing refused reached the provider');

  for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `gateway.test:${port}`, 'GATEWAY.test']) {
    const r = await post({ host });
    assert.equal(r.status, 200, `${host}: ${r.text}`);
  }
  const allowed = await post({ origin: 'http://localhost:3000' });
  assert.equal(allowed.status, 200, allowed.text);
  assert.equal(allowed.headers['access-control-allow-origin'], 'http://localhost:3000');
  assert.match(allowed.headers['access-control-expose-headers'], /x-signalbox-cache/);
  const preflight = await raw(gateway.url, {
    method: 'OPTIONS', path: '/v1/chat/completions',
    headers: {
      origin: 'http://localhost:3000',
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    },
  });
  assert.equal(preflight.status, 204);
  assert.equal(preflight.headers['access-control-allow-origin'], 'http://localhost:3000');
  assert.match(preflight.headers['access-control-allow-methods'], /POST/);
  assert.match(preflight.headers['access-control-allow-headers'], /authorization/);
  assert.equal(await countBodies(mock, 'rebind'), 5);
});

// Starts signalboxd and tells how it ended: { code } when it exits, { listening } when it
// serves instead (and is then killed).
async function startOrRefuse(args) {
  const proc = spawn(signalboxd(), args);
  let output = '';
  return new Promise((resolve) => {
    const onData = (chunk) => {
      output += chunk.toString();
      if (/listening on http/.test(output)) {
        proc.kill('SIGKILL');
        resolve({ listening: true, output });
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.once('exit', (code) => resolve({ code, output }));
  });
}

test('listening beyond loopback with require_keys: false is refused at config load', async (t) => {
  const dir = freshDir(t);
  const inFile = join(dir, 'in-file.yaml');
  writeFileSync(inFile, 'listen: 0.0.0.0:0\ngovernance: {require_keys: false}\n');
  const r = await startOrRefuse(['--config', inFile, '--data-dir', dir]);
  assert.equal(r.code, 2, r.output);
  assert.match(r.output, /require_keys: false/);
});

test('--listen beyond loopback with require_keys: false is refused too', async (t) => {
  const dir = freshDir(t);
  const file = join(dir, 'local.yaml');
  writeFileSync(file, 'governance: {require_keys: false}\n');
  const r = await startOrRefuse(['--config', file, '--listen', '0.0.0.0:0', '--data-dir', dir]);
  assert.equal(r.code, 2, r.output);
  assert.match(r.output, /require_keys: false/);
});

test('--listen on loopback needs no virtual keys', async (t) => {
  const dir = freshDir(t);
  const file = join(dir, 'local.yaml');
  writeFileSync(file, 'providers: {demo: {kind: simulated}}\n');
  const r = await startOrRefuse(['--config', file, '--listen', '127.0.0.1:0', '--data-dir', dir]);
  assert.ok(r.listening, r.output);
});

test('the Anthropic surface reports a key\'s limits as anthropic-ratelimit-* and refuses in its shape', async (t) => {
  const mock = await mockFor(t);
  const dir = freshDir(t);
  const paced = await createKey(dir, 'paced-anthropic', '--rpm', '2');
  const gateway = await gatewayFor(t, `listen: 127.0.0.1:0
providers:
  claude: {kind: anthropic, base_url: "${mock.url}"}
`, {}, dir);
  const ask = () => call(gateway.url, {
    path: '/v1/messages',
    headers: { 'anthropic-version': '2023-06-01', 'x-api-key': paced.key },
    body: { model: 'claude/claude-x', max_tokens: 16, messages: [{ role: 'user', content: 'hi' }] },
  });
  for (const left of ['1', '0']) {
    const r = await ask();
    assert.equal(r.status, 200, r.text);
    assert.equal(r.headers.get('anthropic-ratelimit-requests-limit'), '2');
    assert.equal(r.headers.get('anthropic-ratelimit-requests-remaining'), left);
    assert.match(r.headers.get('anthropic-ratelimit-requests-reset'), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(r.headers.get('x-ratelimit-limit-requests'), null);
  }
  const refused = await ask();
  assert.equal(refused.status, 429, refused.text);
  assert.equal(refused.json.type, 'error');
  assert.equal(refused.json.error.type, 'rate_limit_error');
  assert.ok(refused.headers.get('retry-after'));
});
