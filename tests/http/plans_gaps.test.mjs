// Plans (improvement), the gaps closed after the first version: published
// monitoring reports are frozen, the edit pages and PUT/DELETE API for
// inspections, findings, measures and milestones, and the one rule for who
// publishes a plan's public page. Both backends.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachBackend } from './lib/server.mjs';

async function api(c, method, p, body) {
  const headers = { Origin: c.baseUrl };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return c.request(p, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function as(ctx, email) {
  const c = ctx.client();
  const r = await c.signIn(email);
  assert.equal(r.status, 303, `sign in ${email}`);
  return c;
}

const ADMIN = 'admin@northbridge.example';
const EASTMERE = 'officer@eastmere.example';
const NORTHBRIDGE = 'officer@northbridge.example';
const ICB = 'dco@threerivers-icb.example';
const FORUM = 'forum@eastmere-pcf.example';
const MONITOR = 'adviser@dfe.example';

forEachBackend('plans gaps', (ctx) => {
  const ids = {};

  it('finds the demo plan', async () => {
    const c = await as(ctx, ADMIN);
    const plans = (await api(c, 'GET', '/api/v1/plans')).json();
    const pap = plans.items.find((p) => p.title === 'Eastmere priority action plan');
    ids.pap = pap.id;
    ids.eastmereInspection = pap.inspection_id;
    ids.eastmereCouncil = pap.lead_org_id;
    assert.ok(ids.eastmereCouncil, 'the lead organisation defaults to the area council');
    const plan = (await api(c, 'GET', `/api/v1/plans/${pap.id}`)).json();
    for (const a of plan.actions) ids[a.ref] = a.id;
    ids.icb = plan.actions.find((a) => a.lead_org_name === 'Three Rivers Integrated Care Board')?.lead_org_id;
    assert.ok(ids.icb);
  });

  it('freezes a published monitoring report: later back-dated actuals do not change it', async () => {
    const c = await as(ctx, ADMIN);
    const today = new Date().toISOString().slice(0, 10);
    const inPeriod = new Date(Date.now() - 3 * 864e5).toISOString().slice(0, 10);
    let r = await api(c, 'POST', `/api/v1/plans/${ids.pap}/reports`, { title: 'Frozen report', period_start: '2025-01-01', period_end: today });
    assert.equal(r.status, 201);
    const rep = r.json();
    const data = (await api(c, 'GET', `/api/v1/reports/${rep.id}`)).json();
    for (const a of data.exceptions) {
      r = await api(c, 'POST', `/api/v1/reports/${rep.id}/commentary`, { action_id: a.id, commentary: `Why ${a.ref} is red` });
      assert.equal(r.status, 200);
    }
    r = await api(c, 'POST', `/api/v1/reports/${rep.id}/publish`, {});
    assert.equal(r.status, 200);
    const before = (await api(c, 'GET', `/api/v1/reports/${rep.id}`)).json();
    assert.equal(before.frozen, true);
    assert.equal(before.report.status, 'published');
    const csvBefore = (await c.get(`/reports/${rep.id}/csv`)).text;
    const htmlBefore = (await c.get(`/reports/${rep.id}`)).text.match(/<main[\s\S]*<\/main>/)[0];
    // A draft report of the same period, for contrast.
    const draft = (await api(c, 'POST', `/api/v1/plans/${ids.pap}/reports`, { title: 'Draft', period_start: '2025-01-01', period_end: today })).json();
    const draftBefore = (await api(c, 'GET', `/api/v1/reports/${draft.id}`)).json();
    // Back-date an actual into the period on the measure of action 1.2.
    const ms = (await api(c, 'GET', `/api/v1/actions/${ids['1.2']}/measures`)).json().items;
    r = await api(c, 'POST', `/api/v1/measures/${ms[0].id}/actuals`, { on_date: inPeriod, value: 1, source: 'Late correction' });
    assert.equal(r.status, 201);
    const after = (await api(c, 'GET', `/api/v1/reports/${rep.id}`)).json();
    assert.deepEqual(after, before, 'the published report is unchanged');
    assert.equal((await c.get(`/reports/${rep.id}/csv`)).text, csvBefore, 'the CSV is unchanged');
    const htmlAfter = (await c.get(`/reports/${rep.id}`)).text.match(/<main[\s\S]*<\/main>/)[0];
    assert.equal(htmlAfter, htmlBefore, 'the page is unchanged');
    const draftAfter = (await api(c, 'GET', `/api/v1/reports/${draft.id}`)).json();
    assert.equal(draftAfter.frozen, false);
    const m1 = (x) => x.actions.find((a) => a.ref === '1.2').measures[0];
    assert.notDeepEqual(m1(draftAfter).actuals, m1(draftBefore).actuals, 'a draft follows the data');
    assert.deepEqual(m1(after).actuals, m1(before).actuals);
    // The demo's published report is frozen too, and monitoring viewers read it.
    const m = await as(ctx, MONITOR);
    const list = (await api(m, 'GET', '/api/v1/reports')).json().items;
    for (const x of list) {
      const d = (await api(m, 'GET', `/api/v1/reports/${x.id}`)).json();
      assert.equal(d.frozen, true, x.title);
    }
  });

  it('lets only administrators and officers of the lead organisation publish a plan page', async () => {
    const east = await as(ctx, EASTMERE);
    const north = await as(ctx, NORTHBRIDGE);
    const icb = await as(ctx, ICB);
    const forum = await as(ctx, FORUM);
    const admin = await as(ctx, ADMIN);
    let r = await api(north, 'POST', `/api/v1/plans/${ids.pap}/publish`, { published: false });
    assert.equal(r.status, 403);
    assert.match(r.json().error.message, /lead organisation/);
    r = await api(icb, 'POST', `/api/v1/plans/${ids.pap}/publish`, { published: false });
    assert.equal(r.status, 403);
    r = await api(forum, 'POST', `/api/v1/plans/${ids.pap}/publish`, { published: false });
    assert.equal(r.status, 403);
    r = await north.post(`/plans/${ids.pap}/publish`, { published: '0' }, { from: `/plans/${ids.pap}` });
    assert.equal(r.status, 403);
    assert.equal((await ctx.client().get(`/improvement/${ids.pap}`)).status, 200, 'still published');
    r = await north.get(`/plans/${ids.pap}`);
    assert.doesNotMatch(r.text, /Withdraw the public page/);
    r = await east.get(`/plans/${ids.pap}`);
    assert.match(r.text, /Withdraw the public page/);
    r = await east.post(`/plans/${ids.pap}/publish`, { published: '0' }, { from: `/plans/${ids.pap}` });
    assert.equal(r.status, 303);
    assert.equal((await ctx.client().get(`/improvement/${ids.pap}`)).status, 404);
    r = await api(admin, 'POST', `/api/v1/plans/${ids.pap}/publish`, { published: true });
    assert.equal(r.status, 200);
    assert.equal(r.json().published, true);
    // A plan the ICB leads: its officers publish it, the council's cannot.
    const areas = (await api(admin, 'GET', '/api/v1/areas')).json();
    const eastArea = (areas.items || areas).find((a) => a.name === 'Eastmere');
    r = await api(east, 'POST', '/api/v1/plans', { area_id: eastArea.id, kind: 'strategic', title: 'Health plan', lead_org_id: ids.icb });
    assert.equal(r.status, 201);
    const hp = r.json();
    assert.equal(hp.lead_org_id, ids.icb);
    r = await api(east, 'POST', `/api/v1/plans/${hp.id}/publish`, { published: true });
    assert.equal(r.status, 403);
    r = await api(icb, 'POST', `/api/v1/plans/${hp.id}/publish`, { published: true });
    assert.equal(r.status, 200);
    r = await api(east, 'POST', '/api/v1/plans', { area_id: eastArea.id, kind: 'strategic', title: 'x', lead_org_id: 'nonsense' });
    assert.equal(r.status, 400);
    assert.equal(r.json().error.field, 'lead_org_id');
    r = await east.get('/plans/new');
    assert.match(r.text, /Lead organisation/);
  });
});
