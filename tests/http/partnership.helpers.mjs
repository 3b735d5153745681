// Helpers for the partnership and core HTTP tests: a throwaway demo server on
// SQLite or PostgreSQL, and a small client with a cookie jar that reads CSRF
// tokens from pages. (Not a test file: run-tests.sh runs *.test.mjs only.)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { startServer, backends } from './lib/server.mjs';

export const BIN = resolve(process.env.SENDHUB_BIN || 'build/sendhub-asan');
export const PG_ADMIN = process.env.SENDHUB_TEST_PG_ADMIN || '';
export const PASSWORD = 'demo-password-1';
// Both backends when a PostgreSQL cluster is available.
export const BACKENDS = backends().map((b) => (b === 'pg' ? 'postgresql' : b))
  .filter((b) => b === 'sqlite' || PG_ADMIN);

async function freePort() {
  return new Promise((res, rej) => {
    const s = net.createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => res(p));
    });
  });
}

function run(args) {
  const r = spawnSync(BIN, args, { encoding: 'utf8', timeout: 120000 });
  if (r.status !== 0) throw new Error(`sendhub ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

// A fresh database with the demo loaded: { url, path (SQLite), drop() }.
export function demoDatabase(backend) {
  if (backend === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'sendhub-http-'));
    const path = join(dir, 'sendhub.db');
    const url = `sqlite:${path}`;
    run(['demo', '--db', url]);
    return { url, path, drop: () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `sh_p_${randomBytes(6).toString('hex')}`;
  const r = spawnSync('psql', [PG_ADMIN, '-q', '-v', 'ON_ERROR_STOP=1', '-c', `CREATE DATABASE ${name}`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`createdb: ${r.stderr}`);
  const url = PG_ADMIN.replace(/\/[^/?]*(\?|$)/, `/${name}$1`);
  run(['demo', '--db', url]);
  return {
    url,
    path: null,
    drop: () => spawnSync('psql', [PG_ADMIN, '-q', '-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]),
  };
}

// Starts `sendhub serve` on db; resolves to { base, proc, stop() }.
export async function serve(db, extra = []) {
  const port = await freePort();
  const proc = spawn(BIN, ['serve', '--db', db.url, '--listen', `127.0.0.1:${port}`, '--quiet', '--threads', '2', ...extra], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const base = `http://127.0.0.1:${port}`;
  const until = Date.now() + 30000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`server exited: ${stderr}`);
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.status === 200) break;
    } catch { /* not yet */ }
    if (Date.now() > until) throw new Error(`server did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    proc,
    stderr: () => stderr,
    stop: () => new Promise((res) => {
      if (proc.exitCode !== null) return res(proc.exitCode);
      proc.once('exit', (code) => res(code));
      proc.kill('SIGTERM');
    }),
  };
}

// A demo database and a server on it (tests/http/lib/server.mjs, which also
// fails the run on a crash or a sanitizer report): { base, db, stop() }.
export async function startDemo(backend) {
  const s = await startServer({ backend: backend === 'postgresql' ? 'pg' : 'sqlite' });
  const db = { url: s.dbUrl, path: s.dbUrl.startsWith('sqlite:') ? s.dbUrl.slice(7) : null };
  return { base: s.url, db, backend, server: s, stop: () => s.stop() };
}

export function csrfFrom(html) {
  const m = /name="csrf_token" value="([0-9a-f]+)"/.exec(html);
  return m ? m[1] : null;
}

export class Client {
  constructor(base) {
    this.base = base;
    this.jar = new Map();
    this.bearer = null;
    this.csrf = null;
  }

  cookieHeader() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async req(method, path, { form, json, body, headers = {}, csrf } = {}) {
    const h = { ...headers };
    if (this.jar.size) h.cookie = this.cookieHeader();
    if (this.bearer) h.authorization = `Bearer ${this.bearer}`;
    let b = body;
    if (form) {
      const p = new URLSearchParams();
      if (csrf !== false && (csrf || this.csrf)) p.append('csrf_token', csrf || this.csrf);
      for (const [k, v] of Object.entries(form)) {
        if (Array.isArray(v)) v.forEach((x) => p.append(k, x));
        else p.append(k, v);
      }
      b = p.toString();
      h['content-type'] = 'application/x-www-form-urlencoded';
    } else if (json !== undefined) {
      b = JSON.stringify(json);
      h['content-type'] = 'application/json';
    }
    const r = await fetch(this.base + path, { method, headers: h, body: b, redirect: 'manual' });
    const setCookies = r.headers.getSetCookie();
    for (const c of setCookies) {
      const [kv, ...attrs] = c.split(';');
      const i = kv.indexOf('=');
      const k = kv.slice(0, i).trim();
      const v = kv.slice(i + 1).trim();
      if (attrs.some((a) => /max-age=0/i.test(a)) || v === '') this.jar.delete(k);
      else this.jar.set(k, v);
    }
    const text = await r.text();
    if (r.headers.get('content-type')?.startsWith('text/html')) {
      const t = csrfFrom(text);
      if (t) this.csrf = t;
    }
    let data = null;
    try { data = JSON.parse(text); } catch { /* not JSON */ }
    return { status: r.status, headers: r.headers, text, json: data, setCookies, location: r.headers.get('location') };
  }

  get(path, o) { return this.req('GET', path, o); }
  post(path, form, o = {}) { return this.req('POST', path, { ...o, form }); }
  api(method, path, json, o = {}) { return this.req(method, path, { ...o, json }); }

  // Signs in through the form; returns the POST's response.
  async signIn(email, password = PASSWORD) {
    await this.get('/sign-in');
    return this.post('/sign-in', { email, password });
  }
}

// A signed-in client (throws when sign-in fails).
export async function signedIn(base, email) {
  const c = new Client(base);
  const r = await c.signIn(email);
  if (r.status !== 303) throw new Error(`sign-in as ${email}: ${r.status}`);
  await c.get('/');
  return c;
}

export const ADMIN = 'admin@northbridge.example';
export const OFFICER = 'officer@northbridge.example';
export const FORUM = 'forum@northbridge-pcf.example';
export const MONITOR = 'adviser@dfe.example';
