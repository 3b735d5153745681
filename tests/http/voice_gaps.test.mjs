// Voice, the gaps closed after the first version, on both backends:
// feedback about a named directory service (select grouped by organisation,
// the id validated and stored) and its low ratings shown to the service's
// owner at /voice/my-services; pagination of the surveys, engagements and
// "You said, we did" lists; changing and removing survey questions until
// the first response arrives.
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachBackend } from './lib/server.mjs';
import { api, errorSummary, signedIn as as } from './lib/api.mjs';

const ADMIN = 'admin@northbridge.example';
const EASTMERE = 'officer@eastmere.example';
const NORTHBRIDGE = 'officer@northbridge.example';
const THERAPIST = 'therapist@threerivers-nhs.example';
const FORUM = 'forum@eastmere-pcf.example';
const NOPE = '00000000-0000-4000-8000-000000000000';

forEachBackend('voice gaps', (ctx) => {
  const ids = {};

  it('sets up: areas and a generous flood limit', async () => {
    const admin = await as(ctx, ADMIN);
    const areas = (await api(admin, 'GET', '/api/v1/areas?per_page=100')).json();
    ids.areas = Object.fromEntries(areas.items.map((a) => [a.name, a.id]));
    await admin.get('/voice/admin');
    const r = await admin.post('/voice/admin/settings', { retention_days: '365', rate_max: '1000' });
    assert.equal(r.status, 303);
  });

  it('offers directory services grouped by organisation and stores the chosen one', async () => {
    const pub = ctx.client();
    let r = await pub.get('/feedback');
    assert.equal(r.status, 200);
    assert.match(r.text, /<label class="govuk-label" for="service_id">/);
    const group = r.text.match(/<optgroup label="Eastmere Youth Trust">([\s\S]*?)<\/optgroup>/);
    assert.ok(group, 'services grouped by organisation');
    ids.eastService = group[1].match(/<option value="([^"]+)">([^<]+)<\/option>/)[1];
    ids.eastServiceName = group[1].match(/<option value="([^"]+)">([^<]+)<\/option>/)[2]
      .replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    const other = r.text.match(/<optgroup label="Three Rivers SENDIASS">[\s\S]*?<option value="([^"]+)"/);
    ids.northService = other[1];
    const base = { about: 'service', rating: '1', what_happened: 'Nobody called back.', reply: 'no' };
    // Neither a listed service nor a name.
    r = await pub.post('/feedback', { ...base, area: ids.areas.Eastmere }, { from: '/feedback' });
    assert.equal(r.status, 400);
    assert.deepEqual(errorSummary(r.text), ['service_name']);
    // A service id that is not in the directory.
    r = await pub.post('/feedback', { ...base, area: ids.areas.Eastmere, service_id: NOPE }, { from: '/feedback' });
    assert.equal(r.status, 400);
    assert.deepEqual(errorSummary(r.text), ['service_id']);
    assert.match(r.text, /govuk-select--error/);
    r = await api(pub, 'POST', '/api/v1/feedback', { ...base, area: ids.areas.Eastmere, service_id: 'not-an-id' });
    assert.equal(r.status, 400);
    assert.equal(r.json().error.field, 'service_id');
    // Through the form: chosen from the list, kept selected on an error.
    r = await pub.post('/feedback', { ...base, area: ids.areas.Eastmere, service_id: ids.eastService, what_happened: '' }, { from: '/feedback' });
    assert.equal(r.status, 400);
    assert.match(r.text, new RegExp(`<option value="${ids.eastService}" selected>`));
    r = await pub.post('/feedback', { ...base, area: ids.areas.Eastmere, service_id: ids.eastService, reply: 'yes',
      contact_name: 'Robin Vale', contact_email: 'robin.vale@example.com' }, { from: '/feedback' });
    assert.equal(r.status, 200);
    assert.match(r.text, /Thank you for your feedback/);
    // Through the API: an Eastmere service, feedback for Northbridge (not the officer's area), with contact details.
    r = await api(pub, 'POST', '/api/v1/feedback', { ...base, rating: 2, area: ids.areas.Northbridge, service_id: ids.eastService,
      reply: 'yes', contact_email: 'kit.north@example.com' });
    assert.equal(r.status, 201);
    ids.northFb = r.json();
    r = await api(pub, 'POST', '/api/v1/feedback', { ...base, rating: 5, what_happened: 'Great club.', area: ids.areas.Eastmere, service_id: ids.eastService });
    assert.equal(r.status, 201);
    ids.goodFb = r.json();
    r = await api(pub, 'POST', '/api/v1/feedback', { ...base, area: ids.areas.Northbridge, service_id: ids.northService });
    assert.equal(r.status, 201);
    ids.sendiassFb = r.json();
    // Not about a service: the id is not kept.
    r = await api(pub, 'POST', '/api/v1/feedback', { ...base, about: 'ehc', area: ids.areas.Eastmere, service_id: ids.eastService });
    assert.equal(r.status, 201);
    const admin = await as(ctx, ADMIN);
    let rec = (await api(admin, 'GET', `/api/v1/feedback/${ids.northFb.id}`)).json();
    assert.equal(rec.service_id, ids.eastService);
    assert.equal(rec.service_name, ids.eastServiceName);
    rec = (await api(admin, 'GET', `/api/v1/feedback/${r.json().id}`)).json();
    assert.equal(rec.service_id, null);
  });

  it('shows low ratings of a service to its owner, contact details only for their areas', async () => {
    const east = await as(ctx, EASTMERE);
    let r = await api(east, 'GET', '/api/v1/voice/my-services');
    assert.equal(r.status, 200);
    const list = r.json();
    assert.equal(list.total, 2);
    assert.deepEqual(Object.keys(list).sort(), ['items', 'page', 'per_page', 'total']);
    assert.ok(list.items.every((x) => x.rating <= 2 && x.service_id === ids.eastService));
    const inArea = list.items.find((x) => x.area === 'Eastmere');
    const outArea = list.items.find((x) => x.reference === ids.northFb.reference);
    assert.equal(inArea.contact.email, 'robin.vale@example.com');
    assert.equal(outArea.contact, undefined, 'not a triager for Northbridge');
    assert.ok(!list.items.some((x) => x.reference === ids.goodFb.reference), 'good ratings are not listed');
    r = await east.get('/voice/my-services');
    assert.equal(r.status, 200);
    assert.match(r.text, /Low ratings of your services/);
    assert.match(r.text, new RegExp(ids.northFb.reference));
    assert.match(r.text, /robin\.vale@example\.com/);
    assert.doesNotMatch(r.text, /kit\.north@example\.com/);
    assert.match(r.text, /Not shown/);
    assert.doesNotMatch(r.text, new RegExp(ids.sendiassFb.reference), 'another organisation\'s service');
    r = await api(east, 'GET', '/api/v1/voice/my-services?per_page=1&page=2');
    assert.equal(r.json().items.length, 1);
    assert.equal(r.json().page, 2);
    assert.equal((await api(east, 'GET', '/api/v1/voice/my-services?per_page=0')).status, 400);
    // Northbridge Council runs SENDIASS: sees that one, not Eastmere's.
    const north = await as(ctx, NORTHBRIDGE);
    const nl = (await api(north, 'GET', '/api/v1/voice/my-services')).json();
    assert.ok(nl.items.some((x) => x.reference === ids.sendiassFb.reference));
    assert.ok(!nl.items.some((x) => x.service_id === ids.eastService));
    // An officer of an organisation that runs none of them sees none.
    const ther = await as(ctx, THERAPIST);
    const tl = (await api(ther, 'GET', '/api/v1/voice/my-services')).json();
    assert.ok(!tl.items.some((x) => x.service_id === ids.eastService || x.service_id === ids.northService));
    // Administrators see all, with contact details.
    const admin = await as(ctx, ADMIN);
    const al = (await api(admin, 'GET', '/api/v1/voice/my-services?per_page=200')).json();
    assert.ok(al.items.find((x) => x.reference === ids.northFb.reference).contact);
    // Forum members and the public cannot.
    const forum = await as(ctx, FORUM);
    assert.equal((await forum.get('/voice/my-services')).status, 403);
    assert.equal((await api(forum, 'GET', '/api/v1/voice/my-services')).status, 403);
    assert.equal((await api(ctx.client(), 'GET', '/api/v1/voice/my-services')).status, 401);
    // Views with contact details are audited.
    const au = (await api(admin, 'GET', `/api/v1/audit?entity=feedback&entity_id=${inArea.id}`)).json();
    assert.ok(au.total >= 1);
  });

  it('paginates the surveys, engagements and "You said, we did" lists', async () => {
    const east = await as(ctx, EASTMERE);
    const pub = ctx.client();
    for (const [c, p] of [[east, '/api/v1/surveys'], [pub, '/api/v1/surveys'], [east, '/api/v1/engagements'], [pub, '/api/v1/you-said-we-did']]) {
      const all = (await api(c, 'GET', p)).json();
      assert.deepEqual(Object.keys(all).sort(), ['items', 'page', 'per_page', 'total'], p);
      assert.equal(all.page, 1);
      assert.equal(all.items.length, all.total, p);
      assert.ok(all.total >= 2, `${p} has at least 2 items in the demo`);
      const p1 = (await api(c, 'GET', `${p}?per_page=1`)).json();
      const p2 = (await api(c, 'GET', `${p}?per_page=1&page=2`)).json();
      assert.equal(p1.items.length, 1);
      assert.equal(p1.per_page, 1);
      assert.equal(p1.total, all.total);
      assert.equal(p2.page, 2);
      assert.equal(p2.items[0].id, all.items[1].id, p);
      const far = (await api(c, 'GET', `${p}?page=999`)).json();
      assert.equal(far.items.length, 0);
      assert.equal((await api(c, 'GET', `${p}?per_page=0`)).status, 400, p);
      assert.equal((await api(c, 'GET', `${p}?page=x`)).status, 400, p);
    }
    const ys = (await api(pub, 'GET', `/api/v1/you-said-we-did?area=${ids.areas.Northbridge}&per_page=1`)).json();
    assert.ok(ys.items.every((x) => x.area_id === ids.areas.Northbridge));
  });

  it('changes and removes survey questions until the first response, then refuses', async () => {
    const east = await as(ctx, EASTMERE);
    const y = new Date().getUTCFullYear();
    let r = await api(east, 'POST', '/api/v1/surveys', { title: 'Transport survey', opens_on: `${y - 1}-01-01`, closes_on: `${y + 1}-12-31` });
    assert.equal(r.status, 201);
    const sid = r.json().id;
    for (const q of [{ text: 'How was the bus?', kind: 'scale' }, { text: 'Which route?', kind: 'single', options: 'A\nB' },
      { text: 'Anything else?', kind: 'text' }]) {
      r = await api(east, 'POST', `/api/v1/surveys/${sid}/questions`, q);
      assert.equal(r.status, 201);
    }
    let sv = (await api(east, 'GET', `/api/v1/surveys/${sid}`)).json();
    const [q1, q2, q3] = sv.questions;
    // The survey page links to change and remove each question.
    r = await east.get(`/voice/surveys/${sid}`);
    assert.match(r.text, new RegExp(`/voice/surveys/${sid}/questions/${q2.id}/edit`));
    assert.match(r.text, /Remove<span class="govuk-visually-hidden"> question 2<\/span>/);
    // Change through the page: errors, then saved.
    r = await east.get(`/voice/surveys/${sid}/questions/${q2.id}/edit`);
    assert.equal(r.status, 200);
    assert.match(r.text, /value="Which route\?"/);
    r = await east.post(`/voice/surveys/${sid}/questions/${q2.id}/edit`, { text: '', kind: 'single', options: 'Only one' });
    assert.equal(r.status, 400);
    assert.deepEqual(errorSummary(r.text), ['text', 'options']);
    r = await east.post(`/voice/surveys/${sid}/questions/${q2.id}/edit`, { text: 'Which routes?', kind: 'multiple', options: 'A\nB\nC', required: '1' });
    assert.equal(r.status, 303);
    // Change through the API.
    r = await api(east, 'PUT', `/api/v1/surveys/${sid}/questions/${q1.id}`, { text: 'How was the bus this term?', kind: 'scale', required: true });
    assert.equal(r.status, 200);
    r = await api(east, 'PUT', `/api/v1/surveys/${sid}/questions/${q1.id}`, { text: 'x', kind: 'drawing' });
    assert.equal(r.status, 400);
    assert.equal(r.json().error.field, 'kind');
    r = await api(east, 'PUT', `/api/v1/surveys/${sid}/questions/${NOPE}`, { text: 'x', kind: 'text' });
    assert.equal(r.status, 404);
    sv = (await api(east, 'GET', `/api/v1/surveys/${sid}`)).json();
    assert.equal(sv.questions[0].text, 'How was the bus this term?');
    assert.equal(sv.questions[0].required, true);
    assert.equal(sv.questions[1].kind, 'multiple');
    assert.deepEqual(sv.questions[1].options.map((o) => o.value), ['A', 'B', 'C']);
    // Remove: the page removes q1, the API q3; the others move up.
    await east.get(`/voice/surveys/${sid}`);
    r = await east.post(`/voice/surveys/${sid}/questions/${q1.id}/delete`, {});
    assert.equal(r.status, 303);
    r = await api(east, 'DELETE', `/api/v1/surveys/${sid}/questions/${q3.id}`);
    assert.equal(r.status, 200, r.text);
    sv = (await api(east, 'GET', `/api/v1/surveys/${sid}`)).json();
    assert.deepEqual(sv.questions.map((q) => [q.position, q.text]), [[1, 'Which routes?']]);
    // A response arrives: no more changes.
    r = await api(east, 'POST', `/api/v1/surveys/${sid}/publish`, { published: true });
    assert.equal(r.status, 200, r.text);
    r = await api(ctx.client(), 'POST', `/api/v1/surveys/${sid}/responses`, { area: ids.areas.Eastmere, q1: ['A'] });
    assert.equal(r.status, 201);
    r = await api(east, 'PUT', `/api/v1/surveys/${sid}/questions/${q2.id}`, { text: 'Changed', kind: 'text' });
    assert.equal(r.status, 409);
    assert.match(r.json().error.message, /already has responses/);
    r = await api(east, 'DELETE', `/api/v1/surveys/${sid}/questions/${q2.id}`);
    assert.equal(r.status, 409);
    r = await east.get(`/voice/surveys/${sid}/questions/${q2.id}/edit`);
    assert.equal(r.status, 409);
    assert.match(r.text, /already has responses/);
    r = await east.get(`/voice/surveys/${sid}`);
    assert.match(r.text, /This survey has responses, so its questions can no longer be changed or removed/);
    assert.doesNotMatch(r.text, /questions\/[^/]+\/edit/);
    r = await east.post(`/voice/surveys/${sid}/questions/${q2.id}/delete`, {});
    assert.equal(r.status, 409);
    sv = (await api(east, 'GET', `/api/v1/surveys/${sid}`)).json();
    assert.equal(sv.questions.length, 1);
    // The public cannot change questions.
    assert.equal((await api(ctx.client(), 'DELETE', `/api/v1/surveys/${sid}/questions/${q2.id}`)).status, 401);
  });
});
