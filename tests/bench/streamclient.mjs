// Opens many SSE streams at once and timestamps every frame as it arrives. Time to first
// token is taken at the first frame with content: a role-only first chunk carries none,
// and a gateway that holds a stream until its content (to fall over while it still can)
// must not look slower for that than one that sends the empty chunk at once.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });

function oneStream(url, headers, body) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const times = [];
    let firstToken;
    let buffered = '';
    let done = false;
    const req = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        const now = performance.now();
        buffered += chunk;
        let i;
        while ((i = buffered.indexOf('\n\n')) >= 0) {
          const frame = buffered.slice(0, i);
          buffered = buffered.slice(i + 2);
          if (frame.startsWith('data: [DONE]')) done = true;
          else if (frame.startsWith('data:')) {
            times.push(now);
            if (firstToken === undefined && /"content":"[^"]/.test(frame)) firstToken = now;
          }
        }
      });
      res.on('end', () => resolve({ ok: res.statusCode === 200 && done, t0, times, firstToken }));
      res.on('error', () => resolve({ ok: false, t0, times, firstToken }));
    });
    req.on('error', () => resolve({ ok: false, t0, times, firstToken }));
    req.end(body);
  });
}

// Runs `count` concurrent streams, `rounds` times one after the other (one stream gives one
// TTFT sample, too few for a p99); returns TTFT and inter-frame gap samples (ms).
export async function runStreams(url, headers, body, count, rounds = 1) {
  const results = [];
  for (let i = 0; i < rounds; i++) {
    results.push(...(await Promise.all(Array.from({ length: count }, () => oneStream(url, headers, body)))));
  }
  const ttft = [];
  const gaps = [];
  let frames = 0;
  let ok = 0;
  for (const r of results) {
    if (r.ok) ok++;
    frames += r.times.length;
    if (r.firstToken !== undefined) ttft.push(r.firstToken - r.t0);
    for (let i = 1; i < r.times.length; i++) gaps.push(r.times[i] - r.times[i - 1]);
  }
  return { ok, count: results.length, frames, ttft, gaps };
}

export function percentile(samples, p) {
  if (!samples.length) return NaN;
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
