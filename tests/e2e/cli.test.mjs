// signalboxd's command line: help, version, and refusals that say where and why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = process.env.SIGNALBOXD;

function run(args) {
  return spawnSync(bin, args, { encoding: 'utf8', timeout: 10000 });
}

test('--help names every option', () => {
  const r = run(['--help']);
  assert.equal(r.status, 0);
  for (const opt of ['--config', '--listen', '--data-dir', '--version']) assert.ok(r.stdout.includes(opt), opt);
});

test('--version prints the version', () => {
  const r = run(['--version']);
  assert.equal(r.status, 0);
  assert.match(r.stdout, /signalboxd \d+\.\d+\.\d+/);
});

test('a broken config line is refused with file, line and what was expected', () => {
  const dir = mkdtempSync(join(tmpdir(), 'signalbox-cli-'));
  const file = join(dir, 'bad.yaml');
  writeFileSync(file, 'listen: 127.0.0.1:0\nroutes:\n  smart:\n    retires: 2\n    targets: [x/y]\n');
  const r = run(['--config', file]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4: .*retires`));
});

test('a missing config file is refused with the reason', () => {
  const r = run(['--config', '/nonexistent/signalbox.yaml']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /\/nonexistent\/signalbox\.yaml/);
});

test('--listen beyond loopback is refused at start', () => {
  const r = run(['--listen', '0.0.0.0:0']);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /virtual key/);
});

test('--listen with a bad address says what it expects', () => {
  const r = run(['--listen', 'nonsense']);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /HOST:PORT/);
});
