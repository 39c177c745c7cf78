// The request log seen from outside: a SIGKILL under load loses no record of an answer
// a client received whole, a data dir the log cannot use fails no request and is
// reported once, and /metrics is valid Prometheus text that counts what was sent.
// The database is read with the sqlite3 CLI, a client that is not ours.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { rowsOf, startMock, startGateway, until } from './harness.mjs';

const run = promisify(execFile);

const configFor = (mock) => `listen: 127.0.0.1:0
providers:
  oai: {kind: openai, base_url: "${mock.url}/v1"}
  claude: {kind: anthropic, base_url: "${mock.url}"}
`;

// Pass-through (OpenAI to OpenAI) and translated (OpenAI to Anthropic), whole and streamed:
// the four ways a chat completion is answered, each logging at its own place.
const KINDS = [
  { model: 'oai/gpt-mock', stream: false },
  { model: 'oai/gpt-mock', stream: true },
  { model: 'claude/claude-mock', stream: false },
  { model: 'claude/claude-mock', stream: true },
];

// A data dir of the test's own, removed when the test ends.
function freshDir(t) {
  const dir = mkdtempSync(join(tmpdir(), 'signalbox-e2e-store-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// The programs a test runs, killed when it ends, passed or failed.
async function mockFor(t, args) {
  const mock = await startMock(args);
  t.after(() => mock.stop());
  return mock;
}

async function gatewayFor(t, config, dataDir) {
  const gateway = await startGateway(config, {}, { dataDir });
  t.after(() => gateway.stop());
  return gateway;
}

async function sqlite(db, query, ...options) {
  const { stdout } = await run('sqlite3', [...options, db, query]);
  return stdout;
}

async function stopGently(gateway) {
  gateway.proc.kill('SIGTERM');
  const { code, signal } = await gateway.exited;
  assert.equal(code, 0, `signalboxd exited with ${code ?? signal}: ${gateway.stderr()}`);
}

// A chat completion read as far as it goes. `complete`: the client holds the whole
// answer: a JSON body read to its end, or a stream's data: [DONE] (the gateway logs
// before sending it, so this holds even when a kill then cuts the body's own end).
// `ended`: the body ended cleanly.
async function chat(url, { model, stream }, content) {
  const result = { id: null, status: 0, complete: false, ended: false, body: '' };
  try {
    const response = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model, stream, messages: [{ role: 'user', content }] }),
    });
    result.id = response.headers.get('x-signalbox-request-id');
    result.status = response.status;
    const decoder = new TextDecoder();
    for await (const chunk of response.body) {
      result.body += decoder.decode(chunk, { stream: true });
      if (stream && result.body.includes('data: [DONE]')) result.complete = true;
    }
    result.ended = true;
    if (!stream) result.complete = JSON.parse(result.body).choices?.length > 0;
  } catch {
    // Cut off: `ended` stays false.
  }
  return result;
}

async function metricsText(url) {
  const response = await fetch(`${url}/metrics`);
  assert.equal(response.status, 200);
  return { type: response.headers.get('content-type'), text: await response.text() };
}

// --- Prometheus text exposition format 0.0.4, parsed strictly ---------------------------

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const FLOAT = /^(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]?Inf|NaN)$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

function parseFloatStrict(text, where) {
  assert.match(text, FLOAT, `${where}: not a float`);
  if (text.endsWith('Inf')) return text.startsWith('-') ? -Infinity : Infinity;
  return Number(text);
}

// HELP text: only \\ and \n may follow a backslash.
function unescapeHelp(text, where) {
  return text.replace(/\\(.?)/g, (_, c) => {
    if (c === '\\') return '\\';
    if (c === 'n') return '\n';
    assert.fail(`${where}: bad escape \\${c} in HELP`);
  });
}

