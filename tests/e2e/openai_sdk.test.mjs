// The official `openai` npm package and curl, through signalboxd, against the
// mock provider: what a user's application actually does.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import OpenAI from 'openai';
import { startMock, startGateway } from './harness.mjs';

const run = promisify(execFile);
const KEY = 'sk-e2e-provider-key-0123456789';
let mock;
let gateway;
let client;

before(async () => {
  mock = await startMock(['--expect-key', KEY, '--chunk-delay-ms', '15']);
  gateway = await startGateway(
    `listen: 127.0.0.1:0
providers:
  mock:
    kind: openai
    base_url: ${mock.url}/v1
    keys: [env:E2E_MOCK_KEY]
    models: [gpt-mock]
  dead:
    kind: openai
    base_url: http://127.0.0.1:9/v1
routes:
  smart:
    targets: [mock/gpt-mock]
`,
    { E2E_MOCK_KEY: KEY },
  );
  client = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'local-anything', maxRetries: 0 });
});

after(() => {
  gateway?.stop();
  mock?.stop();
});

test('SDK: non-streaming completion through a route', async () => {
  const { data, response } = await client.chat.completions
    .create({ model: 'smart', messages: [{ role: 'user', content: 'ping' }] })
    .withResponse();
  assert.equal(data.object, 'chat.completion');
  assert.equal(data.choices[0].message.content, 'Hello from the mock provider. You said: ping');
  assert.equal(data.choices[0].finish_reason, 'stop');
  assert.ok(data.usage.total_tokens > 0);
  assert.equal(response.headers.get('x-signalbox-target'), 'mock/gpt-mock');
  assert.equal(response.headers.get('x-signalbox-attempts'), '1');
  assert.match(response.headers.get('x-signalbox-request-id'), /^sb-[0-9a-f]{16}$/);
});

test('SDK: streaming with include_usage arrives chunk by chunk', async () => {
  const stream = await client.chat.completions.create({
    model: 'mock/gpt-mock',
    messages: [{ role: 'user', content: 'stream please' }],
    stream: true,
    stream_options: { include_usage: true },
  });
  let text = '';
  let usage = null;
  const arrivals = [];
  for await (const chunk of stream) {
    arrivals.push(performance.now());
    if (chunk.choices.length) text += chunk.choices[0].delta.content ?? '';
    if (chunk.usage) usage = chunk.usage;
  }
  assert.equal(text, 'Hello from the mock provider. You said: stream please');
  assert.ok(usage && usage.completion_tokens > 0, 'usage chunk forwarded');
  // The mock spaces chunks 15 ms apart: a buffering proxy would deliver them all at once.
  const spread = arrivals[arrivals.length - 1] - arrivals[0];
  assert.ok(spread > 60, `chunks arrived over ${spread.toFixed(1)} ms; expected them spread out`);
});

test('SDK: unknown model is a 404 NotFoundError in OpenAI shape', async () => {
  await assert.rejects(
    client.chat.completions.create({ model: 'no-such-route', messages: [{ role: 'user', content: 'x' }] }),
    (err) => {
      assert.equal(err.status, 404);
      assert.equal(err.code, 'model_not_found');
      assert.ok(err.headers.get('x-signalbox-request-id'));
      return true;
    },
  );
});

test('SDK: unreachable provider is a 502 with the reason', async () => {
  await assert.rejects(
    client.chat.completions.create({ model: 'dead/some-model', messages: [{ role: 'user', content: 'x' }] }),
    (err) => {
      assert.equal(err.status, 502);
      assert.equal(err.code, 'upstream_unreachable');
      assert.match(err.message, /dead\/some-model/);
      return true;
    },
  );
});

test('SDK: GET /v1/models lists routes and provider models', async () => {
  const ids = [];
  for await (const m of client.models.list()) ids.push(m.id);
  assert.ok(ids.includes('smart'));
  assert.ok(ids.includes('mock/gpt-mock'));
});

test('curl: body forwarded unchanged except the model name', async () => {
  await mock.reset();
  const body = '{"model":"smart", "messages":[{"role":"user","content":"curl"}],"vendor_field":{"x":[1,2]},"seed":12345678901234567890}';
  const { stdout } = await run('curl', ['-sS', '-D', '-', `${gateway.url}/v1/chat/completions`,
    '-H', 'content-type: application/json', '-d', body]);
  assert.match(stdout, /^HTTP\/1\.1 200/);
  assert.match(stdout, /x-signalbox-target: mock\/gpt-mock/i);
  const seen = await mock.requests();
  assert.equal(seen.length, 1);
  assert.equal(seen[0].body, body.replace('"smart"', '"gpt-mock"'));
  assert.equal(seen[0].headers.authorization, `Bearer ${KEY}`);
});

test('curl: streaming with -N ends with [DONE]', async () => {
  const { stdout } = await run('curl', ['-sSN', `${gateway.url}/v1/chat/completions`, '-d',
    '{"model":"smart","stream":true,"messages":[{"role":"user","content":"s"}]}']);
  const events = stdout.split('\n\n').filter(Boolean);
  assert.ok(events.length > 5);
  assert.equal(events[events.length - 1].trim(), 'data: [DONE]');
  assert.equal(JSON.parse(events[0].slice(6)).object, 'chat.completion.chunk');
});

test('curl: a stream cut after the first bytes ends with an SSE error event, no [DONE]', async () => {
  await mock.fault({ cut_after_chunks: 3 });
  const { stdout } = await run('curl', ['-sSN', `${gateway.url}/v1/chat/completions`, '-d',
    '{"model":"smart","stream":true,"messages":[{"role":"user","content":"s"}]}']);
  const events = stdout.split('\n\n').filter(Boolean);
  const last = JSON.parse(events[events.length - 1].slice(6));
  assert.equal(last.error.code, 'stream_interrupted');
  assert.ok(!stdout.includes('[DONE]'));
});

test('curl: provider errors pass through with their status', async () => {
  await mock.fault({ status: 429, retry_after: '7' });
  const { stdout } = await run('curl', ['-sS', '-D', '-', `${gateway.url}/v1/chat/completions`, '-d',
    '{"model":"smart","messages":[{"role":"user","content":"s"}]}']);
  assert.match(stdout, /^HTTP\/1\.1 429/);
  assert.match(stdout, /retry-after: 7/i);
  assert.match(stdout, /rate_limit_exceeded/);
});
