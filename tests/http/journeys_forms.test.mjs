// Journeys plan forms over HTTP on SQLite and PostgreSQL: placements and SEN
// needs, phase transfer and amendments (with their clocks), each with GOV.UK
// errors and audited; and a school whose URN (set by an administrator) is a
// child's current placement is involved with the child, while another
// school is not.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachBackend } from './lib/server.mjs';

const NB_OFFICER = 'officer@northbridge.example';
const NB_ADMIN = 'admin@northbridge.example';
const SENCO = 'senco@riverside.example';

async function as(ctx, email, password) {
  const c = ctx.client();
  const r = await c.signIn(email, password);
  assert.equal(r.status, 303, `sign-in ${email}`);
  return c;
}

async function json(c, method, path, body) {
  const page = await c.get('/journeys');
  const headers = { 'Content-Type': 'application/json', 'X-CSRF-Token': page.csrfToken || c.csrfToken, Origin: c.baseUrl };
  return c.request(path, { method, headers, body: JSON.stringify(body) });
}

const d = (prefix, iso) => {
  const [y, m, day] = iso.split('-');
  return { [`${prefix}-day`]: String(Number(day)), [`${prefix}-month`]: String(Number(m)), [`${prefix}-year`]: y };
};

/* A new child with an issued plan, recorded through the pages; returns the request path. */
async function childWithPlan(c, forename) {
  let r = await c.post('/journeys/children/new', {
    forename, surname: 'Formtest', upn: '', ...d('dob', '2014-04-04'), ...d('received', '2025-01-06'), source: '1',
  }, { from: '/journeys/children/new' });
  assert.equal(r.status, 303);
  const path = r.location;
  r = await c.post(`${path}/record/decision`, { outcome: 'Y', ...d('date', '2025-02-10') }, { from: `${path}/record/decision` });
  assert.equal(r.status, 303);
  r = await c.post(`${path}/record/final`, { outcome: 'Y', ...d('date', '2025-05-20') }, { from: `${path}/record/final` });
  assert.equal(r.status, 303);
  return path;
}