// `{name="value",...}` from `at`; returns the labels and where they end.
function parseLabels(line, at, where) {
  const labels = {};
  let i = at + 1;
  for (;;) {
    if (line[i] === '}') return { labels, end: i + 1 };
    const eq = line.indexOf('=', i);
    assert.ok(eq > i, `${where}: label without '='`);
    const name = line.slice(i, eq);
    assert.match(name, LABEL_NAME, `${where}: bad label name`);
    assert.ok(!name.startsWith('__'), `${where}: reserved label name ${name}`);
    assert.ok(!(name in labels), `${where}: label ${name} twice`);
    assert.equal(line[eq + 1], '"', `${where}: label value not quoted`);
    let value = '';
    i = eq + 2;
    for (;;) {
      assert.ok(i < line.length, `${where}: unterminated label value`);
      const c = line[i];
      if (c === '"') break;
      if (c === '\\') {
        const next = line[i + 1];
        if (next === '\\') value += '\\';
        else if (next === '"') value += '"';
        else if (next === 'n') value += '\n';
        else assert.fail(`${where}: bad escape \\${next} in label value`);
        i += 2;
      } else {
        value += c;
        i += 1;
      }
    }
    labels[name] = value;
    i += 1;
    if (line[i] === ',') i += 1;  // a trailing comma is allowed
    else assert.equal(line[i], '}', `${where}: expected ',' or '}' after a label`);
  }
}

// The family a sample name belongs to, given the declared types.
function familyOf(name, types) {
  if (types.has(name)) return name;
  for (const suffix of ['_bucket', '_sum', '_count']) {
    if (!name.endsWith(suffix)) continue;
    const base = name.slice(0, -suffix.length);
    const type = types.get(base);
    if (type === 'histogram' || (type === 'summary' && suffix !== '_bucket')) return base;
  }
  return null;
}

const seriesKey = (labels) =>
  JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

