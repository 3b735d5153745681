// Helpers for the HTTP route tests: a fresh sendhub server per test file and
// backend, and a small cookie-keeping client.
//
//   forEachBackend('sign-in', (ctx) => {
//     it('signs in', async () => {
//       const c = ctx.client();
//       const res = await c.signIn('lead@example.org', DEMO_PASSWORD);
//       assert.equal(res.status, 303);
//     });
//   });
//
// Environment: SENDHUB_BIN (default build/sendhub-asan), SENDHUB_TEST_PG_ADMIN
// (a URL on the test cluster; without it the PostgreSQL runs are skipped),
// SENDHUB_TEST_BACKENDS=sqlite,pg to run fewer, SENDHUB_TEST_VERBOSE=1 to
// copy server output to stderr.
import { execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe } from 'node:test';

/** Password of every demo account. */
export const DEMO_PASSWORD = 'demo-password-1';
export const REPO_ROOT = path.resolve(fileURLToPath(new URL('../../..', import.meta.url)));

const SANITIZER_REPORT = /ERROR: (AddressSanitizer|LeakSanitizer)|runtime error:/;
const START_TIMEOUT_MS = 30000;
let dbCounter = 0;

// Temporary folders still to remove; a safety net for a test process that
// ends without running its after() hooks.
const liveTmpdirs = new Set();
process.on('exit', () => {
  for (const d of liveTmpdirs) rmSync(d, { recursive: true, force: true });
});

function sendhubBin() {
  return process.env.SENDHUB_BIN || path.join(REPO_ROOT, 'build/sendhub-asan');
}

function run(cmd, args, options = {}) {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd: REPO_ROOT, maxBuffer: 64 << 20, timeout: 120000, ...options },
      (err, stdout, stderr) => {
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0,
          signal: err?.signal ?? null, stdout, stderr, error: err });
      });
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A new, empty database for `backend`; returns its --db URL. */
async function createDatabase(backend, tmpdir) {
  if (backend === 'sqlite') return `sqlite:${path.join(tmpdir, 'test.db')}`;
  if (backend !== 'pg') throw new Error(`unknown backend ${backend}`);
  const admin = process.env.SENDHUB_TEST_PG_ADMIN;
  if (!admin) throw new Error('backend pg needs SENDHUB_TEST_PG_ADMIN');
  dbCounter += 1;
  const name = `sh_${process.pid}_${dbCounter}_${randomBytes(3).toString('hex')}`;
  const r = await run('sh', [path.join(REPO_ROOT, 'scripts/pg-cluster.sh'), 'createdb', admin, name]);
  if (r.code !== 0) throw new Error(`createdb ${name} failed:\n${r.stderr}`);
  return r.stdout.trim().split('\n').pop();
}

async function waitHealthy(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) return false;
    try {
      const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) return true;
    } catch { /* not listening yet */ }
    await sleep(50);
  }
  throw new Error(`server at ${url} did not answer /healthz within ${timeoutMs} ms`);
}

/**
 * Starts a server on a fresh database: `sendhub demo` (or `init` with
 * demo:false) and then `sendhub serve` on a free port of 127.0.0.1.
 * Returns { url, dbUrl, backend, demoOutput, log(), stop() }; stop() ends the
 * server, removes its temporary files and throws when the server crashed or
 * printed a sanitizer report.
 */
