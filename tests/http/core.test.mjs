// The foundation, over HTTP, on SQLite and on PostgreSQL: health, errors,
// limits, CSRF, sign-in and throttling, sign-out, cookies, security headers,
// access rules, API tokens, the audit log (append-only in the database
// itself), metrics, the OpenAPI document, and two server processes sharing
// one PostgreSQL database.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import {
  BACKENDS, PG_ADMIN, Client, startDemo, serve, signedIn, ADMIN, OFFICER, FORUM, MONITOR,
} from './partnership.helpers.mjs';

function sql(db, statement) {
  const r = db.path
    ? spawnSync('sqlite3', [db.path, statement], { encoding: 'utf8' })
    : spawnSync('psql', [db.url, '-q', '-At', '-v', 'ON_ERROR_STOP=1', '-c', statement], { encoding: 'utf8' });
  return { code: r.status, out: (r.stdout || '').trim(), err: (r.stderr || '').trim() };
}

// Raw request (for bodies fetch will not send, and for huge bodies).
function raw(base, method, path, headers, body) {
  const u = new URL(base);
  return new Promise((res) => {
    let got = null;
    const rq = http.request({ host: u.hostname, port: u.port, method, path, headers }, (r) => {
      let t = '';
      got = { status: r.statusCode, text: '' };
      r.on('data', (d) => { t += d; });
      r.on('end', () => res({ status: r.statusCode, text: t }));
      r.on('error', () => res({ status: r.statusCode, text: t }));
    });
    // The server may answer (413) and close before the whole body is sent.
    rq.on('error', (e) => setTimeout(() => res(got || { status: 0, error: e }), 200));
    rq.end(body);
  });
}

// A request over a bare socket: reads whatever the server answers even when
// it closes the connection before the whole body has been sent (413).
function rawSocket(base, head, body) {
  const u = new URL(base);
  return new Promise((res) => {
    let data = '';
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const codes = [...data.matchAll(/HTTP\/1\.[01] (\d{3})/g)].map((m) => Number(m[1])).filter((c) => c !== 100);
      res({ status: codes[0] || 0, text: data });
      sock.destroy();
    };
    const sock = net.connect(Number(u.port), u.hostname, () => {
      sock.write(head);
      if (body) sock.write(body, () => {});
    });
    sock.on('data', (d) => {
      data += d.toString('latin1');
      if (/\r\n\r\n/.test(data) && /HTTP\/1\.[01] (?!100)\d{3}/.test(data)) setTimeout(finish, 50);
    });
    sock.on('error', () => setTimeout(finish, 100));
    sock.on('close', finish);
    setTimeout(finish, 20000);
  });
}

const KNOWN_API = [
  ['GET', '/api/v1/openapi.json'], ['GET', '/api/v1/me'],
  ['GET', '/api/v1/areas'], ['POST', '/api/v1/areas'], ['GET', '/api/v1/areas/{id}'], ['PUT', '/api/v1/areas/{id}'],
  ['GET', '/api/v1/organisations'], ['POST', '/api/v1/organisations'], ['GET', '/api/v1/organisations/{id}'],
  ['PUT', '/api/v1/organisations/{id}'], ['GET', '/api/v1/people'], ['POST', '/api/v1/people'],
  ['GET', '/api/v1/people/{id}'], ['PUT', '/api/v1/people/{id}'], ['GET', '/api/v1/people/{id}/tokens'],
  ['POST', '/api/v1/people/{id}/tokens'], ['DELETE', '/api/v1/tokens/{id}'], ['GET', '/api/v1/audit'],
];

