// Signalbox benchmark: direct to a fake provider, through nginx proxy_pass,
// through signalboxd and through Portkey's gateway, interleaved in one run, so
// every figure is a ratio against baselines measured on the same machine now.
//   node tests/bench/bench.mjs [--smoke] [--build DIR] [--out FILE] [--portkey-as-installed]
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { tmpdir, cpus, totalmem } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runStreams, percentile } from './streamclient.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const smoke = args.includes('--smoke');
const build = resolve(opt('--build', join(root, 'build/ci')));
const out = resolve(opt('--out', join(here, 'results/latest.json')));
const secs = smoke ? 1 : Number(opt('--seconds', 5));
const manyStreams = smoke ? 50 : Number(opt('--streams', 1000));
const heldStreams = smoke ? 100 : Number(opt('--held', 2000));
const concurrentStreams = smoke ? 20 : 100; // TTFT and gaps under load
const singleRounds = smoke ? 2 : 10; // one stream at a time, this many times
const portkeyShim = !args.includes('--portkey-as-installed');
const tmp = mkdtempSync(join(tmpdir(), 'signalbox-bench-'));
const children = [];
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function start(cmd, argv, pattern, opts = {}) {
  return new Promise((resolvePromise, reject) => {
    const proc = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], ...opts });
    children.push(proc);
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`${cmd} did not start: ${seen}`)), 15000);
    const onData = (c) => {
      seen += c.toString();
      const m = pattern && seen.match(pattern);
      if (m) {
        clearTimeout(timer);
        resolvePromise({ proc, match: m });
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${cmd} exited with ${code}: ${seen}`));
    });
  });
}

async function freePort() {
  const net = await import('node:net');
  return new Promise((r) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => r(p));
    });
  });
}

async function waitHttp(url) {
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(url);
      return;
    } catch {
      await sleep(100);
    }
  }
  throw new Error(`${url} never answered`);
}

// CPU seconds (user+system) of a process and its children threads, and memory.
function procStat(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(f[11]) + Number(f[12]);
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k) => Number((status.match(new RegExp(`${k}:\\s+(\\d+)`)) || [0, 0])[1]);
  return { cpuMs: ticks * 10, rssMb: kb('VmRSS') / 1024, hwmMb: kb('VmHWM') / 1024 };
}
function pidsOf(path) {
  return path.pids().filter((p) => existsSync(`/proc/${p}`));
}
// NaN, not 0, for a path without a live process: direct, or a gateway that died.
function cpuOf(path) {
  const pids = pidsOf(path);
  return pids.length ? pids.reduce((a, p) => a + procStat(p).cpuMs, 0) : NaN;
}
function rssOf(path) {
  const pids = pidsOf(path);
  return pids.length ? pids.reduce((a, p) => a + procStat(p).rssMb, 0) : NaN;
}

function wrk(url, headers, body, conns) {
  const lua = join(tmp, 'post.lua');
  const h = Object.entries({ 'Content-Type': 'application/json', ...headers })
    .map(([k, v]) => `wrk.headers["${k}"] = "${v}"`)
    .join('\n');
  writeFileSync(lua, `wrk.method = "POST"\nwrk.body = '${body}'\n${h}\n`);
  const text = execFileSync('wrk', ['-t', conns > 10 ? '2' : '1', '-c', String(conns), '-d', `${secs}s`,
    '--latency', '-s', lua, url], { encoding: 'utf8' });
  const unit = (v) => {
    const m = v.match(/([\d.]+)(us|ms|s)/);
    return m ? Number(m[1]) * { us: 0.001, ms: 1, s: 1000 }[m[2]] : NaN;
  };
  const pct = (p) => unit((text.match(new RegExp(`\\s${p}%\\s+(\\S+)`)) || ['', ''])[1]);
  return {
    rps: Number((text.match(/Requests\/sec:\s+([\d.]+)/) || [0, 0])[1]),
    requests: Number((text.match(/(\d+) requests in/) || [0, 0])[1]),
    errors: Number((text.match(/Non-2xx or 3xx responses: (\d+)/) || [0, 0])[1]),
    p50: pct(50),
    p99: pct(99),
  };
}

async function main() {
  const upstreamBin = join(build, 'tests/bench/benchupstream');
  const gatewayBin = join(build, 'app/signalboxd');
  for (const b of [upstreamBin, gatewayBin]) if (!existsSync(b)) throw new Error(`${b} is missing: build first`);

  const up = await start(upstreamBin, ['--chunks', '64', '--gap-ms', '20'], /listening on http:\/\/127\.0\.0\.1:(\d+)/);
  const burst = await start(upstreamBin, ['--chunks', '500', '--gap-ms', '0'], /listening on http:\/\/127\.0\.0\.1:(\d+)/);
  const U = up.match[1];
  const B = burst.match[1];

  // nginx with a private config: keep-alive to the upstream, no buffering of streams.
  const nginxPort = await freePort();
  const nginxBurst = await freePort();
  mkdirSync(join(tmp, 'nginx/logs'), { recursive: true });
  const server = (port, up) => `server { listen 127.0.0.1:${port}; access_log off;
      location / { proxy_pass http://up${up}; proxy_http_version 1.1; proxy_set_header Connection "";
                   proxy_buffering off; proxy_request_buffering off; } }
    upstream up${up} { server 127.0.0.1:${up}; keepalive 256; }`;
  writeFileSync(join(tmp, 'nginx/nginx.conf'), `worker_processes 1; daemon off; pid ${tmp}/nginx/nginx.pid;
error_log ${tmp}/nginx/logs/error.log warn;
events { worker_connections 8192; }
http { client_body_temp_path ${tmp}/nginx; proxy_temp_path ${tmp}/nginx; tcp_nodelay on;
  ${server(nginxPort, U)} ${server(nginxBurst, B)} }`);
  const nginx = spawn('nginx', ['-p', join(tmp, 'nginx'), '-c', join(tmp, 'nginx/nginx.conf')], { stdio: 'ignore' });
  nginx.stopSignal = 'SIGTERM'; // a SIGKILLed master leaves its worker running
  children.push(nginx);
  await waitHttp(`http://127.0.0.1:${nginxPort}/`);

  const config = `listen: 127.0.0.1:0
providers:
  bench: {kind: openai, base_url: http://127.0.0.1:${U}/v1}
  burst: {kind: openai, base_url: http://127.0.0.1:${B}/v1}
`;
  writeFileSync(join(tmp, 'signalbox.yaml'), config);
  const sbd = await start(gatewayBin, ['--config', join(tmp, 'signalbox.yaml'), '--data-dir', tmp],
    /listening on http:\/\/127\.0\.0\.1:(\d+)/);
  const S = sbd.match[1];

  const paths = [
    { name: 'direct', base: `http://127.0.0.1:${U}`, burst: `http://127.0.0.1:${B}`, model: 'gpt-bench', headers: {}, pids: () => [] },
    { name: 'nginx', base: `http://127.0.0.1:${nginxPort}`, burst: `http://127.0.0.1:${nginxBurst}`, model: 'gpt-bench', headers: {},
      pids: () => {
        try {
          return [nginx.pid, ...execFileSync('pgrep', ['-P', String(nginx.pid)], { encoding: 'utf8' }).trim().split('\n').map(Number)];
        } catch {
          return [nginx.pid]; // no worker left
        }
      } },
    { name: 'signalboxd', base: `http://127.0.0.1:${S}`, burst: `http://127.0.0.1:${S}`, model: 'bench/gpt-bench',
      burstModel: 'burst/gpt-bench', headers: {}, pids: () => [sbd.proc.pid] },
  ];
  const portkeyMain = join(here, 'node_modules/@portkey-ai/gateway/build/start-server.js');
  if (existsSync(portkeyMain)) {
    const P = await freePort();
    // Portkey 1.15 fails every stream as npm installs it, on any Node.js ("TypeError: immutable",
    // Portkey-AI/gateway#1389): it wraps the provider's stream in new Response(body, fetched) and
    // appends its x-portkey-* headers, but @hono/node-server 1.x (Portkey asks for ^1.3.3) keeps
    // fetch()'s read-only headers in that new Response. node-server 2.x copies them
    // (honojs/node-server#382); this preload does the same copy, for event streams only, so
    // Portkey's plain calls run untouched. --portkey-as-installed measures without it.
    const pre = [];
    if (portkeyShim) {
      writeFileSync(join(tmp, 'portkey-headers.mjs'), `const nativeFetch = globalThis.fetch;
const NativeResponse = globalThis.Response;
globalThis.fetch = async (...a) => {
  const res = await nativeFetch(...a);
  return res.headers.get('content-type')?.startsWith('text/event-stream') ? new NativeResponse(res.body, res) : res;
};
`);
      pre.push('--import', join(tmp, 'portkey-headers.mjs'));
    }
    const pk = spawn(process.execPath, [...pre, portkeyMain, `--port=${P}`],
      { stdio: ['ignore', 'ignore', openSync(join(tmp, 'portkey.log'), 'w')] });
    children.push(pk);
    await waitHttp(`http://127.0.0.1:${P}/`);
    paths.push({ name: 'portkey', base: `http://127.0.0.1:${P}`, burst: `http://127.0.0.1:${P}`, model: 'gpt-bench',
      headers: { 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `http://127.0.0.1:${U}/v1`, authorization: 'Bearer bench' },
      burstHeaders: { 'x-portkey-provider': 'openai', 'x-portkey-custom-host': `http://127.0.0.1:${B}/v1`, authorization: 'Bearer bench' },
      pids: () => [pk.pid] });
  } else {
    console.error('Portkey gateway not installed (npm ci --prefix tests/bench): measuring without it');
  }

  const body = (p, stream) => JSON.stringify({ model: p.model, stream, messages: [{ role: 'user', content: 'hello' }] });
  const url = (p) => `${p.base}/v1/chat/completions`;
  const r = {};
  for (const p of paths) r[p.name] = { rssIdleMb: rssOf(p) };
  await sleep(300);

  // Non-streaming, interleaved per concurrency level.
  for (const c of [1, 10, 64]) {
    for (const p of paths) {
      const cpu0 = cpuOf(p);
      const w = wrk(url(p), p.headers, body(p, false), c);
      const cpuMs = cpuOf(p) - cpu0;
      r[p.name][`c${c}`] = w;
      if (c === 64) r[p.name].cpuMsPer1000 = w.requests ? (cpuMs * 1000) / w.requests : NaN;
    }
  }
  // Streams: one, then many at once, then the 500-chunk burst.
  // Asks for usage as a client that tracks cost does: every path then relays the same frames.
  const streamBody = (p, model) => JSON.stringify({ model: model ?? p.model, stream: true, stream_options: { include_usage: true }, messages: [{ role: 'user', content: 'hi' }] });
  for (const [n, rounds] of [[1, singleRounds], [concurrentStreams, 1]]) {
    for (const p of paths) {
      await runStreams(url(p), p.headers, streamBody(p), n); // warm-up: JIT, connections
      const s = await runStreams(url(p), p.headers, streamBody(p), n, rounds);
      r[p.name][`streams${n}`] = { streams: s.count, ok: s.ok, frames: s.frames, expectedFrames: s.count * 67,
        ttftP50: percentile(s.ttft, 50), ttftP99: percentile(s.ttft, 99),
        gapP50: percentile(s.gaps, 50), gapP99: percentile(s.gaps, 99) };
    }
  }
  for (const p of paths) {
    const s = await runStreams(`${p.burst}/v1/chat/completions`, p.burstHeaders ?? p.headers, streamBody(p, p.burstModel), 1);
    r[p.name].burst = { ok: s.ok, frames: s.frames, expectedFrames: 503 };
  }
  // Many concurrent streams held, with memory under load and after.
  for (const p of paths.filter((x) => x.name !== 'direct')) {
    let peak = rssOf(p);
    const poll = setInterval(() => (peak = Math.max(peak, rssOf(p))), 50);
    const s = await runStreams(url(p), p.headers, streamBody(p), manyStreams);
    clearInterval(poll);
    peak = Math.max(peak, rssOf(p));
    r[p.name].rssLoadMb = peak;
    r[p.name][`held${manyStreams}`] = { ok: s.ok };
    await sleep(1000);
    r[p.name].rssAfterMb = rssOf(p);
  }
  // The most streams at once (aim: 2,000), on every path so that it has its ratios too.
  for (const p of paths) {
    const held = await runStreams(url(p), p.headers, streamBody(p), heldStreams);
    r[p.name].heldMax = { streams: heldStreams, ok: held.ok, frames: held.frames, expectedFrames: heldStreams * 67 };
  }
  const pkLost = r.portkey && Object.values(r.portkey).some((v) => v?.expectedFrames !== undefined && v.frames !== v.expectedFrames);
  if (pkLost) console.error(`portkey lost stream frames; its stderr: ${join(tmp, 'portkey.log')}`);
  return r;
}

// Every figure of the issue, one row each, and the same rows again as ratios to direct (×d)
// and to nginx (×n) measured in the same run. An added figure (path − direct at the same
// percentile) has no ratio to direct (direct adds 0): its ×d is the path's total over
// direct's total, its ×n what the path adds over what nginx adds. Everything else is
// value / value. Direct has no process between client and provider, so no CPU or RSS.
function report(r) {
  const names = Object.keys(r);
  const d = r.direct;
  const n = r.nginx;
  const f = (v, digits = 0) => (Number.isFinite(v) ? v.toFixed(digits).replace(/^-(0\.?0*)$/, '$1') : '—');
  const rows = [];
  // get(x) gives a path's total in ms; an added row prints get(x) − get(direct) in µs.
  const added = (key, label, get) => rows.push({ key, label, added: true, get,
    cell: (x) => (x === d || !Number.isFinite(get(x) - get(d)) ? '—' : `${f((get(x) - get(d)) * 1000)} µs`) });
  // get(x) gives the number the ratios are taken of; cell(x) prints it.
  const value = (key, label, get, cell) => rows.push({ key, label, get, cell });
  const stream = (k, m) => (x) => x[k]?.[m];
  const many = `streams${concurrentStreams}`;

  added('c1.p50', 'added p50, c=1', (x) => x.c1.p50);
  added('c1.p99', 'added p99, c=1', (x) => x.c1.p99);
  added('c10.p50', 'added p50, c=10', (x) => x.c10.p50);
  added('c10.p99', 'added p99, c=10', (x) => x.c10.p99);
  value('rps', 'req/s, c=64', (x) => x.c64.rps, (x) => `${f(x.c64.rps)}${x.c64.errors ? ` (${x.c64.errors} errors)` : ''}`);
  // A figure of the path's own processes: none for direct.
  const own = (key, label, digits = 0) => {
    const get = (x) => (x === d ? NaN : x[key] ?? NaN);
    value(key, label, get, (x) => f(get(x), digits));
  };
  own('cpuMsPer1000', 'CPU ms / 1,000 req', 1);
  own('rssIdleMb', 'RSS idle, MB');
  own('rssLoadMb', `RSS at ${manyStreams} streams, MB`);
  own('rssAfterMb', 'RSS after, MB');
  for (const [k, label] of [['streams1', '1 stream'], [many, `${concurrentStreams} streams`]]) {
    added(`${k}.ttftP50`, `added TTFT p50, ${label}`, stream(k, 'ttftP50'));
    added(`${k}.ttftP99`, `added TTFT p99, ${label}`, stream(k, 'ttftP99'));
  }
  for (const [k, label] of [['streams1', '1 stream'], [many, `${concurrentStreams} streams`]]) {
    added(`${k}.gapP50`, `added gap p50, ${label}`, stream(k, 'gapP50'));
    added(`${k}.gapP99`, `added gap p99, ${label}`, stream(k, 'gapP99'));
  }
  const outIn = (k) => (x) => (x[k] ? `${x[k].frames}/${x[k].expectedFrames}` : '—');
  value(`${many}.frames`, `frames out / in, ${concurrentStreams} streams`, (x) => x[many]?.frames, outIn(many));
  value('burst.frames', 'frames out / in, 500-chunk burst', (x) => x.burst?.frames, outIn('burst'));
  value('heldMax.ok', 'concurrent streams held', (x) => x.heldMax?.ok, (x) => (x.heldMax ? `${x.heldMax.ok}/${x.heldMax.streams}` : '—'));

  // null where a ratio means nothing: no data, a zero or negative base, or an added base
  // under 1 % of direct's own figure (or 1 µs), which is noise between runs.
  const ratio = (a, b, floor = 0) => (Number.isFinite(a) && Number.isFinite(b) && b > floor ? a / b : null);
  const ratios = {};
  for (const x of names) {
    ratios[x] = {};
    for (const row of rows) {
      const v = row.get(r[x]);
      const dv = row.get(d);
      const nv = n ? row.get(n) : NaN;
      if (!row.added) ratios[x][row.key] = { toDirect: ratio(v, dv), toNginx: ratio(v, nv) };
      else if (r[x] === d) ratios[x][row.key] = { toDirect: null, toNginx: null }; // adds nothing
      else ratios[x][row.key] = { toDirect: ratio(v, dv), toNginx: ratio(v - dv, nv - dv, Math.max(0.001, 0.01 * dv)) };
    }
  }
  // Two significant digits: 0.66, 0.028, 2.9, 14, 130.
  const fr = (v) => (v === null ? '—' : v >= 10 ? v.toFixed(0) : v >= 1 ? v.toFixed(1) : v.toPrecision(2));

  const markdown = (cells) => {
    const width = names.map((_, i) => Math.max(...cells.map((rw) => String(rw[i + 1]).length), names[i].length));
    const lw = Math.max(...cells.map((rw) => rw[0].length));
    const line = (c) => `| ${c[0].padEnd(lw)} | ${c.slice(1).map((v, i) => String(v).padEnd(width[i])).join(' | ')} |`;
    return [line(['', ...names]), `|${'-'.repeat(lw + 2)}|${width.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
  };
  const table = markdown(rows.map((row) => [row.label, ...names.map((x) => row.cell(r[x]))]));
  const ratioTable = markdown(rows.map((row) => [row.label, ...names.map((x) => {
    const q = ratios[x][row.key];
    return q.toDirect === null && q.toNginx === null ? '—' : `${fr(q.toDirect)}×d · ${fr(q.toNginx)}×n`;
  })]));
  const legend = [
    '×d = to direct, ×n = to nginx, both in this run. Added rows: ×d is the path\'s total over direct\'s at that',
    'percentile, ×n what the path adds over what nginx adds (— where nginx adds under 1 % of direct\'s figure);',
    'other rows: value over value. Direct has no process of its own, so no CPU or RSS.',
  ].join('\n');
  return { table, ratioTable, legend, ratios };
}

try {
  const r = await main();
  const { table, ratioTable, legend, ratios } = report(r);
  const meta = { date: new Date().toISOString(), cpus: cpus().length, cpu: cpus()[0]?.model, memGb: Math.round(totalmem() / 2 ** 30), smoke, seconds: secs,
    portkeyHeadersShim: Boolean(r.portkey) && portkeyShim };
  console.log(`Signalbox benchmark, ${meta.date}, ${meta.cpus} × ${meta.cpu}${smoke ? ' (smoke run)' : ''}\n`);
  console.log(`${table}\n\nRatios:\n\n${ratioTable}\n\n${legend}`);
  if (meta.portkeyHeadersShim) console.log('Portkey ran with the preload that copies its streams\' headers (Portkey-AI/gateway#1389).');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ meta, results: r, ratios, table, ratioTable: `${ratioTable}\n\n${legend}` }, null, 2));
  console.log(`\nwritten: ${out}`);
  // The smoke run proves the harness and the forwarding, never a timing.
  const sb = r.signalboxd;
  const lost = Object.entries(sb).filter(([, v]) => v && v.expectedFrames !== undefined && v.frames !== v.expectedFrames);
  if (smoke && (lost.length || sb.c1.errors || sb.heldMax.ok !== sb.heldMax.streams)) {
    console.error(`signalboxd lost frames or requests: ${JSON.stringify(lost)}`);
    process.exitCode = 1;
  }
} finally {
  for (const c of children) c.kill(c.stopSignal ?? 'SIGKILL');
}