// Returns { families: Map(name → { type, help, samples: [{ name, labels, value }] }) }.
function parsePrometheus(text) {
  assert.ok(text.endsWith('\n'), 'the exposition ends with a line feed');
  const types = new Map();
  const families = new Map();
  const seen = new Set();      // series already given, by name and labels
  const closed = new Set();    // families whose group of samples has ended
  let current = null;          // the family whose samples come now
  const family = (name) => {
    if (!families.has(name)) families.set(name, { type: undefined, help: undefined, samples: [] });
    return families.get(name);
  };
  const lines = text.slice(0, -1).split('\n');
  lines.forEach((line, index) => {
    const where = `line ${index + 1} "${line}"`;
    if (line.trim() === '') return;
    if (line.startsWith('#')) {
      const m = line.match(/^#[ \t]+(HELP|TYPE)[ \t]+(\S+)(?:[ \t]+(.*))?$/);
      if (!m) return;  // any other comment
      const [, keyword, name, rest = ''] = m;
      assert.match(name, METRIC_NAME, `${where}: bad metric name`);
      const f = family(name);
      if (keyword === 'HELP') {
        assert.equal(f.help, undefined, `${where}: second HELP for ${name}`);
        f.help = unescapeHelp(rest, where);
      } else {
        assert.ok(TYPES.has(rest), `${where}: unknown type`);
        assert.equal(f.type, undefined, `${where}: second TYPE for ${name}`);
        assert.equal(f.samples.length, 0, `${where}: TYPE after samples of ${name}`);
        f.type = rest;
        types.set(name, rest);
      }
      return;
    }
    const nameEnd = line.search(/[{ \t]/);
    assert.ok(nameEnd > 0, `${where}: no value`);
    const name = line.slice(0, nameEnd);
    assert.match(name, METRIC_NAME, `${where}: bad metric name`);
    let labels = {};
    let at = nameEnd;
    if (line[at] === '{') ({ labels, end: at } = parseLabels(line, at, where));
    const fields = line.slice(at).match(/^[ \t]+(\S+)(?:[ \t]+(-?\d+))?[ \t]*$/);
    assert.ok(fields, `${where}: expected a value and an optional timestamp`);
    const value = parseFloatStrict(fields[1], where);

    const familyName = familyOf(name, types);
    assert.ok(familyName, `${where}: ${name} has no TYPE before it`);
    if (familyName !== current) {
      assert.ok(!closed.has(familyName), `${where}: samples of ${familyName} are not grouped`);
      if (current) closed.add(current);
      current = familyName;
    }
    const key = name + seriesKey(labels);
    assert.ok(!seen.has(key), `${where}: the same series twice`);
    seen.add(key);
    const f = families.get(familyName);
    if (f.type === 'counter') assert.ok(value >= 0, `${where}: a negative counter`);
    f.samples.push({ name, labels, value });
  });
  for (const [name, f] of families) {
    if (f.type === 'histogram') checkHistogram(name, f.samples);
  }
  return families;
}

// Buckets rise in `le` to +Inf with cumulative counts; _sum and _count are there and
// _count equals the +Inf bucket.
function checkHistogram(name, samples) {
  const series = new Map();
  for (const s of samples) {
    const { le, ...rest } = s.labels;
    const key = seriesKey(rest);
    if (!series.has(key)) series.set(key, { buckets: [], sum: undefined, count: undefined });
    const one = series.get(key);
    if (s.name === `${name}_bucket`) {
      assert.ok(le !== undefined, `${name}_bucket${key} without le`);
      one.buckets.push({ le: parseFloatStrict(le, `${name} le`), value: s.value });
    } else {
      assert.equal(le, undefined, `${s.name}${key} has an le label`);
      if (s.name === `${name}_sum`) one.sum = s.value;
      else if (s.name === `${name}_count`) one.count = s.value;
      else assert.fail(`${s.name} in histogram ${name}`);
    }
  }
  for (const [key, { buckets, sum, count }] of series) {
    const what = `${name}${key}`;
    assert.ok(buckets.length > 0, `${what}: no buckets`);
    assert.equal(buckets.at(-1).le, Infinity, `${what}: the last bucket is not +Inf`);
    for (let i = 1; i < buckets.length; ++i) {
      assert.ok(buckets[i].le > buckets[i - 1].le, `${what}: le not increasing at ${i}`);
      assert.ok(buckets[i].value >= buckets[i - 1].value, `${what}: counts not cumulative at ${i}`);
    }
    assert.notEqual(sum, undefined, `${what}: no _sum`);
    assert.notEqual(count, undefined, `${what}: no _count`);
    assert.equal(count, buckets.at(-1).value, `${what}: _count is not the +Inf bucket`);
  }
}

// The value of the one sample named `name` whose labels include `labels`.
function valueOf(families, name, labels = {}) {
  const matches = [...families.values()]
    .flatMap((f) => f.samples)
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  assert.equal(matches.length, 1, `one ${name} ${JSON.stringify(labels)}, found ${matches.length}`);
  return matches[0].value;
}

async function metrics(url) {
  return parsePrometheus((await metricsText(url)).text);
}

// Another process holding the database's write lock, as a backup tool or a long report
// might: the writer cannot commit until close() ends the transaction.
async function lockDatabase(t, db) {
  const proc = spawn('sqlite3', [db]);
  t.after(() => proc.kill('SIGKILL'));
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  let out = '';
  const locked = new Promise((resolve, reject) => {
    proc.stdout.on('data', (chunk) => {
      out += chunk.toString();
      if (out.includes('locked')) resolve();
    });
    proc.stderr.on('data', (chunk) => reject(new Error(`sqlite3: ${chunk}`)));
    proc.once('exit', (code) => reject(new Error(`sqlite3 exited with ${code}`)));
  });
  proc.stdin.write(".timeout 5000\nBEGIN IMMEDIATE;\nSELECT 'locked';\n");
  await locked;
  return {
    async close() {
      proc.stdin.end();  // the transaction is rolled back
      assert.equal(await exited, 0);
    },
  };
}

// --- the tests --------------------------------------------------------------------------

test('SIGKILL under load: every answer a client had whole has its row after a restart', async (t) => {
  const WORKERS = 32;
  const mock = await mockFor(t, ['--chunk-delay-ms', '2']);
  const config = configFor(mock);
  const dir = freshDir(t);
  const db = join(dir, 'signalbox.db');
  const gateway = await gatewayFor(t, config, dir);
  // Two workers keep a slow stream going, so that the kill always finds one in flight.
  await mock.fault({ model: 'slow-mock', chunk_delay_ms: 50, times: -1 });
  const slow = { model: 'oai/slow-mock', stream: true };
  const completed = new Map();  // id → stream
  let doneButCut = 0;           // complete streams whose body's end the kill cut off
  let started = 0;
  let cut = 0;
  let cutWithHeaders = 0;
  let killed = false;
  const began = Date.now();
  const worker = async (w) => {
    for (let n = w; !killed; n += WORKERS) {
      const kind = w < 2 ? slow : KINDS[n % KINDS.length];
      ++started;
      const r = await chat(gateway.url, kind, `load ${n}`);
      if (r.complete) {
        assert.equal(r.status, 200, r.body);
        assert.match(r.id ?? '', /^sb-[0-9a-f]{16}$/);
        completed.set(r.id, kind.stream);
        if (!r.ended) ++doneButCut;
      } else {
        assert.ok(killed, `request ${n} failed before the kill: ${r.status} ${r.body}`);
        ++cut;
        if (r.id) ++cutWithHeaders;
      }
    }
  };
  // Half the load goes to the database as usual; then the database is locked, so that
  // the records of the second half are in the journal alone when the kill comes.
  const driver = async () => {
    try {
      await until('answers', () => completed.size >= 400 || Date.now() - began > 1500);
      const lock = await lockDatabase(t, db);
      const atLock = completed.size;
      await until('answers', () => completed.size >= atLock + 400 || Date.now() - began > 4000);
      return lock;
    } finally {
      killed = true;
      gateway.proc.kill('SIGKILL');
    }
  };
  const [lock] = await Promise.all([
    driver(),
    ...Array.from({ length: WORKERS }, (_, w) => worker(w)),
  ]);
  const { signal } = await gateway.exited;
  assert.equal(signal, 'SIGKILL');
  const loadMs = Date.now() - began;
  await lock.close();
  assert.ok(completed.size >= 100, `only ${completed.size} answers completed before the kill`);
  assert.ok(cut > 0, 'no request was in flight when signalboxd was killed');
  const journal = join(dir, 'signalbox.journal');
  const journaled = readFileSync(journal, 'utf8').split('\n').filter((line) => line !== '')
    .map((line) => JSON.parse(line).id).filter((id) => completed.has(id));
  assert.ok(journaled.length > 0, 'the journal holds records the database has not');

  // The same data dir and config: the journal left behind is imported at start.
  const again = await gatewayFor(t, config, dir);
  await until('the journal to be imported',
    async () => valueOf(await metrics(again.url), 'signalbox_store_queue_depth') === 0);
  await stopGently(again);

  assert.equal((await sqlite(db, 'PRAGMA integrity_check')).trim(), 'ok');
  const rows = await rowsOf(db, 'SELECT id, status, stream FROM requests');
  const byId = new Map(rows.map((r) => [r.id, r]));
  assert.equal(byId.size, rows.length, 'no id twice');
  const missing = [...completed.keys()].filter((id) => !byId.has(id));
  assert.deepEqual(missing, [], `${missing.length} of ${completed.size} answers have no row`);
  for (const [id, stream] of completed) {
    const row = byId.get(id);
    assert.equal(row.status, 200, id);
    assert.equal(row.stream, stream ? 1 : 0, id);
  }
  assert.ok(rows.length <= started, `${rows.length} rows for ${started} requests`);
  // Everything imported and the process stopped cleanly: the journal is empty.
  assert.equal(statSync(journal).size, 0);

  t.diagnostic(`load ${loadMs} ms: ${started} requests, ${completed.size} complete ` +
    `(${journaled.length} only in the journal at the kill, ${doneButCut} cut after ` +
    `data: [DONE]), ${cut} cut short (${cutWithHeaders} after their headers); ` +
    `${rows.length} rows`);
});

test('a database the log cannot open fails no request; what waited is written later', async (t) => {
  const mock = await mockFor(t);
  const dir = freshDir(t);
  const db = join(dir, 'signalbox.db');
  mkdirSync(db);  // SQLite cannot open a folder
  const gateway = await gatewayFor(t, configFor(mock), dir);
  await until('the store to report itself down',
    async () => valueOf(await metrics(gateway.url), 'signalbox_store_up') === 0);
  const answers = await Promise.all(
    KINDS.flatMap((kind) => [1, 2].map((n) => chat(gateway.url, kind, `unlogged ${n}`))));
  for (const r of answers) assert.ok(r.status === 200 && r.complete, `${r.status} ${r.body}`);
  let m = await metrics(gateway.url);
  assert.equal(valueOf(m, 'signalbox_store_up'), 0);
  assert.equal(valueOf(m, 'signalbox_store_queue_depth'), answers.length, 'waiting in the journal');
  assert.equal(valueOf(m, 'signalbox_store_dropped_records_total'), 0);

  // The folder goes away; the writer's next try creates the database.
  rmSync(db, { recursive: true });
  m = await until('the store to write what waited', async () => {
    const now = await metrics(gateway.url);
    const up = valueOf(now, 'signalbox_store_up') === 1;
    return up && valueOf(now, 'signalbox_store_queue_depth') === 0 ? now : null;
  });
  assert.equal(valueOf(m, 'signalbox_store_written_records_total'), answers.length);
  await stopGently(gateway);

  const rows = await rowsOf(db, 'SELECT id, status FROM requests');
  assert.deepEqual(new Map(rows.map((r) => [r.id, r.status])),
    new Map(answers.map((r) => [r.id, 200])));
  const stderr = gateway.stderr();
  const said = (pattern) => stderr.split('\n').filter((line) => pattern.test(line)).length;
  assert.equal(said(/request log .* cannot be written/), 1, `one failure message:\n${stderr}`);
  assert.equal(said(/request log works again/), 1, `one recovery message:\n${stderr}`);
});

test('a journal the log cannot open fails no request; records are dropped and counted', async (t) => {
  const mock = await mockFor(t);
  const dir = freshDir(t);
  mkdirSync(join(dir, 'signalbox.journal'));  // open(2) for writing refuses a folder
  const gateway = await gatewayFor(t, configFor(mock), dir);
  const answers = await Promise.all(
    KINDS.flatMap((kind) => [1, 2].map((n) => chat(gateway.url, kind, `dropped ${n}`))));
  for (const r of answers) assert.ok(r.status === 200 && r.complete, `${r.status} ${r.body}`);
  const m = await metrics(gateway.url);
  assert.equal(valueOf(m, 'signalbox_store_up'), 0);
  assert.equal(valueOf(m, 'signalbox_store_dropped_records_total'), answers.length);
  assert.equal(valueOf(m, 'signalbox_store_written_records_total'), 0);
  await stopGently(gateway);
  const stderr = gateway.stderr();
  const said = stderr.split('\n').filter((line) => /not being logged/.test(line));
  assert.equal(said.length, 1, `one message:\n${stderr}`);
  assert.match(said[0], /signalbox\.journal/);
});

test('GET /metrics is Prometheus text format 0.0.4 and counts what was sent', async (t) => {
  const mock = await mockFor(t);
  const gateway = await gatewayFor(t, configFor(mock), freshDir(t));
  const before = await metricsText(gateway.url);
  assert.equal(before.type, 'text/plain; version=0.0.4; charset=utf-8');
  parsePrometheus(before.text);

  // Label values that need escaping come from the client's model name.
  const odd = 'odd "quoted" back\\slash\nnew line';
  await mock.fault({ model: 'broken', status: 400, times: 2 });
  const plan = [
    ...KINDS, ...KINDS, ...KINDS,
    { model: `oai/${odd}`, stream: false },
    { model: 'oai/broken', stream: false },
    { model: 'oai/broken', stream: true },
  ];
  const answers = await Promise.all(plan.map((kind, n) => chat(gateway.url, kind, `count ${n}`)));
  assert.deepEqual(answers.map((r) => r.status), [...Array(plan.length - 2).fill(200), 400, 400]);

  const { type, text } = await metricsText(gateway.url);
  assert.equal(type, 'text/plain; version=0.0.4; charset=utf-8');
  const m = parsePrometheus(text);
  const requests = (target, code) => valueOf(m, 'signalbox_requests_total', { target, code });
  assert.equal(requests('oai/gpt-mock', '200'), 6);
  assert.equal(requests('claude/claude-mock', '200'), 6);
  assert.equal(requests(`oai/${odd}`, '200'), 1);
  assert.equal(requests('oai/broken', '400'), 2);
  const served = m.get('signalbox_requests_total').samples.reduce((sum, s) => sum + s.value, 0);
  assert.equal(served, plan.length);
  const errors = { target: 'oai/broken', kind: 'failed' };
  assert.equal(valueOf(m, 'signalbox_request_errors_total', errors), 2);
  const duration = { target: 'oai/gpt-mock' };
  assert.equal(valueOf(m, 'signalbox_request_duration_seconds_count', duration), 6);
  assert.equal(m.get('signalbox_request_duration_seconds').type, 'histogram');
  assert.equal(m.get('signalbox_requests_total').type, 'counter');
});
