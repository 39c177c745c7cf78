// Starts the real programs for end-to-end tests: the mock provider and
// signalboxd, each on a free loopback port, and stops them afterwards.
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

function binary(envName) {
  const path = process.env[envName];
  if (!path) throw new Error(`${envName} is not set: run these tests through ctest`);
  return path;
}

// Resolves with the first stderr/stdout line matching `pattern`.
function waitForLine(proc, pattern, what) {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start: ${seen}`)), 10000);
    const onData = (chunk) => {
      seen += chunk.toString();
      const m = seen.match(pattern);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code}: ${seen}`));
    });
  });
}

export async function startMock(args = []) {
  const proc = spawn(binary('MOCKPROVIDER'), ['--port', '0', ...args]);
  const m = await waitForLine(proc, /listening on (http:\/\/127\.0\.0\.1:(\d+))/, 'mockprovider');
  return {
    proc,
    url: m[1],
    async requests() {
      return (await fetch(`${m[1]}/mock/requests`)).json();
    },
    async fault(f) {
      await fetch(`${m[1]}/mock/faults`, { method: 'POST', body: JSON.stringify(f) });
    },
    async reset() {
      await fetch(`${m[1]}/mock/reset`, { method: 'POST' });
    },
    stop() {
      proc.kill('SIGKILL');
    },
  };
}

// `dataDir`: start on an existing data dir (a restart) instead of a fresh one.
export async function startGateway(configYaml, env = {}, { dataDir } = {}) {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'signalbox-e2e-'));
  const configPath = join(dir, 'signalbox.yaml');
  writeFileSync(configPath, configYaml);
  const proc = spawn(binary('SIGNALBOXD'), ['--config', configPath, '--data-dir', dir], {
    env: { ...process.env, ...env },
  });
  let stderr = '';
  proc.stderr.on('data', (c) => (stderr += c.toString()));
  const m = await waitForLine(proc, /listening on (http:\/\/127\.0\.0\.1:(\d+))/, 'signalboxd');
  const exited = new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
  return {
    proc,
    url: m[1],
    dir,
    exited,
    stderr: () => stderr,
    stop() {
      proc.kill('SIGKILL');
    },
  };
}

// Rows of a query on the gateway's SQLite file, through the sqlite3 command line.
export async function rowsOf(db, query) {
  const { stdout } = await promisify(execFile)('sqlite3', ['-json', db, query]);
  return stdout.trim() === '' ? [] : JSON.parse(stdout);
}

// Polls `check` until it returns something truthy.
export async function until(what, check, timeoutMs = 15000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
