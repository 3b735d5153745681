// The server under stress of its surroundings: the database going away and
// coming back (PostgreSQL), and a graceful stop on SIGTERM.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEMO_PASSWORD, REPO_ROOT, createClient, startServer } from './lib/server.mjs';

const BIN = process.env.SENDHUB_BIN || path.join(REPO_ROOT, 'build/sendhub-asan');
const ADMIN = process.env.SENDHUB_TEST_PG_ADMIN;

function psql(url, sql) {
  return new Promise((resolve, reject) => {
    execFile('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', sql], (err, stdout, stderr) =>
      err ? reject(new Error(stderr || err.message)) : resolve(stdout));
  });
}

async function until(fn, ms = 15000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('database goes away and comes back (postgresql)', { skip: ADMIN ? false : 'SENDHUB_TEST_PG_ADMIN not set' }, () => {
  let server;
  let dbName;
  before(async () => {
    server = await startServer({ backend: 'pg' });
    dbName = new URL(server.dbUrl).pathname.slice(1);
  });
  after(async () => {
    await psql(ADMIN, `ALTER DATABASE "${dbName}" WITH ALLOW_CONNECTIONS true`).catch(() => {});
    await server?.stop();
  });

  it('answers 503 while the database is unreachable, and recovers without a restart', async () => {
    const c = createClient(server.url);
    assert.equal((await c.get('/healthz')).status, 200);
    // Signed in, every request needs the database (the session lives there).
    assert.equal((await c.signIn('admin@northbridge.example', DEMO_PASSWORD)).status, 303);
    await psql(ADMIN, `ALTER DATABASE "${dbName}" WITH ALLOW_CONNECTIONS false`);
    await psql(ADMIN, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${dbName}'`);

    const health = await c.get('/healthz');
    assert.equal(health.status, 503);
    assert.equal(health.json().status, 'unavailable');
    // A signed-in page cannot be served; a public one still can, as the public.
    const page = await c.get('/admin');
    assert.equal(page.status, 503);
    assert.match(page.text, /the service is unavailable/i);
    const api = await c.get('/api/v1/me');
    assert.equal(api.status, 503);
    assert.equal(api.json().error.code, 'unavailable');
    assert.equal((await c.get('/')).status, 200);

    await psql(ADMIN, `ALTER DATABASE "${dbName}" WITH ALLOW_CONNECTIONS true`);
    const back = await until(async () => (await c.get('/healthz')).status === 200);
    assert.ok(back, 'healthz is 200 again once the database is back');
    assert.equal((await c.get('/admin')).status, 200);
  });
});

function freePort() {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

describe('graceful stop', () => {
  it('SIGTERM: stops accepting, exits 0', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sendhub-stop-'));
    try {
      const db = `sqlite:${dir}/s.db`;
      const port = await freePort();
      const child = spawn(BIN, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
      let log = '';
      child.stderr.on('data', (d) => { log += d; });
      const exited = new Promise((r) => child.on('exit', (code, signal) => r({ code, signal })));
      const c = createClient(`http://127.0.0.1:${port}`);
      const up = await until(async () => { try { return (await c.get('/healthz')).status === 200; } catch { return false; } });
      assert.ok(up, `server started:\n${log}`);
      child.kill('SIGTERM');
      const { code, signal } = await exited;
      assert.equal(signal, null, log);
      assert.equal(code, 0, log);
      assert.match(log, /"event":"stop"/);
      assert.doesNotMatch(log, /AddressSanitizer|LeakSanitizer|runtime error/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
