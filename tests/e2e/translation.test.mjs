// Both official SDKs (openai, @anthropic-ai/sdk) through signalboxd to each provider
// family the mock speaks (OpenAI, Anthropic, Gemini): text, streaming, tools, images and
// usage, every pair of client and provider format, translated where they differ.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { startMock, startGateway } from './harness.mjs';

const KEY = 'sk-e2e-provider-key-translation-42';
const PROVIDERS = ['oai', 'claude', 'gem'];
// A 1×1 PNG, as clients send pictures.
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYGBgAAAABQABpfZFQAAAAABJRU5ErkJggg==';
const WEATHER = {
  name: 'get_weather',
  description: 'Weather for a city',
  schema: {
    type: 'object',
    properties: { city: { type: 'string' }, days: { type: 'integer' } },
    required: ['city'],
  },
};

let mock;
let gateway;
let openai;
let anthropic;

before(async () => {
  mock = await startMock(['--expect-key', KEY]);
  gateway = await startGateway(
    `listen: 127.0.0.1:0
providers:
  oai:
    kind: openai
    base_url: ${mock.url}/v1
    keys: [env:E2E_KEY]
  claude:
    kind: anthropic
    base_url: ${mock.url}
    keys: [env:E2E_KEY]
  gem:
    kind: gemini
    base_url: ${mock.url}
    keys: [env:E2E_KEY]
  azure:
    kind: azure-openai
    base_url: ${mock.url}
    keys: [env:E2E_KEY]
  fast:
    kind: groq
    base_url: ${mock.url}/v1
    keys: [env:E2E_KEY]
`,
    { E2E_KEY: KEY },
  );
  openai = new OpenAI({ baseURL: `${gateway.url}/v1`, apiKey: 'local', maxRetries: 0 });
  anthropic = new Anthropic({ baseURL: gateway.url, apiKey: 'local', maxRetries: 0 });
});

after(() => {
  gateway?.stop();
  mock?.stop();
});

const model = (p) => `${p}/model-${p}`;

