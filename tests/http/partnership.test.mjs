// Partnership administration over HTTP, on SQLite and PostgreSQL: areas,
// organisations, people, API tokens and the audit log reader, as pages
// (GOV.UK errors, CSRF, redirect + banner) and as the API (pagination,
// 201/400/404/409), with an audit row for every change.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, Client, startDemo, signedIn, ADMIN, OFFICER, FORUM } from './partnership.helpers.mjs';

const NOPE = '00000000-0000-4000-8000-000000000000';

async function auditCount(c, entity, id, action) {
  const q = new URLSearchParams({ entity, entity_id: id });
  if (action) q.set('action', action);
  return (await c.get(`/api/v1/audit?${q}`)).json.total;
}

function errorSummary(text) {
  return [...text.matchAll(/<li><a href="#([^"]+)">([^<]+)<\/a><\/li>/g)].map((m) => [m[1], m[2]]);
}

for (const backend of BACKENDS) {
  describe(`partnership on ${backend}`, () => {
    let srv;
    let admin;
    before(async () => {
      srv = await startDemo(backend);
      admin = await signedIn(srv.base, ADMIN);
    });
    after(async () => { await srv.stop(); });

    test('admin index links every section and officers cannot see it', async () => {
      const r = await admin.get('/admin');
      assert.equal(r.status, 200);
      for (const href of ['/admin/areas', '/admin/organisations', '/admin/people', '/admin/audit'])
        assert.ok(r.text.includes(`href="${href}"`), href);
      const off = await signedIn(srv.base, OFFICER);
      for (const p of ['/admin', '/admin/areas', '/admin/organisations/new', '/admin/people', '/admin/audit'])
        assert.equal((await off.get(p)).status, 403, p);
      for (const p of ['/api/v1/areas', '/api/v1/organisations', '/api/v1/people', '/api/v1/audit'])
        assert.equal((await off.get(p)).status, 403, p);
    });

    test('areas: pages list, add, errors, duplicate, edit, unknown id', async () => {
      let r = await admin.get('/admin/areas');
      assert.equal(r.status, 200);
      assert.match(r.text, /Northbridge/);
      assert.match(r.text, /E06999901/);
      r = await admin.get('/admin/areas/new');
      assert.equal(r.status, 200);
      assert.match(r.text, /name="csrf_token"/);
      assert.match(r.text, /<label class="govuk-label" for="name">/);

      r = await admin.post('/admin/areas', { name: '', ons_code: 'X1' });
      assert.equal(r.status, 400);
      assert.match(r.text, /<title>Error: /);
      assert.deepEqual(errorSummary(r.text).map((e) => e[0]), ['name', 'ons_code']);
      assert.match(r.text, /govuk-error-message/);
      assert.match(r.text, /value="X1"/, 'what was typed is kept');

      r = await admin.post('/admin/areas', { name: 'Northbridge', ons_code: 'E06000501' });
      assert.equal(r.status, 409);
      assert.match(r.text, /already exists/);

      r = await admin.post('/admin/areas', { name: 'Southholm', ons_code: 'e06000501' });
      assert.equal(r.status, 303);
      assert.equal(r.location, '/admin/areas?done=area-added');
      r = await admin.get(r.location);
      assert.match(r.text, /govuk-notification-banner--success/);
      assert.match(r.text, /Area added/);
      const id = /href="\/admin\/areas\/([0-9a-f-]{36})">Change<span class="govuk-visually-hidden"> Southholm/.exec(r.text)[1];
      assert.equal(await auditCount(admin, 'area', id, 'create'), 1);

      r = await admin.get(`/admin/areas/${id}`);
      assert.equal(r.status, 200);
      assert.match(r.text, /value="E06000501"/, 'code stored upper-case');
      r = await admin.post(`/admin/areas/${id}`, { name: 'South Holm', ons_code: 'E06000502' });
      assert.equal(r.status, 303);
      assert.equal(r.location, '/admin/areas?done=area-saved');
      assert.equal(await auditCount(admin, 'area', id, 'update'), 1);
      r = await admin.post(`/admin/areas/${id}`, { name: 'Eastmere', ons_code: 'E06000502' });
      assert.equal(r.status, 409);
      // Saving an area with its own name is not a clash.
      assert.equal((await admin.post(`/admin/areas/${id}`, { name: 'South Holm', ons_code: 'E06000502' })).status, 303);

      assert.equal((await admin.get(`/admin/areas/${NOPE}`)).status, 404);
      assert.equal((await admin.get('/admin/areas/not-an-id')).status, 404);
      assert.equal((await admin.post(`/admin/areas/${NOPE}`, { name: 'A', ons_code: 'E06000503' })).status, 404);
    });

    test('areas: API list (paginated), create, get, update and errors', async () => {
      let r = await admin.get('/api/v1/areas?per_page=2&page=1');
      assert.equal(r.status, 200);
      assert.deepEqual(Object.keys(r.json).sort(), ['items', 'page', 'per_page', 'total']);
      assert.equal(r.json.items.length, 2);
      assert.equal(r.json.per_page, 2);
      assert.ok(r.json.total >= 3);
      const second = await admin.get('/api/v1/areas?per_page=2&page=2');
      assert.notEqual(second.json.items[0].id, r.json.items[0].id);
      for (const q of ['per_page=0', 'per_page=abc', 'page=0', 'per_page=100000']) {
        r = await admin.get(`/api/v1/areas?${q}`);
        assert.equal(r.status, 400, q);
        assert.ok(['page', 'per_page'].includes(r.json.error.field));
      }
      r = await admin.api('POST', '/api/v1/areas', { name: 'Api Vale', ons_code: 'W06000601' });
      assert.equal(r.status, 201);
      const id = r.json.id;
      assert.equal(r.json.ons_code, 'W06000601');
      r = await admin.api('POST', '/api/v1/areas', { name: 'api vale', ons_code: 'W06000602' });
      assert.equal(r.status, 409);
      assert.equal(r.json.error.code, 'conflict');
      assert.equal(r.json.error.field, 'name');
      r = await admin.api('POST', '/api/v1/areas', { name: 'Other', ons_code: 'W06000601' });
      assert.equal(r.status, 409);
      assert.equal(r.json.error.field, 'ons_code');
      r = await admin.api('POST', '/api/v1/areas', { name: 'Bad Code', ons_code: '123' });
      assert.equal(r.status, 400);
      assert.equal(r.json.error.code, 'invalid');
      assert.equal(r.json.error.field, 'ons_code');
      r = await admin.api('POST', '/api/v1/areas', { ons_code: 'W06000603' });
      assert.equal(r.status, 400);
      assert.equal(r.json.error.field, 'name');
      r = await admin.api('POST', '/api/v1/areas', { name: 'x'.repeat(101), ons_code: 'W06000603' });
      assert.equal(r.status, 400);
      r = await admin.get(`/api/v1/areas/${id}`);
      assert.equal(r.status, 200);
      assert.equal(r.json.name, 'Api Vale');
      r = await admin.api('PUT', `/api/v1/areas/${id}`, { name: 'Api Vale Two', ons_code: 'W06000604' });
      assert.equal(r.status, 200);
      assert.equal(r.json.name, 'Api Vale Two');
      for (const bad of [NOPE, 'nope', '1']) {
        assert.equal((await admin.get(`/api/v1/areas/${bad}`)).status, 404, bad);
        assert.equal((await admin.api('PUT', `/api/v1/areas/${bad}`, { name: 'Z', ons_code: 'W06000605' })).status, 404);
      }
      assert.equal(await auditCount(admin, 'area', id), 2);
      r = await admin.get('/api/v1/areas?per_page=100');
      assert.ok(!r.json.items.some((a) => a.name === 'Bad Code' || a.name === 'Other'), 'nothing saved on error');
    });

    test('organisations: pages with type radios and area checkboxes', async () => {
      let r = await admin.get('/admin/organisations');
      assert.equal(r.status, 200);
      assert.match(r.text, /Three Rivers Integrated Care Board/);
      assert.match(r.text, /Integrated care board or health commissioner/);
      r = await admin.get('/admin/organisations/new');
      for (const label of ['Local authority', 'Integrated care board or health commissioner', 'Health provider',
        'School or college', 'Parent carer forum', 'Voluntary or community organisation', 'Department for Education',
        'NHS England'])
        assert.ok(r.text.includes(label), label);
      const areas = (await admin.get('/api/v1/areas?per_page=100')).json.items;
      const nb = areas.find((a) => a.name === 'Northbridge').id;
      const em = areas.find((a) => a.name === 'Eastmere').id;

      r = await admin.post('/admin/organisations', { name: '', type: 'castle' });
      assert.equal(r.status, 400);
      assert.deepEqual(errorSummary(r.text).map((e) => e[0]), ['name', 'type']);
      r = await admin.post('/admin/organisations', { name: 'Bad Areas', type: 'school', areas: [NOPE] });
      assert.equal(r.status, 400);
      assert.deepEqual(errorSummary(r.text).map((e) => e[0]), ['areas']);
      r = await admin.post('/admin/organisations', { name: 'Northbridge Council', type: 'local_authority' });
      assert.equal(r.status, 409);

      r = await admin.post('/admin/organisations', { name: 'Hilltop Academy', type: 'school', areas: [nb, em] });
      assert.equal(r.status, 303);
      assert.equal(r.location, '/admin/organisations?done=org-added');
      r = await admin.get(r.location);
      assert.match(r.text, /Organisation added/);
      const id = /href="\/admin\/organisations\/([0-9a-f-]{36})">Change<span class="govuk-visually-hidden"> Hilltop Academy/.exec(r.text)[1];
      r = await admin.get(`/admin/organisations/${id}`);
      assert.equal(r.status, 200);
      assert.match(r.text, new RegExp(`value="${nb}" checked`));
      assert.match(r.text, /value="school" checked/);
      r = await admin.post(`/admin/organisations/${id}`, { name: 'Hilltop Academy', type: 'school', areas: [em] });
      assert.equal(r.status, 303);
      r = await admin.get(`/api/v1/organisations/${id}`);
      assert.deepEqual(r.json.areas.map((a) => a.id), [em]);
      assert.equal(r.json.type_label, 'School or college');
      assert.equal(await auditCount(admin, 'organisation', id), 2);
      assert.equal((await admin.get(`/admin/organisations/${NOPE}`)).status, 404);
      assert.equal((await admin.get('/admin/organisations/zzz')).status, 404);
    });

    test('organisations: API', async () => {
      const areas = (await admin.get('/api/v1/areas?per_page=100')).json.items;
      const wv = areas.find((a) => a.name === 'Wolds Vale').id;
      let r = await admin.get('/api/v1/organisations?per_page=5');
      assert.equal(r.status, 200);
      assert.equal(r.json.items.length, 5);
      assert.ok(r.json.total >= 12);
      assert.ok(Array.isArray(r.json.items[0].areas));
      r = await admin.api('POST', '/api/v1/organisations', { name: 'Vale Youth Trust', type: 'voluntary', areas: [wv] });
      assert.equal(r.status, 201);
      const id = r.json.id;
      assert.deepEqual(r.json.areas.map((a) => a.name), ['Wolds Vale']);
      r = await admin.api('POST', '/api/v1/organisations', { name: 'VALE YOUTH TRUST', type: 'voluntary' });
      assert.equal(r.status, 409);
      r = await admin.api('POST', '/api/v1/organisations', { name: 'Typeless' });
      assert.equal(r.status, 400);
      assert.equal(r.json.error.field, 'type');
      r = await admin.api('POST', '/api/v1/organisations', { name: 'Bad area', type: 'icb', areas: ['x'] });
      assert.equal(r.status, 400);
      assert.equal(r.json.error.field, 'areas');
      r = await admin.api('PUT', `/api/v1/organisations/${id}`, { name: 'Vale Youth Trust', type: 'forum', areas: [] });
      assert.equal(r.status, 200);
      assert.equal(r.json.type, 'forum');
      assert.deepEqual(r.json.areas, []);
      assert.equal((await admin.get(`/api/v1/organisations/${NOPE}`)).status, 404);
      assert.equal((await admin.api('PUT', '/api/v1/organisations/bad', { name: 'x', type: 'icb' })).status, 404);
    });

    test('people: add with a password, errors, edit, sign in as them, deactivate', async () => {
      const orgs = (await admin.get('/api/v1/organisations?per_page=100')).json.items;
      const org = orgs.find((o) => o.name === 'Eastmere Council').id;
      let r = await admin.get('/admin/people');
      assert.equal(r.status, 200);
      assert.match(r.text, /priya shah|Priya Shah/i);
      r = await admin.get('/admin/people?per_page=5&page=2');
      assert.equal(r.status, 200);
      assert.match(r.text, /href="\/admin\/people\?page=1&amp;per_page=5" rel="prev"/);
      assert.match(r.text, /href="\/admin\/people\?page=3&amp;per_page=5" rel="next"/);
      assert.equal((await admin.get('/admin/people?page=0')).status, 400);
      r = await admin.get('/admin/people/new');
      assert.match(r.text, /type="password"/);

      r = await admin.post('/admin/people', { name: '', email: 'not-an-email', organisation_id: '', role: 'king', password: 'short' });
      assert.equal(r.status, 400);
      assert.deepEqual(errorSummary(r.text).map((e) => e[0]), ['name', 'email', 'organisation_id', 'role', 'password']);
      assert.ok(!r.text.includes('value="short"'), 'the password is never echoed');
      r = await admin.post('/admin/people', { name: 'Dup', email: 'OFFICER@northbridge.example', organisation_id: org, role: 'officer', password: 'long-enough-password' });
      assert.equal(r.status, 409);

      r = await admin.post('/admin/people', { name: 'Lena Page', email: 'Lena.Page@eastmere.example', organisation_id: org, role: 'officer', password: 'lena-password-1' });
      assert.equal(r.status, 303);
      assert.equal(r.location, '/admin/people?done=person-added');
      assert.match((await admin.get(r.location)).text, /Person added/);
      const list = (await admin.get('/api/v1/people?per_page=100')).json.items;
      const lena = list.find((p) => p.email === 'lena.page@eastmere.example');
      assert.ok(lena, 'email stored lower-case');
      assert.ok(!('password_hash' in lena));
      assert.equal(await auditCount(admin, 'person', lena.id, 'create'), 1);

      const lc = new Client(srv.base);
      assert.equal((await lc.signIn('lena.page@eastmere.example', 'lena-password-1')).status, 303);
      assert.equal((await lc.get('/api/v1/me')).json.email, 'lena.page@eastmere.example');

      r = await admin.get(`/admin/people/${lena.id}`);
      assert.equal(r.status, 200);
      assert.match(r.text, /value="lena.page@eastmere.example"/);
      assert.ok(await auditCount(admin, 'person', lena.id, 'view') >= 1, 'viewing a person is audited');
      r = await admin.post(`/admin/people/${lena.id}`, { name: 'Lena Page', email: 'lena.page@eastmere.example', organisation_id: org, role: 'forum', active: 'true' });
      assert.equal(r.status, 303);
      assert.equal((await lc.get('/api/v1/me')).json.role, 'forum', 'role change applies at once');

      // A token for Lena, then deactivate: sessions and tokens die.
      r = await admin.post(`/admin/people/${lena.id}/tokens`, { label: 'Lena script' });
      assert.equal(r.status, 201);
      assert.match(r.headers.get('cache-control'), /no-store/);
      const token = /<code class="app-token">([0-9a-f]{64})<\/code>/.exec(r.text)[1];
      const bot = new Client(srv.base);
      bot.bearer = token;
      assert.equal((await bot.get('/api/v1/me')).status, 200);
      r = await admin.get(`/admin/people/${lena.id}`);
      assert.match(r.text, /Lena script/);
      assert.ok(!r.text.includes(token), 'the token is shown once only');

      r = await admin.post(`/admin/people/${lena.id}/deactivate`, {});
      assert.equal(r.status, 303);
      assert.equal(r.location, '/admin/people?done=person-deactivated');
      assert.equal((await lc.get('/api/v1/me')).status, 401, 'signed out');
      assert.equal((await bot.get('/api/v1/me')).status, 401, 'token revoked');
      assert.equal((await new Client(srv.base).signIn('lena.page@eastmere.example', 'lena-password-1')).status, 400);
      assert.equal(await auditCount(admin, 'person', lena.id, 'deactivate'), 1);
      r = await admin.get(`/api/v1/people/${lena.id}/tokens`);
      assert.ok(r.json.items.every((t) => t.revoked_at));

      // An admin cannot deactivate themselves.
      const me = (await admin.get('/api/v1/me')).json;
      assert.equal((await admin.post(`/admin/people/${me.id}/deactivate`, {})).status, 400);
      assert.equal((await admin.get('/api/v1/me')).status, 200);
      assert.equal((await admin.get(`/admin/people/${NOPE}`)).status, 404);
      assert.equal((await admin.post(`/admin/people/${NOPE}/deactivate`, {})).status, 404);
    });

    test('people: API create, get, update, deactivate by PUT, errors', async () => {
      const orgs = (await admin.get('/api/v1/organisations?per_page=100')).json.items;
      const org = orgs.find((o) => o.name === 'Wolds Vale Council').id;
      let r = await admin.get('/api/v1/people?per_page=3&page=2');
      assert.equal(r.status, 200);
      assert.equal(r.json.page, 2);
      assert.equal(r.json.items.length, 3);
      const body = { name: 'Omar Reid', email: 'omar@woldsvale.example', organisation_id: org, role: 'officer', password: 'omar-password-1' };
      r = await admin.api('POST', '/api/v1/people', body);
      assert.equal(r.status, 201);
      const id = r.json.id;
      assert.equal(r.json.active, true);
      assert.ok(!('password' in r.json) && !('password_hash' in r.json));
      r = await admin.api('POST', '/api/v1/people', body);
      assert.equal(r.status, 409);
      assert.equal(r.json.error.field, 'email');
      r = await admin.api('POST', '/api/v1/people', { ...body, email: 'omar2@woldsvale.example', password: 'short' });
      assert.equal(r.status, 400);
      assert.equal(r.json.error.field, 'password');
      r = await admin.api('POST', '/api/v1/people', { ...body, email: 'omar3@woldsvale.example', organisation_id: NOPE });
      assert.equal(r.status, 400);
      assert.equal(r.json.error.field, 'organisation_id');
      r = await admin.api('POST', '/api/v1/people', { ...body, email: 'omar4@woldsvale.example', role: 'root' });
      assert.equal(r.status, 400);
      assert.equal(r.json.error.field, 'role');
      r = await admin.get(`/api/v1/people/${id}`);
      assert.equal(r.status, 200);
      assert.equal(r.json.organisation_name, 'Wolds Vale Council');

      const oc = new Client(srv.base);
      assert.equal((await oc.signIn('omar@woldsvale.example', 'omar-password-1')).status, 303);
      r = await admin.api('PUT', `/api/v1/people/${id}`, { name: 'Omar Reid', email: 'omar@woldsvale.example', organisation_id: org, role: 'monitor', active: true });
      assert.equal(r.status, 200);
      assert.equal(r.json.role, 'monitor');
      r = await admin.api('PUT', `/api/v1/people/${id}`, { name: 'Omar Reid', email: 'omar@woldsvale.example', organisation_id: org, role: 'monitor', active: false });
      assert.equal(r.status, 200);
      assert.equal(r.json.active, false);
      assert.equal((await oc.get('/api/v1/me')).status, 401, 'deactivating by PUT signs them out');
      r = await admin.api('PUT', `/api/v1/people/${id}`, { name: 'Omar Reid', email: 'officer@northbridge.example', organisation_id: org, role: 'monitor', active: false });
      assert.equal(r.status, 409);
      // Leaving out "active" keeps it as it is.
      r = await admin.api('PUT', `/api/v1/people/${id}`, { name: 'Omar Reid', email: 'omar@woldsvale.example', organisation_id: org, role: 'officer' });
      assert.equal(r.status, 200);
      assert.equal(r.json.active, false);
      assert.equal(r.json.role, 'officer');
      const me = (await admin.get('/api/v1/me')).json;
      r = await admin.api('PUT', `/api/v1/people/${me.id}`, { name: me.name, email: me.email, organisation_id: me.organisation_id, role: 'admin', active: false });
      assert.equal(r.status, 400);
      assert.equal(r.json.error.field, 'active');
      assert.equal((await admin.get(`/api/v1/people/${NOPE}`)).status, 404);
      assert.equal((await admin.get('/api/v1/people/12')).status, 404);
      assert.equal((await admin.api('PUT', `/api/v1/people/${NOPE}`, body)).status, 404);
    });

    test('tokens: API list, create (shown once), revoke; page revoke', async () => {
      const people = (await admin.get('/api/v1/people?per_page=100')).json.items;
      const priya = people.find((p) => p.email === OFFICER);
      let r = await admin.api('POST', `/api/v1/people/${priya.id}/tokens`, { label: 'Reports' });
      assert.equal(r.status, 201);
      assert.match(r.json.token, /^[0-9a-f]{64}$/);
      const tid = r.json.id;
      const bot = new Client(srv.base);
      bot.bearer = r.json.token;
      assert.equal((await bot.get('/api/v1/me')).json.email, OFFICER);
      assert.equal((await bot.get('/api/v1/areas')).status, 403, 'a token has its person\'s role');
      r = await admin.get(`/api/v1/people/${priya.id}/tokens`);
      assert.equal(r.status, 200);
      const t = r.json.items.find((x) => x.id === tid);
      assert.equal(t.label, 'Reports');
      assert.ok(t.last_used_at, 'last use recorded');
      assert.ok(!('token' in t) && !('token_hash' in t));
      r = await admin.api('POST', `/api/v1/people/${priya.id}/tokens`, { label: 'x'.repeat(101) });
      assert.equal(r.status, 400);
      assert.equal(r.json.error.field, 'label');
      assert.equal((await admin.api('POST', `/api/v1/people/${NOPE}/tokens`, {})).status, 404);
      assert.equal((await admin.get(`/api/v1/people/${NOPE}/tokens`)).status, 404);

      // Revoke from the person's page.
      r = await admin.get(`/admin/people/${priya.id}`);
      assert.match(r.text, new RegExp(`action="/admin/tokens/${tid}/revoke"`));
      r = await admin.post(`/admin/tokens/${tid}/revoke`, {});
      assert.equal(r.status, 303);
      assert.equal(r.location, `/admin/people/${priya.id}?done=token-revoked`);
      assert.match((await admin.get(r.location)).text, /API token revoked/);
      assert.equal((await bot.get('/api/v1/me')).status, 401);
      assert.equal(await auditCount(admin, 'api_token', tid, 'revoke'), 1);
      assert.equal(await auditCount(admin, 'api_token', tid, 'create'), 1);

      r = await admin.api('POST', `/api/v1/people/${priya.id}/tokens`, {});
      assert.equal(r.json.label, 'API token');
      r = await admin.req('DELETE', `/api/v1/tokens/${r.json.id}`, { headers: { 'x-csrf-token': admin.csrf } });
      assert.equal(r.status, 200);
      assert.ok(r.json.revoked_at);
      assert.equal((await admin.req('DELETE', `/api/v1/tokens/${NOPE}`, { headers: { 'x-csrf-token': admin.csrf } })).status, 404);
      assert.equal((await admin.post(`/admin/tokens/${NOPE}/revoke`, {})).status, 404);
    });

    test('audit log reader: filters, pages, newest first, read-only', async () => {
      let r = await admin.get('/admin/audit');
      assert.equal(r.status, 200);
      assert.match(r.text, /<caption class="govuk-table__caption govuk-visually-hidden">Audit log entries/);
      r = await admin.get(`/admin/audit?actor=${encodeURIComponent(ADMIN)}&action=create&entity=area&per_page=1`);
      assert.equal(r.status, 200);
      assert.match(r.text, /rel="next"/);
      assert.match(r.text, /href="\/admin\/audit\?actor=admin%40northbridge\.example&amp;action=create&amp;entity=area&amp;page=2"/);
      r = await admin.get('/admin/audit?from=2026-02-30');
      assert.equal(r.status, 400);
      assert.deepEqual(errorSummary(r.text).map((e) => e[0]), ['from']);

      // Reading the log adds a row itself, so page through a stable filter.
      r = await admin.get('/api/v1/audit?per_page=2&entity=area');
      assert.equal(r.status, 200);
      const ats = r.json.items.map((i) => i.at);
      assert.deepEqual([...ats].sort().reverse(), ats, 'newest first');
      const ids = r.json.items.map((i) => i.id);
      r = await admin.get('/api/v1/audit?per_page=2&page=2&entity=area');
      assert.ok(r.json.items.length > 0);
      assert.ok(r.json.items.every((i) => !ids.includes(i.id)));
      const today = new Date().toISOString().slice(0, 10);
      r = await admin.get(`/api/v1/audit?from=${today}&to=${today}&action=create&entity=area`);
      assert.ok(r.json.total >= 2);
      assert.ok(r.json.items.every((i) => i.action === 'create' && i.entity === 'area'));
      r = await admin.get('/api/v1/audit?from=1999-01-01&to=1999-12-31');
      assert.equal(r.json.total, 0);
      r = await admin.get('/api/v1/audit?to=yesterday');
      assert.equal(r.status, 400);
      assert.equal(r.json.error.field, 'to');
      r = await admin.get('/api/v1/audit?actor=nobody@example.org');
      assert.equal(r.json.total, 0);
      // Nothing edits or deletes it.
      for (const m of ['POST', 'PUT', 'DELETE'])
        assert.equal((await admin.req(m, '/api/v1/audit', { json: {} })).status, 405, m);
      assert.equal((await admin.post('/admin/audit', {})).status, 405);
      r = await admin.get('/api/v1/audit?entity=audit_log&action=view');
      assert.ok(r.json.total >= 1, 'reading the log is itself recorded');
    });

    test('forum members can ask who they are but not manage anything', async () => {
      const f = await signedIn(srv.base, FORUM);
      const r = await f.get('/api/v1/me');
      assert.equal(r.status, 200);
      assert.equal(r.json.role, 'forum');
      assert.equal(r.json.via_token, false);
      assert.equal((await f.api('POST', '/api/v1/people', {})).status, 403);
      assert.equal((await f.post('/admin/people', {})).status, 403);
    });
  });
}