forEachBackend('journeys forms', (ctx) => {
  const s = {};

  it('records placements with GOV.UK errors for bad input', async () => {
    const c = await as(ctx, NB_OFFICER);
    // no plan yet: the plan steps are not offered and are refused
    let r = await c.post('/journeys/children/new', {
      forename: 'Nplan', surname: 'Formtest', upn: '', ...d('dob', '2014-04-04'), ...d('received', '2026-01-06'), source: '1',
    }, { from: '/journeys/children/new' });
    const noPlan = r.location;
    assert.doesNotMatch((await c.get(noPlan)).text, /record\/placement/);
    r = await c.post(`${noPlan}/record/placement`, { urn: '100123', rank: '1', ...d('entry', '2026-01-06') }, { from: `${noPlan}/record/placement` });
    assert.equal(r.status, 400);
    assert.match(r.text, /has no issued plan/);

    s.path = await childWithPlan(c, 'Placey');
    assert.match((await c.get(s.path)).text, /record\/placement/);
    let form = await c.get(`${s.path}/record/placement`);
    assert.equal(form.status, 200);
    assert.match(form.text, /School or college URN/);
    r = await c.post(`${s.path}/record/placement`, { urn: '', ukprn: '', setting: '', rank: '', ...d('entry', '2025-09-01') });
    assert.equal(r.status, 400);
    assert.match(r.text, /govuk-error-summary/);
    assert.match(r.text, /Enter the school&#39;s URN or UKPRN, or choose the kind of setting|Enter the school's URN or UKPRN/);
    assert.match(r.text, /Enter the placement rank/);
    r = await c.post(`${s.path}/record/placement`, { urn: '12ab', rank: '1', ...d('entry', '2025-09-01'), ...d('leaving', '2025-08-01') },
      { from: `${s.path}/record/placement` });
    assert.equal(r.status, 400);
    assert.match(r.text, /Enter the URN as 6 or 7 digits/);
    r = await c.post(`${s.path}/record/placement`, { urn: '100123', rank: '1', ...d('entry', '2025-09-01'), ...d('leaving', '2025-08-01') },
      { from: `${s.path}/record/placement` });
    assert.equal(r.status, 400);
    assert.match(r.text, /The leaving date must be on or after the entry date/);
    r = await c.post(`${s.path}/record/placement`, { urn: '100123', rank: '1', ...d('entry', '2025-09-01') }, { from: `${s.path}/record/placement` });
    assert.equal(r.status, 303);
    r = await c.post(`${s.path}/record/placement`, { urn: '', setting: 'EHE', rank: '2', ...d('entry', '2024-09-01'), ...d('leaving', '2025-07-20') },
      { from: `${s.path}/record/placement` });
    assert.equal(r.status, 303);
    const page = await c.get(s.path);
    assert.match(page.text, /<caption[^>]*>Placements/);
    assert.match(page.text, /URN 100123/);
    assert.match(page.text, /Elective home education/);
    assert.match(page.text, /20 July 2025/);
  });

  it('records the primary and secondary SEN need, replacing the one at a rank', async () => {
    const c = await as(ctx, NB_OFFICER);
    let r = await c.post(`${s.path}/record/need`, { type: 'XYZ', rank: '' }, { from: `${s.path}/record/need` });
    assert.equal(r.status, 400);
    assert.match(r.text, /govuk-error-summary/);
    assert.match(r.text, /Select the type of need/);
    assert.match(r.text, /Select whether this is the primary or secondary need/);
    for (const [type, rank] of [['MLD', '1'], ['SLCN', '2'], ['ASD', '1']]) {
      r = await c.post(`${s.path}/record/need`, { type, rank }, { from: `${s.path}/record/need` });
      assert.equal(r.status, 303);
    }
    const page = await c.get(s.path);
    assert.match(page.text, /<caption[^>]*>Special educational needs/);
    assert.match(page.text, /Autistic spectrum disorder/);
    assert.match(page.text, /Speech, language and communication needs/);
    assert.doesNotMatch(page.text, /Moderate learning difficulty/, 'the primary need was replaced');
  });

  it('records a phase transfer and an amendment, with their statutory clocks', async () => {
    const c = await as(ctx, NB_OFFICER);
    let r = await c.post(`${s.path}/record/phase-transfer`, { year: '20x7', post16: '' }, { from: `${s.path}/record/phase-transfer` });
    assert.equal(r.status, 400);
    assert.match(r.text, /Enter the year of the transfer as 4 digits/);
    assert.match(r.text, /Select the kind of transfer/);
    r = await c.post(`${s.path}/record/phase-transfer`, { year: '2026', post16: 'no', ...d('final', '2026-02-20') }, { from: `${s.path}/record/phase-transfer` });
    assert.equal(r.status, 303);
    r = await c.post(`${s.path}/record/amendment`, { ...d('sent', '2025-11-03'), ...d('final', '2025-11-01') }, { from: `${s.path}/record/amendment` });
    assert.equal(r.status, 400);
    assert.match(r.text, /The amended plan must be issued on or after the day the proposals were sent/);
    r = await c.post(`${s.path}/record/amendment`, { ...d('sent', '2025-11-03'), ...d('final', '2025-12-29') }, { from: `${s.path}/record/amendment` });
    assert.equal(r.status, 303);
    const page = await c.get(s.path);
    assert.match(page.text, /Reviews of the plan/);
    // phase transfer due 15 February 2026, done 20 February: late by 5 days
    assert.match(page.text, /15 February 2026/);
    assert.match(page.text, /20 February 2026/);
    // amendment: proposals sent 3 November 2025, 8 weeks = 29 December 2025, done that day
    assert.match(page.text, /proposals sent 3 November 2025/);
    assert.match(page.text, /29 December 2025/);
    assert.match(page.text, /Done on time/);
    assert.match(page.text, /Done late/);
    const admin = await as(ctx, NB_ADMIN);
    const audit = await admin.get('/api/v1/audit?entity=child-request&action=update&per_page=100');
    assert.equal(audit.status, 200);
    const details = audit.json().items.map((x) => x.detail);
    for (const step of ['placement', 'need', 'phase-transfer', 'amendment']) assert.ok(details.includes(step), `audited: ${step}`);
  });

  it('makes a school involved with the children whose current placement it is', async () => {
    const admin = await as(ctx, NB_ADMIN);
    const c = await as(ctx, NB_OFFICER);
    const childId = (await c.get(s.path)).text.match(/href="\/journeys\/children\/([0-9a-f-]{36})"/)[1];
    // another school, with its own officer
    let r = await json(admin, 'POST', '/api/v1/organisations', { name: 'Hillside Academy', type: 'school' });
    assert.equal(r.status, 201, r.text);
    const hill = r.json().id;
    r = await json(admin, 'POST', '/api/v1/people', {
      name: 'Lee Hill', email: 'senco@hillside.example', organisation_id: hill, role: 'officer', password: 'hillside-password-1',
    });
    assert.equal(r.status, 201, r.text);
    const riverside = (await admin.get('/api/v1/organisations?per_page=200')).json().items.find((o) => o.name === 'Riverside Primary School').id;

    const senco = await as(ctx, SENCO);
    const other = await as(ctx, 'senco@hillside.example', 'hillside-password-1');
    assert.equal((await senco.get(`/journeys/children/${childId}`)).status, 404, 'no URN yet: not involved');

    // the settings page and form, with errors
    let p = await admin.get('/journeys/settings');
    assert.equal(p.status, 200);
    assert.match(p.text, /Riverside Primary School/);
    assert.equal((await c.get('/journeys/settings')).status, 403, 'administrators only');
    p = await admin.get(`/journeys/settings/organisations/${riverside}`);
    assert.equal(p.status, 200);
    r = await admin.post(`/journeys/settings/organisations/${riverside}`, { urn: '12', ukprn: 'abc' });
    assert.equal(r.status, 400);
    assert.match(r.text, /govuk-error-summary/);
    assert.match(r.text, /Enter the URN as 6 or 7 digits/);
    assert.match(r.text, /Enter the UKPRN as 8 digits/);
    r = await admin.post(`/journeys/settings/organisations/${riverside}`, { urn: '100123', ukprn: '' }, { from: `/journeys/settings/organisations/${riverside}` });
    assert.equal(r.status, 303);
    assert.match((await admin.get('/journeys/settings')).text, /100123/);
    // the other school through the API: a URN that is only a past placement of the child (EHE has none), then a wrong one
    r = await json(admin, 'PUT', `/api/v1/journeys/organisations/${hill}/identifiers`, { urn: 'x' });
    assert.equal(r.status, 400);
    assert.equal(r.json().error.field, 'urn');
    r = await json(admin, 'PUT', `/api/v1/journeys/organisations/${hill}/identifiers`, { urn: '100999', ukprn: '10000001' });
    assert.equal(r.status, 200);
    assert.equal(r.json().urn, '100999');

    assert.equal((await senco.get(`/journeys/children/${childId}`)).status, 200, 'the placement school opens the child');
    assert.equal((await senco.get(`${s.path}`)).status, 200);
    assert.ok((await senco.get('/api/v1/journeys/children?per_page=200')).json().items.some((x) => x.id === childId));
    const o = await other.get(`/journeys/children/${childId}`);
    assert.equal(o.status, 404, 'an unrelated school cannot');
    assert.ok(!o.text.includes('Placey'));
    assert.equal((await other.get(`/api/v1/journeys/children/${childId}`)).status, 404);
    assert.equal((await other.get('/api/v1/journeys/children')).json().total, 0);

    // a placement that has ended does not count
    r = await c.post(`${s.path}/record/placement`, { urn: '100999', rank: '3', ...d('entry', '2023-09-01'), ...d('leaving', '2024-07-20') },
      { from: `${s.path}/record/placement` });
    assert.equal(r.status, 303);
    assert.equal((await other.get(`/journeys/children/${childId}`)).status, 404, 'a past placement does not make a school involved');
    const audit = await admin.get('/api/v1/audit?entity=organisation-identifiers&per_page=50');
    assert.ok(audit.json().items.length >= 2);
  });
});