for (const p of PROVIDERS) {
  test(`openai SDK → ${p}: text and usage`, async () => {
    const { data, response } = await openai.chat.completions
      .create({
        model: model(p),
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'hello there' },
        ],
        max_tokens: 100,
      })
      .withResponse();
    assert.equal(data.object, 'chat.completion');
    assert.equal(data.choices[0].message.role, 'assistant');
    assert.equal(data.choices[0].message.content, 'Hello from the mock provider. You said: hello there');
    assert.equal(data.choices[0].finish_reason, 'stop');
    assert.ok(data.usage.prompt_tokens > 0, JSON.stringify(data.usage));
    assert.ok(data.usage.completion_tokens > 0);
    assert.equal(data.usage.total_tokens, data.usage.prompt_tokens + data.usage.completion_tokens);
    assert.equal(response.headers.get('x-signalbox-target'), model(p));
  });

  test(`openai SDK → ${p}: streamed text with usage`, async () => {
    const stream = await openai.chat.completions.create({
      model: model(p),
      messages: [{ role: 'user', content: 'stream me' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let chunks = 0;
    let finish = null;
    let usage = null;
    for await (const chunk of stream) {
      chunks++;
      if (chunk.usage) usage = chunk.usage;
      for (const c of chunk.choices) {
        text += c.delta.content ?? '';
        finish = c.finish_reason ?? finish;
      }
    }
    assert.equal(text, 'Hello from the mock provider. You said: stream me');
    assert.ok(chunks > 3, `only ${chunks} chunks`);
    assert.equal(finish, 'stop');
    assert.ok(usage && usage.prompt_tokens > 0 && usage.completion_tokens > 0, JSON.stringify(usage));
  });

  test(`openai SDK → ${p}: tool call, then its result`, async () => {
    const tools = [
      {
        type: 'function',
        function: { name: WEATHER.name, description: WEATHER.description, parameters: WEATHER.schema },
      },
    ];
    const messages = [{ role: 'user', content: 'Paris' }];
    const first = await openai.chat.completions.create({ model: model(p), messages, tools });
    const call = first.choices[0].message.tool_calls?.[0];
    assert.equal(first.choices[0].finish_reason, 'tool_calls');
    assert.ok(call, JSON.stringify(first));
    assert.equal(call.type, 'function');
    assert.equal(call.function.name, 'get_weather');
    assert.deepEqual(JSON.parse(call.function.arguments), { city: 'Paris', days: 42 });
    // Property order survives every translation: clients and models may rely on it.
    assert.ok(call.function.arguments.indexOf('city') < call.function.arguments.indexOf('days'));

    messages.push(first.choices[0].message);
    messages.push({ role: 'tool', tool_call_id: call.id, content: 'sunny, 21°C' });
    const second = await openai.chat.completions.create({ model: model(p), messages, tools });
    assert.equal(second.choices[0].message.content, 'Tool said: sunny, 21°C');
    assert.equal(second.choices[0].finish_reason, 'stop');
  });

  test(`openai SDK → ${p}: streamed tool call arguments reassemble`, async () => {
    const stream = await openai.chat.completions.create({
      model: model(p),
      messages: [{ role: 'user', content: 'Oslo' }],
      tools: [{ type: 'function', function: { name: WEATHER.name, parameters: WEATHER.schema } }],
      stream: true,
    });
    const calls = [];
    let finish = null;
    for await (const chunk of stream) {
      for (const c of chunk.choices) {
        finish = c.finish_reason ?? finish;
        for (const tc of c.delta.tool_calls ?? []) {
          calls[tc.index] ??= { id: '', name: '', args: '' };
          if (tc.id) calls[tc.index].id = tc.id;
          if (tc.function?.name) calls[tc.index].name = tc.function.name;
          calls[tc.index].args += tc.function?.arguments ?? '';
        }
      }
    }
    assert.equal(calls.length, 1);
    assert.ok(calls[0].id.length > 0);
    assert.equal(calls[0].name, 'get_weather');
    assert.deepEqual(JSON.parse(calls[0].args), { city: 'Oslo', days: 42 });
    assert.equal(finish, 'tool_calls');
  });

  test(`openai SDK → ${p}: images reach the provider`, async () => {
    const data = await openai.chat.completions.create({
      model: model(p),
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'what is this' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } },
          ],
        },
      ],
    });
    assert.equal(
      data.choices[0].message.content,
      'Hello from the mock provider. You said: what is this [images: 1]',
    );
  });

  test(`anthropic SDK → ${p}: text and usage`, async () => {
    const { data, response } = await anthropic.messages
      .create({
        model: model(p),
        max_tokens: 100,
        system: 'Be brief.',
        messages: [{ role: 'user', content: 'hello there' }],
      })
      .withResponse();
    assert.equal(data.type, 'message');
    assert.equal(data.role, 'assistant');
    assert.equal(data.content[0].type, 'text');
    assert.equal(data.content[0].text, 'Hello from the mock provider. You said: hello there');
    assert.equal(data.stop_reason, 'end_turn');
    assert.ok(data.usage.input_tokens > 0, JSON.stringify(data.usage));
    assert.ok(data.usage.output_tokens > 0);
    assert.equal(response.headers.get('x-signalbox-target'), model(p));
  });

  test(`anthropic SDK → ${p}: streamed text`, async () => {
    const stream = anthropic.messages.stream({
      model: model(p),
      max_tokens: 100,
      messages: [{ role: 'user', content: 'stream me' }],
    });
    const seen = new Set();
    stream.on('streamEvent', (e) => seen.add(e.type));
    let text = '';
    stream.on('text', (t) => (text += t));
    const final = await stream.finalMessage();
    assert.equal(text, 'Hello from the mock provider. You said: stream me');
    assert.equal(final.content[0].text, text);
    assert.equal(final.stop_reason, 'end_turn');
    assert.ok(final.usage.output_tokens > 0, JSON.stringify(final.usage));
    for (const t of ['message_start', 'content_block_start', 'content_block_delta',
      'content_block_stop', 'message_delta', 'message_stop']) {
      assert.ok(seen.has(t), `no ${t} event`);
    }
  });

  test(`anthropic SDK → ${p}: tool use, streamed, then its result`, async () => {
    const tools = [{ name: WEATHER.name, description: WEATHER.description, input_schema: WEATHER.schema }];
    const messages = [{ role: 'user', content: 'Rome' }];
    const stream = anthropic.messages.stream({ model: model(p), max_tokens: 200, messages, tools });
    const first = await stream.finalMessage();
    assert.equal(first.stop_reason, 'tool_use');
    const use = first.content.find((b) => b.type === 'tool_use');
    assert.ok(use, JSON.stringify(first));
    assert.equal(use.name, 'get_weather');
    assert.deepEqual(use.input, { city: 'Rome', days: 42 });

    messages.push({ role: 'assistant', content: first.content });
    messages.push({
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: use.id, content: 'cloudy' }],
    });
    const second = await anthropic.messages.create({ model: model(p), max_tokens: 200, messages, tools });
    assert.equal(second.content[0].text, 'Tool said: cloudy');
    assert.equal(second.stop_reason, 'end_turn');
  });

  test(`anthropic SDK → ${p}: images reach the provider`, async () => {
    const data = await anthropic.messages.create({
      model: model(p),
      max_tokens: 100,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
            { type: 'text', text: 'what is this' },
          ],
        },
      ],
    });
    assert.equal(data.content[0].text, 'Hello from the mock provider. You said: what is this [images: 1]');
  });
}