export async function startServer({ backend = 'sqlite', demo = true, env = {} } = {}) {
  const bin = sendhubBin();
  const tmpdir = await mkdtemp(path.join(os.tmpdir(), 'sendhub-http-'));
  liveTmpdirs.add(tmpdir);
  const childEnv = { ...process.env, ...env };
  const verbose = !!process.env.SENDHUB_TEST_VERBOSE;
  try {
    const dbUrl = await createDatabase(backend, tmpdir);
    const setupCmd = demo ? 'demo' : 'init';
    const setup = await run(bin, [setupCmd, '--db', dbUrl], { env: childEnv });
    if (setup.code !== 0 || setup.signal || SANITIZER_REPORT.test(setup.stderr)) {
      throw new Error(`${bin} ${setupCmd} --db ${dbUrl} failed (status ${setup.code}` +
        `${setup.signal ? `, ${setup.signal}` : ''}):\n${setup.stdout}\n${setup.stderr}`);
    }

    // The port may be taken between freePort() and the server's bind; retry.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const child = spawn(bin, ['serve', '--db', dbUrl, '--listen', `127.0.0.1:${port}`],
        { cwd: REPO_ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
      let log = '';
      const collect = (chunk) => {
        log += chunk;
        if (verbose) process.stderr.write(chunk);
      };
      child.stdout.setEncoding('utf8').on('data', collect);
      child.stderr.setEncoding('utf8').on('data', collect);
      const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
      let spawnError = null;
      child.on('error', (err) => { spawnError = err; });

      let healthy;
      try {
        healthy = await waitHealthy(url, child, START_TIMEOUT_MS);
      } catch (err) {
        child.kill('SIGKILL');
        throw new Error(`${err.message}\n${log}`);
      }
      if (!healthy) {
        const { code, signal } = await exited;
        if (attempt < 3 && /address already in use|bind/i.test(log)) continue;
        throw new Error(`${bin} serve exited (status ${code}, signal ${signal})` +
          `${spawnError ? `: ${spawnError.message}` : ''}\n${log}`);
      }

      let stopped = false;
      const stop = async () => {
        if (stopped) return;
        stopped = true;
        const wasRunning = child.exitCode === null && child.signalCode === null;
        if (wasRunning) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
          await exited;
          clearTimeout(timer);
        }
        const { code, signal } = await exited;
        await rm(tmpdir, { recursive: true, force: true });
        liveTmpdirs.delete(tmpdir);
        // SIGTERM without a handler is a clean stop; anything else is not.
        const clean = wasRunning && (code === 0 || signal === 'SIGTERM');
        if (!clean || SANITIZER_REPORT.test(log)) {
          throw new Error(`server ${url} (${backend}) ${wasRunning ? 'stopped' : 'had died'} ` +
            `with status ${code}, signal ${signal}:\n${log}`);
        }
      };
      return { url, dbUrl, backend, demoOutput: setup.stdout, log: () => log, stop };
    }
  } catch (err) {
    await rm(tmpdir, { recursive: true, force: true });
    liveTmpdirs.delete(tmpdir);
    throw err;
  }
}

/** Backends to test: sqlite always, pg when SENDHUB_TEST_PG_ADMIN is set. */
export function backends() {
  const only = process.env.SENDHUB_TEST_BACKENDS?.split(',').map((s) => s.trim()).filter(Boolean);
  const list = ['sqlite', 'pg'];
  return only ? list.filter((b) => only.includes(b)) : list;
}

/**
 * Registers describe(`${name} [backend]`) for each backend, with a server
 * started before its tests and stopped after them (call it once per file to
 * keep to one server per backend). fn(ctx) registers the tests; ctx has
 * backend, server, url and client() (a new, signed-out client).
 */
export function forEachBackend(name, fn, options = {}) {
  for (const backend of backends()) {
    if (backend === 'pg' && !process.env.SENDHUB_TEST_PG_ADMIN) {
      console.log('skipped: pg');
      describe(`${name} [pg]`, { skip: 'SENDHUB_TEST_PG_ADMIN is not set' }, () => {});
      continue;
    }
    describe(`${name} [${backend}]`, () => {
      const ctx = {
        backend,
        server: null,
        get url() { return ctx.server.url; },
        client() { return createClient(ctx.server.url); },
      };
      before(async () => { ctx.server = await startServer({ backend, ...options }); });
      after(async () => { if (ctx.server) await ctx.server.stop(); });
      fn(ctx);
    });
  }
}

