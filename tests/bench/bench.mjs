// Signalbox benchmark: direct to a fake provider, through nginx proxy_pass,
// through signalboxd and through Portkey's gateway, interleaved in one run, so
// every figure is a ratio against baselines measured on the same machine now.
//   node tests/bench/bench.mjs [--smoke] [--build DIR] [--out FILE]
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, mkdirSync } from 'node:fs';
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
function cpuOf(path) {
  return pidsOf(path).reduce((a, p) => a + procStat(p).cpuMs, 0);
}
function rssOf(path) {
  return pidsOf(path).reduce((a, p) => a + procStat(p).rssMb, 0);
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
      pids: () => [nginx.pid, ...execFileSync('pgrep', ['-P', String(nginx.pid)], { encoding: 'utf8' }).trim().split('\n').map(Number)] },
    { name: 'signalboxd', base: `http://127.0.0.1:${S}`, burst: `http://127.0.0.1:${S}`, model: 'bench/gpt-bench',
      burstModel: 'burst/gpt-bench', headers: {}, pids: () => [sbd.proc.pid] },
  ];
  const portkeyMain = join(here, 'node_modules/@portkey-ai/gateway/build/start-server.js');
  if (existsSync(portkeyMain)) {
    const P = await freePort();
    const pk = spawn(process.execPath, [portkeyMain, `--port=${P}`], { stdio: 'ignore' });
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
  for (const n of [1, smoke ? 20 : 100]) {
    for (const p of paths) {
      await runStreams(url(p), p.headers, streamBody(p), n); // warm-up: JIT, connections
      const s = await runStreams(url(p), p.headers, streamBody(p), n);
      r[p.name][`streams${n}`] = { ok: s.ok, frames: s.frames, expectedFrames: n * 67,
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
    let peak = 0;
    const poll = setInterval(() => (peak = Math.max(peak, rssOf(p))), 50);
    const s = await runStreams(url(p), p.headers, streamBody(p), manyStreams);
    clearInterval(poll);
    r[p.name].rssLoadMb = peak;
    r[p.name][`held${manyStreams}`] = { ok: s.ok };
    await sleep(1000);
    r[p.name].rssAfterMb = rssOf(p);
  }
  const sb = paths.find((p) => p.name === 'signalboxd');
  const held = await runStreams(url(sb), {}, streamBody(sb), heldStreams);
  r.signalboxd.heldMax = { streams: heldStreams, ok: held.ok, frames: held.frames, expectedFrames: heldStreams * 67 };
  return r;
}

function report(r) {
  const d = r.direct;
  const f = (v, digits = 2) => (Number.isFinite(v) ? v.toFixed(digits) : '—');
  const names = Object.keys(r);
  const rows = [];
  const row = (label, fn) => rows.push([label, ...names.map((n) => fn(r[n], n))]);
  const added = (x, k, p) => (x === d ? '—' : `${f((x[k][p] - d[k][p]) * 1000, 0)} µs`);
  row('added p50, c=1', (x) => added(x, 'c1', 'p50'));
  row('added p99, c=1', (x) => added(x, 'c1', 'p99'));
  row('added p50, c=10', (x) => added(x, 'c10', 'p50'));
  row('added p99, c=10', (x) => added(x, 'c10', 'p99'));
  row('req/s, c=64', (x) => `${f(x.c64.rps, 0)}${x.c64.errors ? ` (${x.c64.errors} errors)` : ''}`);
  row('req/s vs nginx', (x) => (r.nginx ? f(x.c64.rps / r.nginx.c64.rps) : '—'));
  row('CPU ms / 1,000 req', (x) => (x === d ? '—' : f(x.cpuMsPer1000, 1)));
  const s100 = Object.keys(d).find((k) => k.startsWith('streams') && k !== 'streams1');
  row('added TTFT p50, 1 stream', (x) => (x === d ? '—' : `${f((x.streams1.ttftP50 - d.streams1.ttftP50) * 1000, 0)} µs`));
  row(`added TTFT p50, ${s100.slice(7)} streams`, (x) => (x === d ? '—' : `${f((x[s100].ttftP50 - d[s100].ttftP50) * 1000, 0)} µs`));
  row(`gap p99, ${s100.slice(7)} streams`, (x) => `${f(x[s100].gapP99, 2)} ms`);
  row('frames out / in', (x) => `${x[s100].frames}/${x[s100].expectedFrames}, burst ${x.burst.frames}/${x.burst.expectedFrames}`);
  row('RSS idle / load / after MB', (x) => (x === d ? '—' : `${f(x.rssIdleMb, 0)} / ${f(x.rssLoadMb, 0)} / ${f(x.rssAfterMb, 0)}`));
  if (r.signalboxd.heldMax) {
    const h = r.signalboxd.heldMax;
    row('concurrent streams held', (x, n) => (n === 'signalboxd' ? `${h.ok}/${h.streams}` : '—'));
  }
  const width = names.map((_, i) => Math.max(...rows.map((rw) => String(rw[i + 1]).length), names[i].length));
  const lw = Math.max(...rows.map((rw) => rw[0].length));
  const line = (cells) => `| ${cells[0].padEnd(lw)} | ${cells.slice(1).map((c, i) => String(c).padEnd(width[i])).join(' | ')} |`;
  return [line(['', ...names]), `|${'-'.repeat(lw + 2)}|${width.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

try {
  const r = await main();
  const table = report(r);
  const meta = { date: new Date().toISOString(), cpus: cpus().length, cpu: cpus()[0]?.model, memGb: Math.round(totalmem() / 2 ** 30), smoke, seconds: secs };
  console.log(`Signalbox benchmark, ${meta.date}, ${meta.cpus} × ${meta.cpu}${smoke ? ' (smoke run)' : ''}\n`);
  console.log(table);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ meta, results: r, table }, null, 2));
  console.log(`\nwritten: ${out}`);
  // The smoke run proves the harness and the forwarding, never a timing.
  const sb = r.signalboxd;
  const lost = Object.entries(sb).filter(([, v]) => v && v.expectedFrames !== undefined && v.frames !== v.expectedFrames);
  if (smoke && (lost.length || sb.c1.errors || sb.heldMax.ok !== sb.heldMax.streams)) {
    console.error(`signalboxd lost frames or requests: ${JSON.stringify(lost)}`);
    process.exitCode = 1;
  }
} finally {
  for (const c of children) c.kill('SIGKILL');
}