test('Azure deployments and OpenAI-compatible presets serve both SDKs', async () => {
  for (const p of ['azure', 'fast']) {
    const chat = await openai.chat.completions.create({
      model: `${p}/my-deployment`,
      messages: [{ role: 'user', content: 'hi' }],
    });
    assert.equal(chat.choices[0].message.content, 'Hello from the mock provider. You said: hi');
    const msg = await anthropic.messages.create({
      model: `${p}/my-deployment`,
      max_tokens: 50,
      messages: [{ role: 'user', content: 'hi' }],
    });
    assert.equal(msg.content[0].text, 'Hello from the mock provider. You said: hi');
  }
  const seen = await mock.requests();
  const azure = seen.filter((r) => r.path.startsWith('/openai/deployments/my-deployment/chat/completions'));
  assert.equal(azure.length, 2);
  assert.match(azure[0].path, /\?api-version=\d{4}-\d{2}-\d{2}/);
  assert.equal(azure[0].headers['api-key'], KEY);
  assert.equal(azure[0].headers.authorization, undefined);
});

test('provider errors reach each client in its own shape, message kept', async () => {
  for (const p of PROVIDERS) {
    // Models of their own: a target that answered 429 with Retry-After rests that long.
    await mock.fault({ status: 429, retry_after: '7' });
    await assert.rejects(
      openai.chat.completions.create({ model: `${model(p)}-busy`, messages: [{ role: 'user', content: 'x' }] }),
      (e) => e.status === 429 && e.error?.message?.length > 0 && e.headers?.get('retry-after') === '7',
    );
    await mock.fault({ status: 429 });
    await assert.rejects(
      anthropic.messages.create({ model: `${model(p)}-limited`, max_tokens: 5, messages: [{ role: 'user', content: 'x' }] }),
      (e) => e.status === 429 && e.error?.type === 'error' && e.error?.error?.type === 'rate_limit_error',
    );
  }
});

test('a translated call names the fields the target could not take', async () => {
  const { response } = await anthropic.messages
    .create({ model: model('oai'), max_tokens: 10, top_k: 5, messages: [{ role: 'user', content: 'x' }] })
    .withResponse();
  assert.match(response.headers.get('x-signalbox-dropped') ?? '', /top_k/);
  // Same format: passed through untouched, so nothing is dropped.
  const { response: same } = await anthropic.messages
    .create({
      model: model('claude'),
      max_tokens: 10,
      metadata: { user_id: 'u-1' },
      messages: [{ role: 'user', content: 'x' }],
    })
    .withResponse();
  assert.equal(same.headers.get('x-signalbox-dropped'), null);
});

