// Journeys over HTTP on SQLite and PostgreSQL: worklists per organisation,
// the one access rule for a child's record (an officer of an organisation not
// involved gets 404), the family link (one child only), recording the steps
// of a request with GOV.UK errors, the API and the measures.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { forEachBackend, REPO_ROOT } from './lib/server.mjs';

const BIN = process.env.SENDHUB_BIN || path.join(REPO_ROOT, 'build/sendhub-asan');
const SAMPLE = path.join(REPO_ROOT, 'tests/fuzz/corpus/sen2/sample.xml');
const DFE = path.join(REPO_ROOT, '../shared/data/dfe-ehcp-2025/data');
const cli = (args) => execFileSync(BIN, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

const FAMILY_CODE = 'demo-family-7f3a9c2e5b1d4e8f';
const NB_OFFICER = 'officer@northbridge.example';
const EM_OFFICER = 'officer@eastmere.example';
const DCO = 'dco@threerivers-icb.example';
const SENCO = 'senco@riverside.example';

async function as(ctx, email) {
  const c = ctx.client();
  const r = await c.signIn(email);
  assert.equal(r.status, 303, `sign-in ${email}`);
  return c;
}

async function children(c) {
  const r = await c.get('/api/v1/journeys/children?per_page=200');
  assert.equal(r.status, 200);
  return r.json();
}

forEachBackend('journeys', (ctx) => {
  const ids = {};

  it('gives a council officer the children of its own area only', async () => {
    const c = await as(ctx, NB_OFFICER);
    const list = await children(c);
    assert.equal(list.total, 10);
    assert.ok(list.items.every((x) => x.area === 'E06999901'));
    ids.nb = list.items.map((x) => x.id);
    ids.amelia = list.items.find((x) => x.forename === 'Amelia').id;
    const e = await as(ctx, EM_OFFICER);
    const el = await children(e);
    assert.equal(el.total, 10);
    ids.em = el.items.map((x) => x.id);
  });

  it('answers 404 to an officer of an organisation not involved with the child', async () => {
    const e = await as(ctx, EM_OFFICER);
    for (const path of [`/journeys/children/${ids.nb[0]}`, `/api/v1/journeys/children/${ids.nb[0]}`]) {
      const r = await e.get(path);
      assert.equal(r.status, 404, path);
      assert.ok(!r.text.includes('Amelia'));
    }
    const s = await as(ctx, SENCO);
    const r = await s.get(`/journeys/children/${ids.em[0]}`);
    assert.equal(r.status, 404);
    assert.equal((await s.get('/journeys/children/not-a-uuid')).status, 404);
  });

  it('shows a partner only the children it is involved with', async () => {
    const s = await as(ctx, SENCO);
    const list = await children(s);
    assert.equal(list.total, 7);   /* the Northbridge children whose school advice was asked for */
    assert.ok(list.items.every((x) => ids.nb.includes(x.id)));
    const d = await as(ctx, DCO);
    const dl = await children(d);
    assert.ok(dl.total > 0 && dl.total < 30);
    const page = await d.get(`/journeys/children/${dl.items[0].id}`);
    assert.equal(page.status, 200);
  });

  it('gives each organisation a worklist sorted by deadline, overdue first', async () => {
    const c = await as(ctx, NB_OFFICER);
    const r = await c.get('/journeys');
    assert.equal(r.status, 200);
    assert.match(r.text, /Work due/);
    assert.match(r.text, /Decide whether to carry out an assessment/);
    const tags = [...r.text.matchAll(/govuk-tag[^"]*">([^<]+)</g)].map((m) => m[1]);
    const firstNotOverdue = tags.findIndex((t) => !/Overdue/.test(t));
    assert.ok(firstNotOverdue > 0, 'some overdue work comes first');
    assert.ok(tags.slice(firstNotOverdue).every((t) => !/Overdue/.test(t)), 'overdue first');
    const d = await as(ctx, DCO);
    const w = await d.get('/journeys');
    assert.equal(w.status, 200);
    assert.match(w.text, /Health/);
    assert.doesNotMatch(w.text, /Decide whether to carry out an assessment/);
    assert.equal((await ctx.client().get('/journeys')).status >= 300, true);
  });

  it('shows a family one child through the private link, and nothing else', async () => {
    const p = ctx.client();
    const r = await p.get(`/family/${FAMILY_CODE}`);
    assert.equal(r.status, 200);
    assert.match(r.text, /For the family of Amelia/);
    assert.match(r.text, /Decide whether to carry out an assessment/);
    assert.match(r.text, /Who to contact/);
    for (const other of ['Noah', 'Isla', 'Oscar', 'Ashdown']) assert.ok(!r.text.includes(other), other);
    assert.ok(!r.text.includes(ids.amelia), 'no record id on the family page');
    assert.equal((await p.get('/family/0123456789abcdef0123456789abcdef')).status, 404);
    assert.equal((await p.get('/family/short')).status, 404);
    assert.equal((await p.get(`/journeys/children/${ids.amelia}`)).status >= 300, true);
    assert.equal((await p.get(`/api/v1/journeys/children/${ids.amelia}`)).status, 401);
  });

  it('lets the council create a new family link, which replaces the old one', async () => {
    const c = await as(ctx, NB_OFFICER);
    const nb2 = ids.nb.find((x) => x !== ids.amelia);
    await c.get(`/journeys/children/${nb2}`);
    const r = await c.post(`/journeys/children/${nb2}/family-link`, {});
    assert.equal(r.status, 200);
    const code = r.text.match(/\/family\/([0-9a-f]{48})/)[1];
    const f = await ctx.client().get(`/family/${code}`);
    assert.equal(f.status, 200);
    assert.ok(!f.text.includes('Amelia'));
    const s = await as(ctx, SENCO);
    await s.get(`/journeys/children/${ids.nb[0]}`);
    assert.equal((await s.post(`/journeys/children/${nb2}/family-link`, {})).status >= 403, true);
  });

  it('records a new request and each step, with GOV.UK errors for bad input', async () => {
    const c = await as(ctx, NB_OFFICER);
    await c.get('/journeys/children/new');
    let r = await c.post('/journeys/children/new', { forename: '', surname: 'Testwell', 'dob-day': '31', 'dob-month': '2', 'dob-year': '2015' });
    assert.equal(r.status, 400);
    assert.match(r.text, /govuk-error-summary/);
    assert.match(r.text, /Enter the first name/);
    r = await c.post('/journeys/children/new', {
      forename: 'Robin', surname: 'Testwell', upn: '', 'dob-day': '1', 'dob-month': '3', 'dob-year': '2015',
      'received-day': '5', 'received-month': '1', 'received-year': '2026', source: '1',
    });
    assert.equal(r.status, 303);
    const reqPath = r.location;
    assert.match(reqPath, /^\/journeys\/requests\/[0-9a-f-]{36}$/);
    await c.get(`${reqPath}/record/decision`);
    r = await c.post(`${reqPath}/record/decision`, { outcome: 'Y', 'date-day': '1', 'date-month': '1', 'date-year': '2026' });
    assert.equal(r.status, 400, 'a decision before the request is refused');
    r = await c.post(`${reqPath}/record/decision`, { outcome: 'Y', 'date-day': '10', 'date-month': '2', 'date-year': '2026' });
    assert.equal(r.status, 303);
    const api = await c.get(`/api/v1/journeys/requests/${reqPath.split('/').pop()}`);
    const icb = (await c.get(`${reqPath}/record/advice`)).text.match(/<option value="([0-9a-f-]{36})"[^>]*>Three Rivers Integrated Care Board/)[1];
    r = await c.post(`${reqPath}/record/advice`, { kind: 'health', organisation: icb, 'date-day': '11', 'date-month': '2', 'date-year': '2026' });
    assert.equal(r.status, 303);
    const page = await c.get(reqPath);
    assert.match(page.text, /Done on time/);
    assert.match(page.text, /Give advice and information for the assessment: Health/);
    assert.equal(api.json().timeline[0].step, 'decision');
    // the ICB can now open the child and record its advice, but nothing else
    const d = await as(ctx, DCO);
    assert.equal((await d.get(reqPath)).status, 200);
    assert.equal((await d.get(`${reqPath}/record/decision`)).status, 403);
    const form = await d.get(`${reqPath}/record/advice-received`);
    const adv = form.text.match(/name="advice"[^>]*value="([0-9a-f-]{36})"|value="([0-9a-f-]{36})"[^>]*name="advice"/);
    const advId = adv[1] || adv[2];
    r = await d.post(`${reqPath}/record/advice-received`, { advice: advId, 'date-day': '20', 'date-month': '3', 'date-year': '2026' });
    assert.equal(r.status, 303);
    r = await c.post(`${reqPath}/record/exception`, { kind: 'personal', 'from-day': '1', 'from-month': '3', 'from-year': '2026', note: 'Family bereavement' },
      { from: `${reqPath}/record/exception` });
    assert.equal(r.status, 303);
    r = await c.post(`${reqPath}/record/final`, { outcome: 'Y', 'date-day': '1', 'date-month': '7', 'date-year': '2026' }, { from: `${reqPath}/record/final` });
    assert.equal(r.status, 303);
    const done = (await c.get(`/api/v1/journeys/requests/${reqPath.split('/').pop()}`)).json();
    assert.equal(done.assessment_outcome, 'Y');
    assert.equal(done.week20, 1);
    assert.equal(done.timeline.find((s) => s.step === 'final-plan')?.status ?? 'done-late-exception', 'done-late-exception');
  });

  it('records an annual review of an issued plan, with its 4-week decision', async () => {
    const c = await as(ctx, NB_OFFICER);
    let planReq = null;
    for (const id of ids.nb) {
      const child = (await c.get(`/api/v1/journeys/children/${id}`)).json();
      planReq = child.requests.find((q) => q.assessment_outcome === 'Y');
      if (planReq) break;
    }
    assert.ok(planReq, 'a demo plan');
    const path = `/journeys/requests/${planReq.id}`;
    let r = await c.post(`${path}/record/review`, { 'meeting-day': '2', 'meeting-month': '3', 'meeting-year': '2026',
      'decided-day': '1', 'decided-month': '3', 'decided-year': '2026', outcome: '2' }, { from: `${path}/record/review` });
    assert.equal(r.status, 400);
    assert.match(r.text, /The decision must be on or after the meeting/);
    r = await c.post(`${path}/record/review`, { 'meeting-day': '2', 'meeting-month': '3', 'meeting-year': '2026',
      'decided-day': '31', 'decided-month': '3', 'decided-year': '2026', outcome: '2' });
    assert.equal(r.status, 303);
    const page = await c.get(path);
    assert.match(page.text, /Reviews of the plan/);
    assert.match(page.text, /Done late/);   /* 29 days after the meeting */
  });

  it('creates a child through the API with JSON errors', async () => {
    const c = await as(ctx, NB_OFFICER);
    const page = await c.get('/journeys');
    const h = { 'Content-Type': 'application/json', 'X-CSRF-Token': page.csrfToken || c.csrfToken, Origin: c.baseUrl };
    let r = await c.request('/api/v1/journeys/children', { method: 'POST', headers: h, body: JSON.stringify({ forename: 'Sky' }) });
    assert.equal(r.status, 400);
    assert.ok(r.json().error.field);
    r = await c.request('/api/v1/journeys/children', { method: 'POST', headers: h,
      body: JSON.stringify({ forename: 'Sky', surname: 'Apiwell', dob: '2016-05-05', received: '2026-10-01', source: '2' }) });
    assert.equal(r.status, 201);
    const child = await c.get(`/api/v1/journeys/children/${r.json().id}`);
    assert.equal(child.status, 200);
    assert.equal(child.json().requests[0].timeline[0].step, 'decision');
  });

  it('imports a SEN2 file and exports it again unchanged (sen2 import / export / validate)', () => {
    const db = ctx.server.dbUrl;
    assert.match(cli(['sen2', 'import', SAMPLE, '--area', '993', '--db', db]), /imported 2 persons: 2 new, 0 updated/);
    const out = cli(['sen2', 'export', '--year', '2025', '--area', 'E06999903', '--db', db]);
    const persons = (x) => x.slice(x.indexOf('<Persons>'));
    assert.equal(persons(out), persons(readFileSync(SAMPLE, 'utf8')));
    assert.match(out, /<LEA>993<\/LEA>/);
    let bad = null;
    try { cli(['sen2', 'import', path.join(REPO_ROOT, 'tests/http/journeys.test.mjs'), '--area', '993', '--db', db]); } catch (e) { bad = e; }
    assert.ok(bad && /Nothing from this file was imported/.test(bad.stderr));
    let v = null;
    try { cli(['sen2', 'validate', '--year', '2027', '--area', '991', '--db', db]); } catch (e) { v = e; }
    assert.equal(v?.status, 3);
    assert.match(v.stdout, /person \d+: UPN missing without a reason/);
    assert.ok(!/Amelia|Noah|Isla/.test(v.stdout), 'no names in the problem list');
    const csv = cli(['sen2', 'kpis', '--year', '2024', '--area', '993', '--format', 'csv', '--db', db]);
    assert.match(csv.split('\n')[1], /^2024,2,1,50\.0,1,1,100\.0,/);
    /* again: the person with a UPN is found and updated, the one without cannot be matched */
    assert.match(cli(['sen2', 'import', SAMPLE, '--area', '993', '--db', db]), /imported 2 persons: 1 new, 1 updated/);
  });

  it('shows the area beside its region and England once the DfE figures are loaded', { skip: !existsSync(DFE) && 'no DfE data' }, async () => {
    assert.match(cli(['benchmarks', 'import', DFE, '--db', ctx.server.dbUrl]), /loaded \d+ published figures/);
    const m = await as(ctx, 'adviser@dfe.example');
    const p = await m.get(`/journeys/kpis?year=${new Date().getUTCFullYear()}&area=E06999901`);
    assert.equal(p.status, 200);
    assert.match(p.text, /Yorkshire and The Humber/);
    assert.match(p.text, />46\.4%</);   /* England 2024, excluding exceptions */
  });

  it('gives the DfE measures with their column names, in the API and on a page', async () => {
    const m = await as(ctx, 'adviser@dfe.example');
    const year = new Date().getUTCFullYear();
    const r = await m.get(`/api/v1/journeys/kpis?year=${year}`);
    assert.equal(r.status, 200);
    const k = r.json();
    for (const f of ['plans_issued_den', 'plans_issued_within_20_weeks', 'pc_plans_issued_within_20_weeks', 'plans_issued_den_ex',
      'plans_issued_20_weeks_ex', 'PC_plans_issued_20_weeks_ex', 'requests_received', 'active_plans']) assert.ok(f in k, f);
    assert.ok(k.plans_issued_den >= 3);
    assert.equal((await m.get('/api/v1/journeys/kpis?year=abc')).status, 400);
    assert.equal((await m.get(`/api/v1/journeys/kpis?year=${year}&area=E06999901`)).status, 200);
    assert.equal((await m.get(`/api/v1/journeys/kpis?year=${year}&area=nowhere`)).status, 404);
    const p = await m.get(`/journeys/kpis?year=${year}&area=E06999901`);
    assert.equal(p.status, 200);
    assert.match(p.text, /PC_plans_issued_20_weeks_ex/);
    assert.equal((await m.get(`/journeys/children/${ids.amelia}`)).status, 403);
    const doc = (await m.get('/api/v1/openapi.json')).json();
    assert.ok(doc.paths['/api/v1/journeys/kpis']);
    assert.ok(doc.paths['/api/v1/journeys/children/{id}']);
  });
});