// ---- client ---------------------------------------------------------------------

function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, (m, e) => {
    const named = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[e.toLowerCase()];
    if (named) return named;
    return String.fromCodePoint(e[1].toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
  });
}

function attr(tag, name) {
  const m = tag.match(new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i'));
  return m ? decodeEntities(m[1] ?? m[2] ?? m[3]) : null;
}

/** The value of the first <input name="csrf_token"> in html, or null. */
export function scrapeCsrf(html) {
  for (const tag of html.match(/<input\b[^>]*>/gi) || []) {
    if (attr(tag, 'name') === 'csrf_token') return attr(tag, 'value');
  }
  return null;
}

function setCookieLines(headers) {
  if (typeof headers.getSetCookie === 'function') return headers.getSetCookie();
  const raw = headers.get('set-cookie');
  return raw ? raw.split(/,(?=\s*[^;,=\s]+=)/) : [];
}

/**
 * A cookie-keeping client. Redirects are never followed: a response's status
 * and `location` are what the tests assert. Responses are plain objects:
 * { status, headers, location, text, json(), csrfToken }.
 */
export class Client {
  constructor(baseUrl) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
    this.cookies = new Map();
    this.csrfToken = null; // from the last HTML page that carried one
  }

  cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  storeCookies(headers) {
    for (const line of setCookieLines(headers)) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq < 1) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const gone = attrs.some((a) => {
        const [k, v = ''] = a.split('=').map((s) => s.trim());
        if (/^max-age$/i.test(k)) return Number(v) <= 0;
        if (/^expires$/i.test(k)) return Date.parse(v) <= Date.now();
        return false;
      });
      if (gone) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** Any request; options: method, headers, body. */
  async request(pathname, { method = 'GET', headers = {}, body } = {}) {
    const h = { ...headers };
    if (this.cookies.size && !('cookie' in h) && !('Cookie' in h)) h.Cookie = this.cookieHeader();
    const res = await fetch(this.baseUrl + pathname, { method, headers: h, body, redirect: 'manual' });
    this.storeCookies(res.headers);
    const text = await res.text();
    const out = {
      status: res.status,
      headers: res.headers,
      location: res.headers.get('location'),
      text,
      json() { return JSON.parse(text); },
      csrfToken: null,
    };
    if (/text\/html/i.test(res.headers.get('content-type') || '')) {
      out.csrfToken = scrapeCsrf(text);
      if (out.csrfToken) this.csrfToken = out.csrfToken;
    }
    return out;
  }

  get(pathname, options = {}) {
    return this.request(pathname, { ...options, method: 'GET' });
  }

  /**
   * POSTs form (an object; array values repeat the field) urlencoded, adding
   * csrf_token unless the form has one. options.from: GET this page first for
   * its token; options.csrf: a token to use, or false to send none;
   * options.origin: false to send no Origin header (browsers send one).
   */
  async post(pathname, form = {}, options = {}) {
    const { from, csrf, origin = true, headers = {} } = options;
    if (from) await this.get(from);
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) {
      for (const item of Array.isArray(v) ? v : [v]) params.append(k, String(item ?? ''));
    }
    if (!params.has('csrf_token') && csrf !== false) {
      const token = csrf ?? this.csrfToken;
      if (token) params.append('csrf_token', token);
    }
    const h = { 'Content-Type': 'application/x-www-form-urlencoded', ...headers };
    if (origin) h.Origin = this.baseUrl;
    return this.request(pathname, { method: 'POST', headers: h, body: params.toString() });
  }

  /** GET /sign-in for a token, then POST the credentials; returns the POST response. */
  async signIn(email, password = DEMO_PASSWORD) {
    return this.post('/sign-in', { email, password }, { from: '/sign-in' });
  }
}

export function createClient(baseUrl) {
  return new Client(baseUrl);
}
