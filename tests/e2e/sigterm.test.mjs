// SIGTERM lets the request in flight finish, then signalboxd exits 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startMock, startGateway } from './harness.mjs';

test('SIGTERM drains an in-flight stream and exits 0', async () => {
  const mock = await startMock(['--chunk-delay-ms', '40']);
  const gateway = await startGateway(`listen: 127.0.0.1:0
providers:
  mock: {kind: openai, base_url: ${mock.url}/v1}
`);
  try {
    const response = await fetch(`${gateway.url}/v1/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ model: 'mock/gpt-mock', stream: true, messages: [{ role: 'user', content: 'drain me' }] }),
    });
    assert.equal(response.status, 200);
    const reader = response.body.getReader();
    await reader.read(); // the stream has begun
    gateway.proc.kill('SIGTERM');
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    assert.ok(text.trimEnd().endsWith('data: [DONE]'), 'the stream finished after SIGTERM');
    const { code } = await gateway.exited;
    assert.equal(code, 0);
    assert.match(gateway.stderr(), /stopping/);
  } finally {
    gateway.stop();
    mock.stop();
  }
});