for (const backend of BACKENDS) {
  describe(`core on ${backend}`, () => {
    let srv;
    before(async () => { srv = await startDemo(backend); });
    after(async () => { await srv.stop(); });

    test('healthz answers 200', async () => {
      const r = await new Client(srv.base).get('/healthz');
      assert.equal(r.status, 200);
      assert.equal(r.json.status, 'ok');
    });

    test('unknown page: 404 GOV.UK page; unknown API route: JSON 404', async () => {
      const c = new Client(srv.base);
      let r = await c.get('/no/such/page');
      assert.equal(r.status, 404);
      assert.match(r.headers.get('content-type'), /text\/html/);
      assert.match(r.text, /Page not found/);
      r = await c.get('/api/v1/x');
      assert.equal(r.status, 404);
      assert.equal(r.json.error.code, 'not_found');
      assert.ok('message' in r.json.error && 'field' in r.json.error);
    });

    test('a path that exists for another method: 405', async () => {
      const c = new Client(srv.base);
      assert.equal((await c.get('/sign-out')).status, 405);
      const r = await c.req('PATCH', '/api/v1/areas');
      assert.equal(r.status, 405);
      assert.equal(r.json.error.code, 'method_not_allowed');
    });

    test('malformed form body (bad % escape): 400', async () => {
      const r = await raw(srv.base, 'POST', '/sign-in', { 'content-type': 'application/x-www-form-urlencoded' }, 'email=a%zz&password=%');
      assert.equal(r.status, 400);
    });

    test('body over 10 MiB: 413', async () => {
      const big = Buffer.alloc(10 * 1024 * 1024 + 1024, 'a');
      // Declared length over the limit: answered before the body is sent.
      let r = await rawSocket(srv.base, `POST /sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${big.length}\r\n\r\n`, null);
      assert.equal(r.status, 413);
      // Chunked (no declared length): refused once it passes the limit.
      const chunk = Buffer.concat([Buffer.from(`${big.length.toString(16)}\r\n`), big, Buffer.from('\r\n0\r\n\r\n')]);
      r = await rawSocket(srv.base, 'POST /sign-in HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n', chunk);
      assert.equal(r.status, 413);
      assert.equal((await new Client(srv.base).get('/healthz')).status, 200, 'still serving');
    });

    test('sign-in: good password, bad password, then throttled after 5 failures', async () => {
      const c = new Client(srv.base);
      let r = await c.signIn(OFFICER, 'wrong-password-1');
      assert.equal(r.status, 400);
      assert.match(r.text, /govuk-error-summary/);
      assert.match(r.text, /<title>Error: /);
      r = await c.signIn(OFFICER);
      assert.equal(r.status, 303);
      assert.equal(r.location, '/');
      const set = r.setCookies.find((s) => s.startsWith('sh_session='));
      assert.ok(set, 'session cookie set');
      assert.match(set, /HttpOnly/);
      assert.match(set, /SameSite=Lax/);
      r = await c.get('/api/v1/me');
      assert.equal(r.json.email, OFFICER);

      const d = new Client(srv.base);
      const victim = 'officer@woldsvale.example';
      for (let i = 0; i < 5; i++) assert.equal((await d.signIn(victim, `bad-password-${i}`)).status, 400);
      r = await d.signIn(victim);
      assert.equal(r.status, 429, 'the right password is refused while throttled');
      assert.ok(!r.setCookies.some((s) => s.startsWith('sh_session=') && !/Max-Age=0/.test(s)));
      // Per account: another account still signs in from the same address.
      assert.equal((await new Client(srv.base).signIn(MONITOR)).status, 303);
    });

    test('anonymous CSRF cookie is HttpOnly and SameSite=Lax', async () => {
      const r = await new Client(srv.base).get('/sign-in');
      const set = r.setCookies.find((s) => s.startsWith('sh_csrf='));
      assert.ok(set);
      assert.match(set, /HttpOnly/);
      assert.match(set, /SameSite=Lax/);
    });

    test('sign-out ends the session: the old cookie no longer works', async () => {
      const c = await signedIn(srv.base, ADMIN);
      const cookie = c.cookieHeader();
      assert.equal((await c.get('/admin')).status, 200);
      const r = await c.post('/sign-out', {});
      assert.equal(r.status, 303);
      const old = new Client(srv.base);
      const r2 = await fetch(`${srv.base}/admin`, { headers: { cookie }, redirect: 'manual' });
      assert.equal(r2.status, 303);
      assert.match(r2.headers.get('location'), /^\/sign-in/);
      assert.equal((await old.req('GET', '/api/v1/me', { headers: { cookie } })).status, 401);
    });

    test('CSRF: missing or wrong token is refused with 403 and nothing changes', async () => {
      const c = await signedIn(srv.base, ADMIN);
      let r = await c.post('/admin/areas', { name: 'Csrfshire', ons_code: 'E06000401' }, { csrf: false });
      assert.equal(r.status, 403);
      r = await c.post('/admin/areas', { name: 'Csrfshire', ons_code: 'E06000401' }, { csrf: 'f'.repeat(64) });
      assert.equal(r.status, 403);
      r = await c.req('DELETE', '/api/v1/tokens/00000000-0000-4000-8000-000000000000');
      assert.equal(r.status, 403);
      r = await c.get('/api/v1/areas?per_page=100');
      assert.ok(!r.json.items.some((a) => a.name === 'Csrfshire'));
      // The public sign-in form needs it too.
      const p = new Client(srv.base);
      r = await p.post('/sign-in', { email: ADMIN, password: 'demo-password-1' });
      assert.equal(r.status, 403);
    });

    test('security headers: CSP nonce matches the scripts, nosniff, frame-ancestors, Referrer-Policy', async () => {
      for (const path of ['/', '/sign-in', '/no-such-page', '/healthz']) {
        const r = await new Client(srv.base).get(path);
        const csp = r.headers.get('content-security-policy');
        assert.ok(csp, `${path} has a CSP`);
        assert.match(csp, /frame-ancestors 'none'/);
        assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
        assert.ok(r.headers.get('referrer-policy'));
        if (r.headers.get('content-type').startsWith('text/html')) {
          const nonce = /'nonce-([^']+)'/.exec(csp)[1];
          const scripts = [...r.text.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
          assert.ok(scripts.length > 0);
          for (const s of scripts) assert.ok(s.includes(`nonce="${nonce}"`), `${path}: ${s}`);
          assert.ok(!/\sstyle="/.test(r.text), 'no inline style attributes');
        }
      }
      const a = new Client(srv.base);
      const b = new Client(srv.base);
      const n1 = /'nonce-([^']+)'/.exec((await a.get('/')).headers.get('content-security-policy'))[1];
      const n2 = /'nonce-([^']+)'/.exec((await b.get('/')).headers.get('content-security-policy'))[1];
      assert.notEqual(n1, n2, 'a new nonce per response');
    });

    test('access: public is sent to sign-in, forum member gets 403, monitor cannot POST', async () => {
      const pub = new Client(srv.base);
      let r = await pub.get('/admin');
      assert.equal(r.status, 303);
      assert.equal(r.location, '/sign-in?next=%2Fadmin');
      r = await pub.get('/api/v1/areas');
      assert.equal(r.status, 401);
      assert.equal(r.json.error.code, 'unauthenticated');
      const forum = await signedIn(srv.base, FORUM);
      assert.equal((await forum.get('/admin')).status, 403);
      assert.equal((await forum.get('/admin/people')).status, 403);
      assert.equal((await forum.get('/api/v1/people')).status, 403);
      assert.equal((await forum.get('/api/v1/me')).status, 200);
      const mon = await signedIn(srv.base, MONITOR);
      r = await mon.post('/admin/areas', { name: 'Monitorshire', ons_code: 'E06000402' });
      assert.equal(r.status, 403);
      r = await mon.api('POST', '/api/v1/areas', { name: 'Monitorshire', ons_code: 'E06000402' });
      assert.equal(r.status, 403);
      assert.equal(r.json.error.code, 'forbidden');
      const admin = await signedIn(srv.base, ADMIN);
      r = await admin.get('/api/v1/areas?per_page=100');
      assert.ok(!r.json.items.some((a) => a.name === 'Monitorshire'));
      // Navigation: only admins see Partnership.
      assert.match((await admin.get('/')).text, /href="\/admin"/);
      assert.ok(!/href="\/admin"/.test((await forum.get('/')).text));
    });

    test('bearer token: works for the API without CSRF; revoked token gets 401', async () => {
      const admin = await signedIn(srv.base, ADMIN);
      const me = (await admin.get('/api/v1/me')).json;
      const t = await admin.api('POST', `/api/v1/people/${me.id}/tokens`, { label: 'core test' });
      assert.equal(t.status, 201);
      const bot = new Client(srv.base);
      bot.bearer = t.json.token;
      let r = await bot.get('/api/v1/me');
      assert.equal(r.status, 200);
      assert.equal(r.json.via_token, true);
      r = await bot.req('POST', '/api/v1/areas', {
        body: JSON.stringify({ name: 'Tokenshire', ons_code: 'E06000403' }), headers: { 'content-type': 'application/json' },
      });
      assert.equal(r.status, 201);
      // A form-encoded change with only the token and no CSRF field.
      r = await bot.req('PUT', `/api/v1/areas/${r.json.id}`, { form: { name: 'Tokenshire', ons_code: 'E06000404' } });
      assert.equal(r.status, 200);
      assert.equal(r.json.ons_code, 'E06000404');
      r = await bot.req('DELETE', `/api/v1/tokens/${t.json.id}`);
      assert.equal(r.status, 200);
      r = await bot.get('/api/v1/me');
      assert.equal(r.status, 401);
      bot.bearer = 'f'.repeat(64);
      assert.equal((await bot.get('/api/v1/me')).status, 401);
    });

    test('audit rows are written for sign-in, failed sign-in and changes', async () => {
      const admin = await signedIn(srv.base, ADMIN);
      let r = await admin.get(`/api/v1/audit?action=sign-in&actor=${encodeURIComponent(ADMIN)}`);
      assert.equal(r.status, 200);
      assert.ok(r.json.total >= 1);
      r = await admin.get('/api/v1/audit?action=sign-in-failed');
      assert.ok(r.json.total >= 1);
      const a = await admin.api('POST', '/api/v1/areas', { name: 'Auditshire', ons_code: 'E06000405' });
      r = await admin.get(`/api/v1/audit?entity=area&entity_id=${a.json.id}`);
      assert.equal(r.json.total, 1);
      assert.equal(r.json.items[0].action, 'create');
      assert.equal(r.json.items[0].actor_email, ADMIN);
    });

    test('the database refuses UPDATE and DELETE on audit_log', async () => {
      const before = sql(srv.db, 'SELECT COUNT(*) FROM audit_log').out;
      assert.ok(Number(before) > 0);
      let r = sql(srv.db, "UPDATE audit_log SET action = 'tampered'");
      assert.notEqual(r.code, 0);
      assert.match(r.err, /append-only/);
      r = sql(srv.db, 'DELETE FROM audit_log');
      assert.notEqual(r.code, 0);
      assert.match(r.err, /append-only/);
      assert.equal(sql(srv.db, "SELECT COUNT(*) FROM audit_log WHERE action = 'tampered'").out, '0');
      assert.ok(Number(sql(srv.db, 'SELECT COUNT(*) FROM audit_log').out) >= Number(before));
    });

    test('metrics show request counters', async () => {
      const r = await new Client(srv.base).get('/metrics');
      assert.equal(r.status, 200);
      assert.match(r.text, /sendhub_http_requests_total\{route="\/healthz",status="200"\} [1-9]/);
      assert.match(r.text, /sendhub_http_request_duration_seconds_count [1-9]/);
      assert.match(r.text, /sendhub_db_errors_total \d+/);
    });

    test('OpenAPI: every documented path is routed, and the known API routes are documented', async () => {
      const admin = await signedIn(srv.base, ADMIN);
      const r = await admin.get('/api/v1/openapi.json');
      assert.equal(r.status, 200);
      const doc = r.json;
      assert.ok(doc.openapi);
      for (const [method, path] of KNOWN_API)
        assert.ok(doc.paths[path]?.[method.toLowerCase()], `${method} ${path} documented`);
      const uuid = '00000000-0000-4000-8000-000000000000';
      for (const [path, ops] of Object.entries(doc.paths)) {
        assert.ok(path.startsWith('/api/') || path.startsWith('/oruk/'), path);
        const concrete = path.replace(/\{[^}]+\}/g, uuid);
        // A method the path does not take: 405 proves the route exists.
        if (!ops.patch) {
          const x = await admin.req('PATCH', concrete, { json: {} });
          assert.equal(x.status, 405, `${path} is routed (PATCH gave ${x.status})`);
        }
        if (ops.get && !path.includes('{')) {
          const g = await admin.get(concrete);
          assert.notEqual(g.status, 404, `GET ${path}`);
          assert.ok(g.status < 500, `GET ${path} gave ${g.status}`);
        }
        for (const op of Object.values(ops)) {
          assert.ok(op.summary, `${path} has a summary`);
          assert.ok(op.responses, `${path} has responses`);
        }
      }
    });

    if (backend === 'postgresql') {
      test('two server processes on one PostgreSQL database share sessions', async () => {
        const other = await serve(srv.db);
        try {
          const a = await signedIn(srv.base, ADMIN);
          const cookie = a.cookieHeader();
          const b = new Client(other.base);
          let r = await b.req('GET', '/api/v1/me', { headers: { cookie } });
          assert.equal(r.status, 200, 'A\'s cookie works on B');
          assert.equal(r.json.email, ADMIN);
          // Sign out on B.
          r = await b.req('GET', '/admin', { headers: { cookie } });
          const csrf = /name="csrf_token" value="([0-9a-f]+)"/.exec(r.text)[1];
          r = await b.req('POST', '/sign-out', { headers: { cookie }, form: { }, csrf });
          assert.equal(r.status, 303);
          r = await a.get('/api/v1/me');
          assert.equal(r.status, 401, 'the cookie is dead on A');
        } finally {
          assert.equal(await other.stop(), 0);
        }
      });
    }
  });
}

test('PostgreSQL tests ran (SENDHUB_TEST_PG_ADMIN set)', { skip: !PG_ADMIN && 'no PostgreSQL cluster' }, () => {
  assert.ok(PG_ADMIN);
});
