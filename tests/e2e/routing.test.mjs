// Routing seen from the official SDKs: a route falls over from a failing target, a
// stream that fails before its first content is served whole by the next target, the
// client's own fallbacks (extra_body) are honoured and never reach a provider, and a
// stream cut after content ends in an error the SDK raises.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { startMock, startGateway } from './harness.mjs';

let mock;
let gateway;
let openai;
let anthropic;

before(async () => {
  mock = await startMock();
  gateway = await startGateway(`listen: 127.0.0.1:0
providers:
  oai: {kind: openai, base_url: "${mock.url}/v1", keys: [env:E2E_ROUTING_KEY]}
  claude: {kind: anthropic, base_url: "${mock.url}", keys: [env:E2E_ROUTING_KEY]}
routes:
  smart:
    retries: 1
    backoff_ms: 5
    targets: [oai/first, claude/second]
`, { E2E_ROUTING_KEY: 'sk-e2e-routing' });
  openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'local', maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: gateway.url, apiKey: 'local', maxRetries: 0 });
});

after(() => {
  gateway?.stop();
  mock?.stop();
});

beforeEach(() => mock.reset());

const modelsCalled = async () => (await mock.requests()).map((r) => JSON.parse(r.body || '{}').model);

test('a route falls over from a failing target; the SDK sees one clean answer', async () => {
  await mock.fault({ model: 'first', status: 503, times: 2 });
  const { data, response } = await openai.chat.completions
    .create({ model: 'smart', messages: [{ role: 'user', content: 'hi' }] })
    .withResponse();
  assert.equal(response.headers.get('x-signalbox-target'), 'claude/second');
  assert.equal(response.headers.get('x-signalbox-attempts'), '3');
  assert.match(response.headers.get('x-signalbox-trail'), /^oai\/first 503 \d+ms, oai\/first 503 \d+ms, claude\/second ok \d+ms$/);
  assert.equal(data.object, 'chat.completion');
  assert.ok(data.choices[0].message.content.length > 0);
});

test('a stream that fails before content is served by the next target', async () => {
  await mock.fault({ model: 'first', cut_after_chunks: 1, times: 2 });
  const stream = await anthropic.messages.create({
    model: 'smart',
    max_tokens: 50,
    stream: true,
    messages: [{ role: 'user', content: 'hi' }],
  });
  const types = [];
  let text = '';
  for await (const event of stream) {
    types.push(event.type);
    if (event.type === 'content_block_delta') text += event.delta.text ?? '';
  }
  assert.equal(types.filter((t) => t === 'message_start').length, 1);
  assert.equal(types.at(-1), 'message_stop');
  assert.ok(text.length > 0);
});

test('the client brings its own fallbacks; providers never see them', async () => {
  const completion = await openai.chat.completions.create({
    model: 'oai/missing-model',
    messages: [{ role: 'user', content: 'hi' }],
    fallbacks: ['claude/backup'],
  });
  assert.ok(completion.choices[0].message.content.length > 0);
  await mock.fault({ model: 'missing-model', status: 500 });
  const raced = await openai.chat.completions.create({
    model: 'oai/missing-model',
    messages: [{ role: 'user', content: 'hi' }],
    fallbacks: ['claude/backup'],
  });
  assert.ok(raced.choices[0].message.content.length > 0);
  assert.deepEqual(await modelsCalled(), ['missing-model', 'missing-model', 'backup']);
  for (const r of await mock.requests()) assert.ok(!r.body.includes('fallbacks'), r.body);
});

test('a stream cut after content ends in an error the SDK raises, not a clean end', async () => {
  await mock.fault({ model: 'first', cut_after_chunks: 3 });
  const stream = await openai.chat.completions.create({
    model: 'smart',
    stream: true,
    messages: [{ role: 'user', content: 'hi' }],
  });
  let text = '';
  await assert.rejects(async () => {
    for await (const chunk of stream) text += chunk.choices[0]?.delta?.content ?? '';
  }, /interrupted|broke off/);
  assert.ok(text.length > 0, 'content arrived before the cut');
  assert.deepEqual(await modelsCalled(), ['first']);  // no second call once bytes went out
});

test('a client error comes back at once with the provider status', async () => {
  await mock.fault({ model: 'first', status: 400 });
  await assert.rejects(
    openai.chat.completions.create({ model: 'smart', messages: [{ role: 'user', content: 'hi' }] }),
    (e) => e.status === 400,
  );
  assert.deepEqual(await modelsCalled(), ['first']);
});