test('count_tokens: passed to Anthropic, translated for Gemini, refused where there is none', async () => {
  for (const p of ['claude', 'gem']) {
    const counted = await anthropic.messages.countTokens({
      model: model(p),
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'count me' }],
    });
    assert.ok(Number.isInteger(counted.input_tokens) && counted.input_tokens > 0, JSON.stringify(counted));
  }
  const seen = (await mock.requests()).filter((r) => r.path.includes(':countTokens'));
  assert.equal(seen.length, 1);
  assert.ok(JSON.parse(seen[0].body).generateContentRequest.systemInstruction, seen[0].body);
  await assert.rejects(
    anthropic.messages.countTokens({ model: model('oai'), messages: [{ role: 'user', content: 'x' }] }),
    (e) => e.status === 400 && /token counting/.test(e.error?.error?.message ?? ''),
  );
});

test('embeddings: passed to OpenAI, translated for Gemini, floats and base64 alike', async () => {
  for (const p of ['oai', 'gem']) {
    // The SDK asks for base64 and decodes it itself; a float request is checked raw.
    const viaSdk = await openai.embeddings.create({ model: model(p), input: ['one', 'two'] });
    assert.equal(viaSdk.object, 'list');
    assert.equal(viaSdk.data.length, 2);
    assert.deepEqual(viaSdk.data.map((d) => d.index), [0, 1]);
    const raw = await (
      await fetch(`${gateway.url}/v1/embeddings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: model(p), input: ['one', 'two'], encoding_format: 'float' }),
      })
    ).json();
    assert.equal(raw.data.length, 2);
    for (let i = 0; i < 2; i++) {
      assert.equal(raw.data[i].embedding.length, viaSdk.data[i].embedding.length);
      raw.data[i].embedding.forEach((v, k) =>
        assert.ok(Math.abs(v - viaSdk.data[i].embedding[k]) < 1e-6, `${p} value ${k}`));
    }
  }
  await assert.rejects(
    openai.embeddings.create({ model: model('claude'), input: 'x' }),
    (e) => e.status === 400 && /embeddings/.test(e.error?.message ?? ''),
  );
});

test('completions: passed to OpenAI-format providers, refused for others', async () => {
  const done = await openai.completions.create({ model: model('oai'), prompt: 'say hi', max_tokens: 20 });
  assert.equal(done.object, 'text_completion');
  assert.ok(done.choices[0].text.length > 0);
  await assert.rejects(
    openai.completions.create({ model: model('gem'), prompt: 'x' }),
    (e) => e.status === 400 && /completions/.test(e.error?.message ?? ''),
  );
});

test('a translated stream cut by the provider ends with an error in the client format', async () => {
  for (const p of ['claude', 'gem']) {
    // Past the first content: before it, the call would have failed over instead.
    await mock.fault({ cut_after_chunks: 4 });
    const stream = await openai.chat.completions.create({
      model: model(p),
      messages: [{ role: 'user', content: 'a long answer please' }],
      stream: true,
    });
    await assert.rejects(async () => {
      for await (const chunk of stream) void chunk;
    }, /broke off|ended the stream|stream_interrupted/i);
  }
  await mock.fault({ cut_after_chunks: 3 });
  const stream = anthropic.messages.stream({
    model: model('oai'),
    max_tokens: 100,
    messages: [{ role: 'user', content: 'a long answer please' }],
  });
  await assert.rejects(stream.finalMessage(), /broke off|ended the stream|stream_interrupted/i);
});

test('a provider error event mid-stream reaches the Anthropic client as its own error', async () => {
  await mock.fault({ stream_error: 'overloaded_error' });
  const stream = anthropic.messages.stream({
    model: model('claude'),
    max_tokens: 100,
    messages: [{ role: 'user', content: 'hi' }],
  });
  await assert.rejects(stream.finalMessage(), /overloaded/i);
  await mock.fault({ stream_error: 'UNAVAILABLE' });
  const fromGemini = anthropic.messages.stream({
    model: model('gem'),
    max_tokens: 100,
    messages: [{ role: 'user', content: 'hi' }],
  });
  await assert.rejects(fromGemini.finalMessage(), (e) => e.message.length > 0);
});

test('garbage from a provider is a 502 in the client format, not a crash', async () => {
  await mock.fault({ garbage: true });
  await assert.rejects(
    anthropic.messages.create({ model: model('gem'), max_tokens: 5, messages: [{ role: 'user', content: 'x' }] }),
    (e) => e.status === 502 && e.error?.type === 'error',
  );
});
