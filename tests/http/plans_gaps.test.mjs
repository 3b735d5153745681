// Plans (improvement), the gaps closed after the first version: published
// monitoring reports are frozen, the edit pages and PUT/DELETE API for
// inspections, findings, measures and milestones, and the one rule for who
// publishes a plan's public page. Both backends.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachBackend } from './lib/server.mjs';
import { api, errorSummary, signedIn as as } from './lib/api.mjs';

const ADMIN = 'admin@northbridge.example';
const EASTMERE = 'officer@eastmere.example';
const NORTHBRIDGE = 'officer@northbridge.example';
const ICB = 'dco@threerivers-icb.example';
const FORUM = 'forum@eastmere-pcf.example';
const MONITOR = 'adviser@dfe.example';

const dateFields = (name, iso) => { const [y, m, d] = iso.split('-'); return { [`${name}-day`]: d, [`${name}-month`]: m, [`${name}-year`]: y }; };

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

  it('changes inspections and findings, and removes findings nothing rests on', async () => {
    const c = await as(ctx, EASTMERE);
    const admin = await as(ctx, ADMIN);
    const areas = (await api(admin, 'GET', '/api/v1/areas')).json();
    const eastArea = (areas.items || areas).find((a) => a.name === 'Eastmere');
    let r = await api(c, 'POST', '/api/v1/inspections', { area_id: eastArea.id, framework: '2023', start_date: '2025-03-03', outcome: 'outcome2' });
    assert.equal(r.status, 201);
    const insp = r.json();
    const f = [];
    for (const text of ['Waiting times', 'Transitions', 'Information']) {
      r = await api(c, 'POST', `/api/v1/inspections/${insp.id}/findings`, { kind: 'priority_action', text, responsible: 'both' });
      assert.equal(r.status, 201);
      f.push(r.json());
    }
    // The inspection page links to the edit pages.
    r = await c.get(`/inspections/${insp.id}`);
    assert.match(r.text, new RegExp(`/inspections/${insp.id}/edit`));
    assert.match(r.text, new RegExp(`/findings/${f[1].id}/edit`));
    // Inspection: page with errors, then saved; API.
    r = await c.get(`/inspections/${insp.id}/edit`);
    assert.equal(r.status, 200);
    assert.match(r.text, /name="start_date-year" type="text" value="2025"|value="2025"/);
    r = await c.post(`/inspections/${insp.id}/edit`, { outcome: 'wsoa', ...dateFields('start_date', '2025-03-03'), ...dateFields('end_date', '2025-02-01') });
    assert.equal(r.status, 400);
    assert.deepEqual(errorSummary(r.text).sort(), ['end_date', 'outcome']);
    r = await c.post(`/inspections/${insp.id}/edit`, { outcome: 'outcome3', ...dateFields('start_date', '2025-03-04'), ...dateFields('publication_date', '2025-05-01') });
    assert.equal(r.status, 303);
    r = await api(c, 'GET', `/api/v1/inspections/${insp.id}`);
    assert.equal(r.json().outcome, 'outcome3');
    assert.equal(r.json().start_date, '2025-03-04');
    r = await api(c, 'PUT', `/api/v1/inspections/${insp.id}`, { start_date: '2025-03-05', outcome: 'outcome1' });
    assert.equal(r.status, 200);
    assert.equal(r.json().outcome, 'outcome1');
    r = await api(c, 'PUT', `/api/v1/inspections/${insp.id}`, { start_date: '2025-02-30', outcome: 'outcome1' });
    assert.equal(r.status, 400);
    assert.equal(r.json().error.field, 'start_date');
    assert.equal((await api(c, 'PUT', '/api/v1/inspections/00000000-0000-4000-8000-000000000000', { start_date: '2025-01-01', outcome: 'outcome1' })).status, 404);
    // Findings.
    r = await c.get(`/findings/${f[1].id}/edit`);
    assert.equal(r.status, 200);
    assert.match(r.text, /Transitions/);
    assert.match(r.text, /Remove this finding/);
    r = await c.post(`/findings/${f[1].id}/edit`, { kind: 'significant_weakness', text: '', responsible: 'icb' });
    assert.equal(r.status, 400);
    assert.deepEqual(errorSummary(r.text).sort(), ['kind', 'text']);
    r = await c.post(`/findings/${f[1].id}/edit`, { kind: 'improvement', text: 'Transitions to adult services', responsible: 'icb' });
    assert.equal(r.status, 303);
    r = await api(c, 'PUT', `/api/v1/findings/${f[2].id}`, { kind: 'priority_action', text: 'Information for families', responsible: 'council' });
    assert.equal(r.status, 200);
    assert.equal(r.json().text, 'Information for families');
    // An action answers finding 1: it can no longer be removed.
    const plan = (await api(c, 'POST', '/api/v1/plans', { area_id: eastArea.id, inspection_id: insp.id, kind: 'pap', title: 'Edit test plan' })).json();
    r = await api(c, 'POST', `/api/v1/plans/${plan.id}/actions`, { ref: '1', title: 'Cut waits', lead_officer: 'A', accountable_officer: 'B',
      lead_org_id: ids.eastmereCouncil, coproduction: 'participation', start_date: '2030-01-01', due_date: '2030-06-01', status: 'not_started', findings: [f[0].id] });
    assert.equal(r.status, 201);
    ids.editAction = r.json().id;
    r = await api(c, 'DELETE', `/api/v1/findings/${f[0].id}`);
    assert.equal(r.status, 409);
    r = await c.get(`/findings/${f[0].id}/edit`);
    assert.doesNotMatch(r.text, /Remove this finding/);
    r = await c.post(`/findings/${f[0].id}/delete`, {});
    assert.equal(r.status, 409);
    // Findings 2 (page) and 3 (API) can go; numbering closes up.
    await c.get(`/findings/${f[1].id}/edit`);
    r = await c.post(`/findings/${f[1].id}/delete`, {});
    assert.equal(r.status, 303);
    r = await api(c, 'DELETE', `/api/v1/findings/${f[2].id}`);
    assert.equal(r.status, 200);
    r = await api(c, 'GET', `/api/v1/inspections/${insp.id}/findings`);
    assert.deepEqual(r.json().items.map((x) => [x.seq, x.text]), [[1, 'Waiting times']]);
    // Forum members and monitoring viewers cannot.
    for (const who of [FORUM, MONITOR]) {
      const o = await as(ctx, who);
      assert.equal((await api(o, 'PUT', `/api/v1/findings/${f[0].id}`, { kind: 'priority_action', text: 'x', responsible: 'icb' })).status, 403);
      assert.equal((await api(o, 'DELETE', `/api/v1/findings/${f[0].id}`)).status, 403);
    }
    // Every change audited.
    for (const [entity, id, action] of [['inspection', insp.id, 'update'], ['finding', f[2].id, 'update'], ['finding', f[1].id, 'delete']]) {
      const a = (await api(admin, 'GET', `/api/v1/audit?entity=${entity}&entity_id=${id}&action=${action}`)).json();
      assert.ok(a.total >= 1, `${entity} ${action} audited`);
    }
  });

  it('changes milestones and measures, and removes them while nothing rests on them', async () => {
    const c = await as(ctx, EASTMERE);
    const north = await as(ctx, NORTHBRIDGE);
    const aid = ids.editAction;
    let r = await api(c, 'POST', `/api/v1/actions/${aid}/milestones`, { milestone_title: 'Terms of reference', milestone_due: '2030-02-01' });
    assert.equal(r.status, 201);
    const m1 = r.json();
    r = await api(c, 'POST', `/api/v1/actions/${aid}/milestones`, { milestone_title: 'Panel meets', milestone_due: '2030-03-01' });
    const m2 = r.json();
    r = await c.get(`/actions/${aid}`);
    assert.match(r.text, new RegExp(`/actions/${aid}/milestones/${m1.id}/edit`));
    r = await c.get(`/actions/${aid}/milestones/${m1.id}/edit`);
    assert.equal(r.status, 200);
    assert.match(r.text, /Terms of reference/);
    r = await c.post(`/actions/${aid}/milestones/${m1.id}/edit`, { milestone_title: '', ...dateFields('milestone_due', '2030-02-31') });
    assert.equal(r.status, 400);
    assert.deepEqual(errorSummary(r.text).sort(), ['milestone_due', 'milestone_title']);
    r = await c.post(`/actions/${aid}/milestones/${m1.id}/edit`, { milestone_title: 'Agree terms of reference', ...dateFields('milestone_due', '2030-02-15') });
    assert.equal(r.status, 303);
    r = await api(c, 'PUT', `/api/v1/actions/${aid}/milestones/${m2.id}`, { milestone_title: 'First panel', milestone_due: '2030-03-15' });
    assert.equal(r.status, 200);
    assert.equal(r.json().title, 'First panel');
    assert.equal((await api(north, 'PUT', `/api/v1/actions/${aid}/milestones/${m2.id}`, { milestone_title: 'x', milestone_due: '2030-03-15' })).status, 403);
    // Done milestones stay.
    await c.get(`/actions/${aid}`);
    r = await c.post(`/actions/${aid}/milestones/${m1.id}/done`, {});
    assert.equal(r.status, 303);
    r = await api(c, 'DELETE', `/api/v1/actions/${aid}/milestones/${m1.id}`);
    assert.equal(r.status, 409);
    await c.get(`/actions/${aid}/milestones/${m2.id}/edit`);
    r = await c.post(`/actions/${aid}/milestones/${m2.id}/delete`, {});
    assert.equal(r.status, 303);
    r = await api(c, 'GET', `/api/v1/actions/${aid}`);
    assert.deepEqual(r.json().milestones.map((x) => x.title), ['Agree terms of reference']);
    // Measures.
    r = await api(c, 'POST', `/api/v1/actions/${aid}/measures`, { indicator: 'Waiting weeks', unit: 'weeks', baseline: 30, baseline_date: '2029-12-01', target: 12, target_date: '2031-01-01' });
    assert.equal(r.status, 201);
    const ms = r.json();
    r = await c.get(`/actions/${aid}`);
    assert.match(r.text, new RegExp(`/measures/${ms.id}/edit`));
    r = await c.get(`/measures/${ms.id}/edit`);
    assert.equal(r.status, 200);
    assert.match(r.text, /value="30"/);
    r = await c.post(`/measures/${ms.id}/edit`, { indicator: 'Waiting weeks', baseline: 'lots', target: '12', ...dateFields('baseline_date', '2029-12-01'), ...dateFields('target_date', '2028-01-01') });
    assert.equal(r.status, 400);
    assert.deepEqual(errorSummary(r.text).sort(), ['baseline', 'target_date']);
    r = await c.post(`/measures/${ms.id}/edit`, { indicator: 'Average wait', unit: 'weeks', baseline: '28', target: '10', ...dateFields('baseline_date', '2029-12-01'), ...dateFields('target_date', '2031-01-01') });
    assert.equal(r.status, 303);
    r = await api(c, 'PUT', `/api/v1/measures/${ms.id}`, { indicator: 'Average wait (weeks)', unit: 'weeks', baseline: 28, baseline_date: '2029-12-01', target: 8, target_date: '2031-01-01' });
    assert.equal(r.status, 200);
    assert.equal(r.json().target, 8);
    assert.equal((await api(north, 'DELETE', `/api/v1/measures/${ms.id}`)).status, 403);
    r = await api(c, 'POST', `/api/v1/measures/${ms.id}/actuals`, { on_date: '2024-01-01', value: 25, source: 'Case system' });
    assert.equal(r.status, 201);
    r = await api(c, 'DELETE', `/api/v1/measures/${ms.id}`);
    assert.equal(r.status, 409);
    r = await api(c, 'POST', `/api/v1/actions/${aid}/measures`, { indicator: 'Spare', baseline: 1, baseline_date: '2029-12-01', target: 2, target_date: '2031-01-01' });
    const spare = r.json();
    await c.get(`/measures/${spare.id}/edit`);
    r = await c.post(`/measures/${spare.id}/delete`, {});
    assert.equal(r.status, 303);
    r = await api(c, 'GET', `/api/v1/actions/${aid}/measures`);
    assert.deepEqual(r.json().items.map((x) => x.indicator), ['Average wait (weeks)']);
    const admin = await as(ctx, ADMIN);
    for (const [entity, id, action] of [['measure', ms.id, 'update'], ['measure', spare.id, 'delete'], ['action_milestone', m2.id, 'delete']]) {
      const a = (await api(admin, 'GET', `/api/v1/audit?entity=${entity}&entity_id=${id}&action=${action}`)).json();
      assert.ok(a.total >= 1, `${entity} ${action} audited`);
    }
  });
});
