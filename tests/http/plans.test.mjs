// Plans (improvement): inspections, findings, revisits, plans, actions,
// measures, updates, evidence, monitoring reports, public pages and the
// Ofsted national statistics, over HTTP on SQLite and PostgreSQL, including
// the permission rules of src/plans/access.h.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { forEachBackend, REPO_ROOT } from './lib/server.mjs';
import { api, signedIn as as } from './lib/api.mjs';

const OFSTED = path.resolve(REPO_ROOT, '../shared/data/ofsted/area_send_inspections_2016_2022.csv');
const BIN = process.env.SENDHUB_BIN || path.join(REPO_ROOT, 'build/sendhub-asan');

function cli(args) {
  return new Promise((resolve) => {
    execFile(BIN, args, { cwd: REPO_ROOT, timeout: 120000 }, (err, stdout, stderr) =>
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }));
  });
}

const ADMIN = 'admin@northbridge.example';
const EASTMERE = 'officer@eastmere.example';
const NORTHBRIDGE = 'officer@northbridge.example';
const ICB = 'dco@threerivers-icb.example';
const FORUM = 'forum@eastmere-pcf.example';
const MONITOR = 'adviser@dfe.example';

forEachBackend('plans', (ctx) => {
  const ids = {};

  it('finds the demo plans, actions and inspections through the API', async () => {
    const c = await as(ctx, ADMIN);
    const plans = (await api(c, 'GET', '/api/v1/plans')).json();
    const pap = plans.items.find((p) => p.title === 'Eastmere priority action plan');
    const wsoa = plans.items.find((p) => p.kind === 'wsoa');
    assert.ok(pap && wsoa);
    ids.pap = pap.id;
    ids.wsoa = wsoa.id;
    ids.eastmereInspection = pap.inspection_id;
    ids.northbridgeInspection = wsoa.inspection_id;
    const plan = (await api(c, 'GET', `/api/v1/plans/${pap.id}`)).json();
    assert.equal(plan.actions.length, 10);
    for (const a of plan.actions) ids[a.ref] = a.id;
    const rags = Object.fromEntries(plan.actions.map((a) => [a.ref, a.rag]));
    assert.deepEqual(rags, { '1.1': 'green', '1.2': 'green', '1.3': 'amber', '1.4': 'red', '2.1': 'red', '2.2': 'amber',
      '2.3': 'red', '3.1': 'green', '3.2': 'green', '4.1': 'green' });
    assert.equal(plan.actions.find((a) => a.ref === '3.2').stale, true);
    const reports = (await api(c, 'GET', '/api/v1/reports')).json();
    ids.report = reports.items.find((r) => r.status === 'published').id;
  });

  it('shows inspection records with the reported summary line', async () => {
    const c = await as(ctx, EASTMERE);
    let r = await c.get(`/inspections/${ids.northbridgeInspection}`);
    assert.equal(r.status, 200);
    assert.match(r.text, /5 significant weaknesses: sufficient progress on 3, not on 2/);
    r = await c.get(`/inspections/${ids.eastmereInspection}`);
    assert.match(r.text, /4 areas for priority action: not yet revisited/);
    assert.match(r.text, /widespread and\/or systemic failings/);
    r = await api(c, 'GET', `/api/v1/inspections/${ids.northbridgeInspection}`);
    assert.equal(r.json().summary, '5 significant weaknesses: sufficient progress on 3, not on 2');
    assert.equal(r.json().visits[0].judgements.length, 5);
    for (const p of ['/inspections', '/inspections/new', `/inspections/${ids.northbridgeInspection}/visits/new`, '/plans',
      `/plans/${ids.pap}`, `/plans/${ids.wsoa}`, '/plans/new', `/plans/${ids.pap}/actions/new`, `/plans/${ids.pap}/reports/new`,
      `/actions/${ids['1.2']}`, `/actions/${ids['1.2']}/edit`, '/reports', `/reports/${ids.report}`]) {
      r = await c.get(p);
      assert.equal(r.status, 200, p);
      assert.doesNotMatch(r.text, /style="/, p);
    }
    r = await c.get(`/actions/${ids['1.2']}`);
    assert.match(r.text, /<svg class="plans-chart"/);
    assert.match(r.text, /EHC plans issued within 20 weeks/);
    r = await api(c, 'GET', `/api/v1/inspections?area=Eastmere`);
    assert.equal(r.json().total, 1);
    r = await api(c, 'GET', `/api/v1/inspections/${ids.eastmereInspection}/findings`);
    assert.equal(r.json().items.length, 6);
    assert.equal(r.json().items[0].rag, 'red');
  });

  it('records an inspection, findings and a revisit, with GOV.UK errors for bad input', async () => {
    const c = await as(ctx, ADMIN);
    let r = await c.post('/inspections/new', { framework: '2016' }, { from: '/inspections/new' });
    assert.equal(r.status, 400);
    assert.match(r.text, /govuk-error-summary/);
    assert.match(r.text, /Select the area/);
    assert.match(r.text, /<title>Error: /);
    const areas = (await api(c, 'GET', '/api/v1/areas')).json();
    const wolds = (areas.items || areas).find((a) => a.name === 'Wolds Vale');
    r = await api(c, 'POST', '/api/v1/inspections', { area_id: wolds.id, framework: '2016', start_date: '2019-02-04', outcome: 'outcome3' });
    assert.equal(r.status, 400);
    assert.equal(r.json().error.field, 'outcome');
    r = await api(c, 'POST', '/api/v1/inspections', { area_id: wolds.id, framework: '2016', start_date: '2019-02-04', outcome: 'wsoa' });
    assert.equal(r.status, 201);
    const insp = r.json();
    const fids = [];
    for (let i = 0; i < 3; i++) {
      r = await api(c, 'POST', `/api/v1/inspections/${insp.id}/findings`, { kind: 'significant_weakness', text: `Weakness ${i}`, responsible: 'both' });
      assert.equal(r.status, 201);
      fids.push(r.json().id);
    }
    r = await api(c, 'POST', `/api/v1/inspections/${insp.id}/findings`, { kind: 'priority_action', text: 'x', responsible: 'both' });
    assert.equal(r.status, 400);
    r = await c.post(`/inspections/${insp.id}/findings`, { kind: 'significant_weakness', responsible: 'council' }, { from: `/inspections/${insp.id}` });
    assert.equal(r.status, 400);
    assert.match(r.text, /Enter what the inspectors found/);
    r = await api(c, 'POST', `/api/v1/inspections/${insp.id}/visits`, { kind: 'revisit', start_date: '2021-03-01', sufficient: [fids[0], fids[2]] });
    assert.equal(r.status, 201);
    assert.equal(r.json().summary, '3 significant weaknesses: sufficient progress on 2, not on 1');
    r = await c.post(`/inspections/${insp.id}/visits`, { kind: 'revisit', 'start_date-day': '31', 'start_date-month': '2', 'start_date-year': '2021' },
      { from: `/inspections/${insp.id}/visits/new` });
    assert.equal(r.status, 400);
    assert.match(r.text, /must be a real date/);
    // Forum members and monitors cannot record inspections.
    const f = await as(ctx, FORUM);
    r = await api(f, 'POST', '/api/v1/inspections', { area_id: wolds.id, framework: '2016', start_date: '2019-02-04', outcome: 'wsoa' });
    assert.equal(r.status, 403);
  });

  it('lets officers edit only actions their organisation leads or partners on', async () => {
    const east = await as(ctx, EASTMERE);
    let r = await api(east, 'PATCH', `/api/v1/actions/${ids['1.3']}`, { status: 'in_progress', description: 'Updated by the lead' });
    assert.equal(r.status, 200);
    assert.equal(r.json().description, 'Updated by the lead');
    r = await east.get(`/actions/${ids['1.3']}/edit`);
    assert.equal(r.status, 200);
    const north = await as(ctx, NORTHBRIDGE);
    r = await api(north, 'PATCH', `/api/v1/actions/${ids['1.3']}`, { status: 'completed' });
    assert.equal(r.status, 403);
    r = await north.get(`/actions/${ids['1.3']}`);
    assert.equal(r.status, 200, 'other officers can read');
    assert.doesNotMatch(r.text, /Change this action/);
    r = await north.get(`/actions/${ids['1.3']}/edit`);
    assert.equal(r.status, 403);
    r = await north.post(`/actions/${ids['1.3']}/updates`, { body: 'x' });
    assert.equal(r.status, 403);
    const icb = await as(ctx, ICB);
    r = await api(icb, 'PATCH', `/api/v1/actions/${ids['2.1']}`, { status: 'in_progress' });
    assert.equal(r.status, 200, 'lead organisation');
    r = await api(icb, 'PATCH', `/api/v1/actions/${ids['2.2']}`, { status: 'in_progress' });
    assert.equal(r.status, 200, 'partner organisation');
    r = await api(icb, 'PATCH', `/api/v1/actions/${ids['1.2']}`, { status: 'in_progress' });
    assert.equal(r.status, 403, 'neither lead nor partner');
    // An officer cannot create an action for another organisation.
    const plan = (await api(east, 'GET', `/api/v1/plans/${ids.pap}`)).json();
    const icbOrg = plan.actions.find((a) => a.ref === '2.1').lead_org_id;
    r = await api(east, 'POST', `/api/v1/plans/${ids.pap}/actions`, { ref: '9.9', title: 'Not ours', lead_officer: 'A', accountable_officer: 'B',
      lead_org_id: icbOrg, coproduction: 'information', start_date: '2026-01-01', due_date: '2026-12-31', status: 'not_started' });
    assert.equal(r.status, 400);
    assert.equal(r.json().error.field, 'lead_org_id');
  });

  it('creates an action with milestones, measures, actuals, updates and evidence', async () => {
    const c = await as(ctx, EASTMERE);
    const plan = (await api(c, 'GET', `/api/v1/plans/${ids.pap}`)).json();
    const eastOrg = plan.actions.find((a) => a.ref === '1.2').lead_org_id;
    let r = await c.post(`/plans/${ids.pap}/actions/new`, { title: '' }, { from: `/plans/${ids.pap}/actions/new` });
    assert.equal(r.status, 400);
    assert.match(r.text, /Enter a title/);
    r = await api(c, 'POST', `/api/v1/plans/${ids.pap}/actions`, { ref: '5.1', title: 'Train SENCOs', lead_officer: 'Lena Marsh',
      accountable_officer: 'DCS', lead_org_id: eastOrg, coproduction: 'consultation', start_date: '2020-01-01', due_date: '2019-01-01', status: 'in_progress' });
    assert.equal(r.status, 400);
    assert.equal(r.json().error.field, 'due_date');
    const today = new Date().toISOString().slice(0, 10);
    const later = new Date(Date.now() + 200 * 864e5).toISOString().slice(0, 10);
    const before = new Date(Date.now() - 100 * 864e5).toISOString().slice(0, 10);
    r = await api(c, 'POST', `/api/v1/plans/${ids.pap}/actions`, { ref: '5.1', title: 'Train SENCOs', lead_officer: 'Lena Marsh',
      accountable_officer: 'DCS', lead_org_id: eastOrg, coproduction: 'consultation', start_date: before, due_date: later, status: 'in_progress',
      findings: [plan.inspection_id ? (await api(c, 'GET', `/api/v1/inspections/${plan.inspection_id}/findings`)).json().items[0].id : ''] });
    assert.equal(r.status, 201);
    const a = r.json();
    assert.equal(a.rag, 'green');
    assert.equal(a.findings.length, 1);
    r = await api(c, 'POST', `/api/v1/actions/${a.id}/measures`, { indicator: 'SENCOs trained', baseline: 'lots', baseline_date: before, target: 100, target_date: later });
    assert.equal(r.status, 400);
    assert.equal(r.json().error.field, 'baseline');
    r = await api(c, 'POST', `/api/v1/actions/${a.id}/measures`, { indicator: 'SENCOs trained', unit: 'per cent', baseline: 0, baseline_date: before, target: 100, target_date: later });
    assert.equal(r.status, 201);
    const m = r.json();
    r = await api(c, 'POST', `/api/v1/measures/${m.id}/actuals`, { on_date: today, value: 5, source: 'Training register' });
    assert.equal(r.status, 201);
    r = (await api(c, 'GET', `/api/v1/actions/${a.id}/measures`)).json();
    assert.equal(r.items[0].behind, true);
    assert.equal(r.items[0].progress, 0.05);
    r = (await api(c, 'GET', `/api/v1/actions/${a.id}`)).json();
    assert.equal(r.rag, 'amber');
    assert.match(r.reason, /measure is behind/);
    r = await c.post(`/measures/${m.id}/actuals`, { value: '' }, { from: `/actions/${a.id}` });
    assert.equal(r.status, 400);
    assert.match(r.text, /Enter the value/);
    const uniqueIds = (html) => {
      const found = [...html.matchAll(/\sid="([^"]+)"/g)].map((x) => x[1]);
      assert.deepEqual(found.filter((x, i) => found.indexOf(x) !== i), [], 'duplicate element ids');
    };
    uniqueIds(r.text);
    assert.match(r.text, new RegExp(`href="#value-${m.id.slice(0, 8)}"`), 'error summary links to the field');
    r = await api(c, 'POST', `/api/v1/actions/${a.id}/measures`, { indicator: 'Second measure', baseline: 10, baseline_date: before, target: 1, target_date: later });
    assert.equal(r.status, 201);
    uniqueIds((await c.get(`/actions/${a.id}`)).text);
    r = await api(c, 'POST', `/api/v1/actions/${a.id}/milestones`, { milestone_title: 'Book venues', milestone_due: later });
    assert.equal(r.status, 201);
    r = await c.post(`/actions/${a.id}/updates`, { body: 'First cohort trained.' }, { from: `/actions/${a.id}` });
    assert.equal(r.status, 303);
    r = (await api(c, 'GET', `/api/v1/actions/${a.id}/updates`)).json();
    assert.equal(r.items[0].body, 'First cohort trained.');
    assert.equal(r.items[0].forum_comment, false);
    // Evidence: a link, a PDF, and refused files.
    r = await api(c, 'POST', `/api/v1/actions/${a.id}/evidence`, { evidence_title: 'Board minutes', url: 'javascript:alert(1)' });
    assert.equal(r.status, 400);
    r = await api(c, 'POST', `/api/v1/actions/${a.id}/evidence`, { evidence_title: 'Board minutes', url: 'https://example.org/minutes' });
    assert.equal(r.status, 201);
    await c.get(`/actions/${a.id}`);
    const upload = async (name, bytes) => {
      const fd = new FormData();
      fd.append('csrf_token', c.csrfToken);
      fd.append('evidence_title', 'Training plan');
      fd.append('file', new Blob([bytes]), name);
      return c.request(`/actions/${a.id}/evidence`, { method: 'POST', headers: { Origin: c.baseUrl }, body: fd });
    };
    r = await upload('plan.exe', Buffer.from('MZ\x90\x00binary'));
    assert.equal(r.status, 400);
    assert.match(r.text, /must be a PDF/);
    r = await upload('plan.pdf', Buffer.from('not a pdf'));
    assert.equal(r.status, 400);
    r = await upload('plan.pdf', Buffer.alloc(5 * 1024 * 1024 + 10, 0x25));
    assert.equal(r.status, 400);
    assert.match(r.text, /smaller than 5 MB/);
    const pdf = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n', 'latin1');
    r = await upload('plan.pdf', pdf);
    assert.equal(r.status, 303);
    const ev = (await api(c, 'GET', `/api/v1/actions/${a.id}`)).json().evidence.find((e) => e.kind === 'file');
    assert.equal(ev.size, pdf.length);
    r = await c.get(`/actions/${a.id}/evidence/${ev.id}`);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'application/pdf');
    assert.match(r.headers.get('content-disposition'), /attachment/);
    const north = await as(ctx, NORTHBRIDGE);
    r = await api(north, 'POST', `/api/v1/actions/${a.id}/evidence`, { evidence_title: 'x', url: 'https://example.org' });
    assert.equal(r.status, 403);
    r = await api(north, 'POST', `/api/v1/measures/${m.id}/actuals`, { on_date: today, value: 5, source: 'x' });
    assert.equal(r.status, 403);
  });

  it('saves every form page and the remaining endpoints', async () => {
    const c = await as(ctx, EASTMERE);
    const areas = (await api(await as(ctx, ADMIN), 'GET', '/api/v1/areas')).json();
    const east = (areas.items || areas).find((a) => a.name === 'Eastmere');
    const d = (iso) => { const [y, m, dd] = iso.split('-'); return { day: dd, month: m, year: y }; };
    const dateFields = (name, iso) => { const x = d(iso); return { [`${name}-day`]: x.day, [`${name}-month`]: x.month, [`${name}-year`]: x.year }; };
    let r = await c.post('/inspections/new', { area_id: east.id, framework: '2023', outcome: 'outcome2', ...dateFields('start_date', '2024-06-03') },
      { from: '/inspections/new' });
    assert.equal(r.status, 303);
    const inspPath = r.location;
    r = await c.post(`${inspPath}/findings`, { kind: 'priority_action', text: 'Improve transitions', responsible: 'council' }, { from: inspPath });
    assert.equal(r.status, 303);
    r = await c.get(inspPath);
    assert.match(r.text, /1 area for priority action: not yet revisited/);
    const inspId = inspPath.split('/').pop();
    r = await c.post(`${inspPath}/visits`, { kind: 'monitoring', ...dateFields('start_date', '2025-12-01') }, { from: `${inspPath}/visits/new` });
    assert.equal(r.status, 303);
    r = await c.get(inspPath);
    assert.match(r.text, /1 area for priority action: sufficient progress on 0, not on 1/);
    r = await c.post('/plans/new', { area_id: east.id, inspection_id: inspId, kind: 'strategic', title: 'Eastmere SEND strategy', summary: 'Our plan.' },
      { from: '/plans/new' });
    assert.equal(r.status, 303);
    const planId = r.location.split('/').pop();
    r = await c.post('/plans/new', { area_id: east.id, kind: 'nonsense' }, { from: '/plans/new' });
    assert.equal(r.status, 400);
    assert.match(r.text, /Select the kind of plan/);
    const findings = (await api(c, 'GET', `/api/v1/inspections/${inspId}/findings`)).json().items;
    const pap = (await api(c, 'GET', `/api/v1/plans/${ids.pap}`)).json();
    const eastOrg = pap.actions.find((a) => a.ref === '1.2').lead_org_id;
    const form = { ref: '1', title: 'Transitions panel', description: 'A panel', public_summary: 'Better moves to adult services.',
      findings: [findings[0].id], lead_officer: 'Raj Patel', accountable_officer: 'DCS', lead_org_id: eastOrg, coproduction: 'participation',
      status: 'not_started', ...dateFields('start_date', '2030-01-01'), ...dateFields('due_date', '2030-12-31') };
    r = await c.post(`/plans/${planId}/actions/new`, form, { from: `/plans/${planId}/actions/new` });
    assert.equal(r.status, 303);
    const actionPath = r.location;
    const actionId = actionPath.split('/').pop();
    r = await c.post(`${actionPath}/edit`, { ...form, title: 'Transitions panel (changed)', status: 'in_progress' }, { from: `${actionPath}/edit` });
    assert.equal(r.status, 303);
    r = await c.post(`${actionPath}/edit`, { ...form, title: '' }, { from: `${actionPath}/edit` });
    assert.equal(r.status, 400);
    assert.match(r.text, /Enter a title/);
    r = await c.post(`${actionPath}/milestones`, { milestone_title: 'Terms of reference', ...dateFields('milestone_due', '2030-03-01') }, { from: actionPath });
    assert.equal(r.status, 303);
    r = await c.post(`${actionPath}/milestones`, { milestone_title: '' }, { from: actionPath });
    assert.equal(r.status, 400);
    const ms = (await api(c, 'GET', `/api/v1/actions/${actionId}`)).json().milestones[0];
    r = await c.post(`${actionPath}/milestones/${ms.id}/done`, {}, { from: actionPath });
    assert.equal(r.status, 303);
    assert.ok((await api(c, 'GET', `/api/v1/actions/${actionId}`)).json().milestones[0].done_date);
    r = await c.post(`${actionPath}/measures`, { indicator: 'Young people with a plan at 16', unit: 'per cent', baseline: '20', target: '80',
      ...dateFields('baseline_date', '2029-12-01'), ...dateFields('target_date', '2031-01-01') }, { from: actionPath });
    assert.equal(r.status, 303);
    const m = (await api(c, 'GET', `/api/v1/actions/${actionId}/measures`)).json().items[0];
    r = await c.post(`/measures/${m.id}/milestones`, { value: '50', ...dateFields('due_date', '2030-06-01') }, { from: actionPath });
    assert.equal(r.status, 303);
    r = await api(c, 'POST', `/api/v1/measures/${m.id}/milestones`, { value: 70, due_date: '2030-09-01' });
    assert.equal(r.status, 201);
    r = await c.post(`/measures/${m.id}/actuals`, { value: '30', source: 'Tracker', ...dateFields('on_date', '2030-01-01') }, { from: actionPath });
    assert.equal(r.status, 400);
    assert.match(r.text, /must be today or in the past/);
    r = await c.post(`/measures/${m.id}/actuals`, { value: '30', source: 'Tracker', ...dateFields('on_date', '2025-01-01') }, { from: actionPath });
    assert.equal(r.status, 303);
    const m2 = (await api(c, 'GET', `/api/v1/actions/${actionId}/measures`)).json().items[0];
    assert.equal(m2.milestones.length, 2);
    assert.equal(m2.actuals.length, 1);
    r = await c.post(`${actionPath}/evidence`, { evidence_title: 'Panel minutes', url: 'https://example.org/minutes' }, { from: actionPath });
    assert.equal(r.status, 303);
    r = await c.post(`${actionPath}/coproduction`, { coproduction: 'coproduction' }, { from: actionPath });
    assert.equal(r.status, 303);
    r = await c.get(actionPath);
    assert.match(r.text, /Transitions panel \(changed\)/);
    assert.match(r.text, /Panel minutes/);
    assert.match(r.text, /Young people with a plan at 16/);
    // API: plans and publishing.
    r = await api(c, 'POST', '/api/v1/plans', { area_id: east.id, kind: 'strategic', title: 'API plan' });
    assert.equal(r.status, 201);
    r = await api(c, 'POST', `/api/v1/plans/${r.json().id}/publish`, { published: true });
    assert.equal(r.status, 200);
    assert.equal(r.json().published, true);
    r = await api(c, 'POST', '/api/v1/plans', { area_id: east.id, kind: 'strategic', title: 'x', inspection_id: ids.northbridgeInspection });
    assert.equal(r.status, 400);
    assert.equal(r.json().error.field, 'inspection_id');
    r = await api(c, 'GET', '/api/v1/actions/00000000-0000-4000-8000-000000000000');
    assert.equal(r.status, 404);
    r = await c.get('/actions/not-a-uuid');
    assert.equal(r.status, 404);
  });

  it('lets forum members comment and record co-production, but not edit or publish', async () => {
    const f = await as(ctx, FORUM);
    let r = await f.get(`/actions/${ids['1.2']}`);
    assert.equal(r.status, 200);
    assert.match(r.text, /Add a forum comment/);
    assert.doesNotMatch(r.text, /Change this action/);
    r = await f.post(`/actions/${ids['1.2']}/updates`, { body: 'Families say letters are clearer now.' });
    assert.equal(r.status, 303);
    r = await api(f, 'POST', `/api/v1/actions/${ids['1.2']}/updates`, { body: 'Second comment' });
    assert.equal(r.status, 201);
    assert.equal(r.json().forum_comment, true);
    r = await api(f, 'POST', `/api/v1/actions/${ids['1.2']}/coproduction`, { coproduction: 'coproduction' });
    assert.equal(r.status, 201);
    r = await api(f, 'POST', `/api/v1/actions/${ids['1.2']}/coproduction`, { coproduction: 'everything' });
    assert.equal(r.status, 400);
    r = await f.get(`/actions/${ids['1.2']}`);
    assert.match(r.text, /Forum comment/);
    r = await api(f, 'PATCH', `/api/v1/actions/${ids['1.2']}`, { status: 'completed' });
    assert.equal(r.status, 403);
    r = await api(f, 'POST', `/api/v1/actions/${ids['1.2']}/milestones`, { milestone_title: 'x', milestone_due: '2030-01-01' });
    assert.equal(r.status, 403);
    const otherForum = await as(ctx, 'forum@northbridge-pcf.example');
    r = await api(otherForum, 'POST', `/api/v1/actions/${ids['1.2']}/updates`, { body: 'Not our area' });
    assert.equal(r.status, 403, 'forum members comment on their own areas only');
    r = await otherForum.get(`/actions/${ids['1.2']}`);
    assert.equal(r.status, 200);
    assert.doesNotMatch(r.text, /Add a forum comment/);
    const admin = await as(ctx, ADMIN);
    const draft = (await api(admin, 'POST', `/api/v1/plans/${ids.pap}/reports`, { title: 'Forum test', period_start: '2025-01-01', period_end: '2025-03-31' })).json();
    r = await api(f, 'POST', `/api/v1/reports/${draft.id}/publish`, {});
    assert.equal(r.status, 403);
    r = await f.get(`/reports/${draft.id}`);
    assert.equal(r.status, 200);
    assert.doesNotMatch(r.text, /Publish report/);
  });

  it('publishes a monitoring report only when every red item has commentary', async () => {
    const c = await as(ctx, ADMIN);
    let r = await c.post(`/plans/${ids.pap}/reports/new`, { title: '' }, { from: `/plans/${ids.pap}/reports/new` });
    assert.equal(r.status, 400);
    assert.match(r.text, /Enter a title/);
    const today = new Date().toISOString().slice(0, 10);
    r = await api(c, 'POST', `/api/v1/plans/${ids.pap}/reports`, { title: 'DfE review', period_start: '2025-01-01', period_end: today });
    assert.equal(r.status, 201);
    const rep = r.json();
    const data = (await api(c, 'GET', `/api/v1/reports/${rep.id}`)).json();
    assert.ok(data.exceptions.length >= 2);
    assert.equal(data.exceptions_without_commentary, data.exceptions.length);
    r = await c.post(`/reports/${rep.id}/publish`, {}, { from: `/reports/${rep.id}` });
    assert.equal(r.status, 400);
    assert.match(r.text, /Enter commentary for red action/);
    r = await api(c, 'POST', `/api/v1/reports/${rep.id}/publish`, {});
    assert.equal(r.status, 400);
    for (const a of data.exceptions) {
      r = await c.post(`/reports/${rep.id}/commentary`, { action_id: a.id, commentary: `Recovery plan for ${a.ref}` }, { from: `/reports/${rep.id}` });
      assert.equal(r.status, 303);
    }
    r = await c.post(`/reports/${rep.id}/publish`, {}, { from: `/reports/${rep.id}` });
    assert.equal(r.status, 303);
    r = await c.get(`/reports/${rep.id}`);
    assert.match(r.text, /Published/);
    assert.match(r.text, /<table class="govuk-table"/);
    r = await c.get(`/reports/${rep.id}/csv`);
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type'), /text\/csv/);
    assert.match(r.text, /^finding,finding_kind,action_ref/);
    assert.match(r.text, /Recovery plan for/);
    r = await api(c, 'POST', `/api/v1/reports/${rep.id}/commentary`, { action_id: data.exceptions[0].id, commentary: 'late change' });
    assert.equal(r.status, 409);
    // A report for a past period leaves out later actuals.
    const past = new Date(Date.now() - 50 * 864e5).toISOString().slice(0, 10);
    const old = (await api(c, 'POST', `/api/v1/plans/${ids.pap}/reports`, { title: 'Earlier', period_start: '2020-01-01', period_end: past })).json();
    const earlier = (await api(c, 'GET', `/api/v1/reports/${old.id}`)).json();
    assert.equal(earlier.rated_as_on, past);
    assert.equal(earlier.actions.find((a) => a.ref === '1.2').measures[0].actuals.length, 2);
    assert.equal(data.actions.find((a) => a.ref === '1.2').measures[0].actuals.length, 3);
  });

  it('shows monitoring viewers published reports only and lets them change nothing', async () => {
    const m = await as(ctx, MONITOR);
    const admin = await as(ctx, ADMIN);
    const draft = (await api(admin, 'POST', `/api/v1/plans/${ids.pap}/reports`, { title: 'Secret draft', period_start: '2025-01-01', period_end: '2025-03-31' })).json();
    let r = await m.get('/reports');
    assert.equal(r.status, 200);
    assert.doesNotMatch(r.text, /Secret draft/);
    assert.match(r.text, /SEND board report/);
    r = (await api(m, 'GET', '/api/v1/reports')).json();
    assert.ok(r.items.every((x) => x.status === 'published'));
    r = await m.get(`/reports/${draft.id}`);
    assert.equal(r.status, 404);
    r = await m.get(`/reports/${ids.report}`);
    assert.equal(r.status, 200);
    assert.doesNotMatch(r.text, /Save commentary|Publish report/);
    r = await m.get(`/reports/${ids.report}/csv`);
    assert.equal(r.status, 200);
    for (const [method, p, body] of [['GET', `/actions/${ids['1.2']}`], ['GET', '/plans'], ['GET', `/api/v1/actions/${ids['1.2']}`],
      ['PATCH', `/api/v1/actions/${ids['1.2']}`, { status: 'completed' }], ['POST', `/api/v1/actions/${ids['1.2']}/updates`, { body: 'x' }],
      ['POST', `/api/v1/reports/${draft.id}/publish`, {}], ['POST', `/api/v1/plans/${ids.pap}/reports`, { title: 'x' }]]) {
      r = await api(m, method, p, body);
      assert.equal(r.status, 403, `${method} ${p}`);
    }
  });

  it('publishes a plain-English public page without staff names unless allowed', async () => {
    const pub = ctx.client();
    let r = await pub.get('/improvement');
    assert.equal(r.status, 200);
    assert.match(r.text, /Eastmere priority action plan/);
    r = await pub.get(`/improvement/${ids.pap}`);
    assert.equal(r.status, 200);
    assert.match(r.text, /What we are doing/);
    assert.match(r.text, /Lena Marsh/, 'Eastmere Council allows staff names');
    assert.doesNotMatch(r.text, /Dr Sam Lewis/, 'the ICB does not');
    assert.doesNotMatch(r.text, /Director of/);
    r = await pub.get(`/improvement/${ids.wsoa}`);
    assert.equal(r.status, 404, 'not published');
    r = await pub.get(`/plans/${ids.pap}`);
    assert.equal(r.status, 303);
    // The administrator changes the setting and publishes the WSoA.
    const admin = await as(ctx, ADMIN);
    r = await admin.get('/plans/settings');
    assert.equal(r.status, 200);
    r = await admin.post('/plans/settings', { show_names: [] });
    assert.equal(r.status, 303);
    r = await pub.get(`/improvement/${ids.pap}`);
    assert.doesNotMatch(r.text, /Lena Marsh/);
    r = await admin.post(`/plans/${ids.wsoa}/publish`, { published: '1' }, { from: `/plans/${ids.wsoa}` });
    assert.equal(r.status, 303);
    r = await pub.get(`/improvement/${ids.wsoa}`);
    assert.equal(r.status, 200);
    const east = await as(ctx, EASTMERE);
    r = await east.get('/plans/settings');
    assert.equal(r.status, 403);
    // The stale period is a setting: bad input is refused, a longer one clears the flag.
    r = await admin.post('/plans/settings', { stale_days: 'soon' }, { from: '/plans/settings' });
    assert.equal(r.status, 400);
    assert.match(r.text, /whole number from 1 to 365/);
    let plan = (await api(admin, 'GET', `/api/v1/plans/${ids.pap}`)).json();
    assert.equal(plan.actions.find((a) => a.ref === '3.2').stale, true);
    r = await admin.post('/plans/settings', { stale_days: '90' }, { from: '/plans/settings' });
    assert.equal(r.status, 303);
    plan = (await api(admin, 'GET', `/api/v1/plans/${ids.pap}`)).json();
    assert.equal(plan.actions.find((a) => a.ref === '3.2').stale, false);
  });

  it('audits every change', async () => {
    const admin = await as(ctx, ADMIN);
    for (const [entity, action] of [['inspection', 'create'], ['finding', 'create'], ['inspection_visit', 'create'], ['action', 'update'],
      ['action', 'create'], ['action_update', 'create'], ['action_evidence', 'create'], ['measure', 'create'], ['measure_actual', 'create'],
      ['action_milestone', 'create'], ['report', 'create'], ['report', 'publish'], ['plan', 'update'], ['plans_settings', 'update']]) {
      const r = await api(admin, 'GET', `/api/v1/audit?entity=${entity}&action=${action}`);
      assert.equal(r.status, 200);
      assert.ok(r.json().total >= 1, `${action} ${entity}`);
    }
  });

  it('documents the API in OpenAPI', async () => {
    const doc = (await ctx.client().get('/api/v1/openapi.json')).json();
    for (const p of ['/api/v1/inspections', '/api/v1/inspections/{id}/findings', '/api/v1/plans/{id}/actions', '/api/v1/actions/{id}',
      '/api/v1/actions/{id}/updates', '/api/v1/actions/{id}/measures', '/api/v1/measures/{id}/actuals', '/api/v1/reports/{id}/publish',
      '/api/v1/inspections/national']) assert.ok(doc.paths[p], p);
  });

  it('imports the Ofsted statistics: all or nothing, updating in place', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'plans-ofsted-'));
    try {
      const bad = path.join(dir, 'bad.csv');
      const header = 'Local authority code,Area name,Ofsted region,Inspection start date,Inspection publication date,' +
        'Inspection outcome: written statement of action required?,Number significant weaknesses identified in written statement of action,' +
        'Revisit start date,Revisit publication date,Revisit outcome: sufficient progress in addressing all significant weaknesses?,' +
        'Number significant weaknesses where sufficient progress has been made,Number significant weaknesses where sufficient progress has not been made\n';
      writeFileSync(bad, header + 'E09999991,Testshire,London,2017-03-27T00:00:00,2017-06-29T00:00:00,No\n' +
        'E09999992,Otherplace,London,2017-13-27T00:00:00,2017-06-29T00:00:00,No\n');
      let r = await cli(['inspections', 'import-ofsted', bad, '--db', ctx.server.dbUrl]);
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, /row 3, column 4 \(Inspection start date\)/);
      const c = ctx.client();
      r = (await api(c, 'GET', '/api/v1/inspections/national?area=Testshire')).json();
      assert.equal(r.items.length, 0, 'nothing applied');
      if (!existsSync(OFSTED)) {
        console.log(`skipped: the Ofsted file ${OFSTED} is not present`);
        return;
      }
      for (let run = 0; run < 2; run++) {
        r = await cli(['inspections', 'import-ofsted', OFSTED, '--db', ctx.server.dbUrl]);
        assert.equal(r.code, 0, r.stderr);
        assert.match(r.stdout, /imported 149 areas/);
      }
      r = (await api(c, 'GET', '/api/v1/inspections/national?area=Lancashire')).json();
      assert.equal(r.items.length, 1);
      const l = r.items[0];
      assert.equal(l.la_code, 'E10000017');
      assert.equal(l.inspection_start, '2017-11-13');
      assert.equal(l.revisit_start, '2020-03-09');
      assert.equal(l.weaknesses, 12);
      assert.equal(l.sufficient, 7);
      assert.equal(l.not_sufficient, 5);
      assert.equal(r.comparison.all_areas.inspected, 149);
      assert.ok(r.comparison.all_areas.wsoa_required > 0);
      assert.equal(r.comparison.partnership_areas.wsoa_required >= 1, true);
      r = await c.get('/inspections/national?area=lancashire');
      assert.equal(r.status, 200);
      assert.match(r.text, /Lancashire/);
      assert.match(r.text, /13 November 2017/);
      r = await c.get('/inspections/national');
      assert.match(r.text, /Barking and Dagenham/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
