// The built-in demo provider (kind simulated) through signalboxd: both SDKs get real
// answers with no key and no network, and its fault models fail the way they say.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { startGateway } from './harness.mjs';

let gateway;
let openai;
let anthropic;

before(async () => {
  gateway = await startGateway(`listen: 127.0.0.1:0
providers:
  demo:
    kind: simulated
    models: [echo, down, cut]
routes:
  demo-chain: {targets: [demo/down, demo/echo]}
  impatient:
    targets: [{target: demo/slow, timeouts: {first_byte_ms: 100}}, demo/echo]
`);
  openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'local', maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: gateway.url, apiKey: 'local', maxRetries: 0 });
});

after(() => gateway?.stop());

test('openai SDK streams a paced answer with usage', async () => {
  const stream = await openai.chat.completions.create({
    model: 'demo/echo',
    messages: [{ role: 'user', content: 'hello demo' }],
    stream: true,
    stream_options: { include_usage: true },
  });
  let text = '';
  let chunks = 0;
  let usage = null;
  const started = Date.now();
  for await (const chunk of stream) {
    chunks++;
    usage = chunk.usage ?? usage;
    text += chunk.choices[0]?.delta?.content ?? '';
  }
  assert.match(text, /simulated provider answering "hello demo"/);
  assert.ok(chunks > 10, `${chunks} chunks`);
  assert.ok(Date.now() - started > 250, 'answers as a model would, not at once');
  assert.ok(usage.prompt_tokens > 0 && usage.completion_tokens > 0);
});

test('anthropic SDK gets the demo answer translated, tools included', async () => {
  const data = await anthropic.messages.create({
    model: 'demo/echo',
    max_tokens: 200,
    messages: [{ role: 'user', content: 'Lisbon' }],
    tools: [{ name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }],
  });
  assert.equal(data.stop_reason, 'tool_use');
  const use = data.content.find((b) => b.type === 'tool_use');
  assert.deepEqual(use.input, { city: 'Lisbon' });
});

test('fault models fail as their names say', async () => {
  await assert.rejects(
    openai.chat.completions.create({ model: 'demo/down', messages: [{ role: 'user', content: 'x' }] }),
    (e) => e.status === 503 && /down/.test(e.error?.message ?? ''),
  );
  const stream = await openai.chat.completions.create({
    model: 'demo/cut',
    messages: [{ role: 'user', content: 'x' }],
    stream: true,
  });
  await assert.rejects(async () => {
    for await (const chunk of stream) void chunk;
  }, /broke off/);
});

test('a route falls over from the demo faults: errors and timeouts alike', async () => {
  const { data, response } = await openai.chat.completions
    .create({ model: 'demo-chain', messages: [{ role: 'user', content: 'hi' }] })
    .withResponse();
  assert.equal(response.headers.get('x-signalbox-target'), 'demo/echo');
  assert.match(response.headers.get('x-signalbox-trail'), /^demo\/down 503 \d+ms, demo\/echo ok \d+ms$/);
  assert.match(data.choices[0].message.content, /simulated provider/);

  // demo/slow takes over 700 ms to begin; the route waits 100 for it.
  const timed = await openai.chat.completions
    .create({ model: 'impatient', messages: [{ role: 'user', content: 'hi' }] })
    .withResponse();
  assert.equal(timed.response.headers.get('x-signalbox-target'), 'demo/echo');
  assert.match(timed.response.headers.get('x-signalbox-trail'), /^demo\/slow timeout \d+ms/);
});
