// The management forms for the list parts of a listing, on SQLite and
// PostgreSQL: categories and SEND needs, costs, places (existing or new, with
// the postcode checked and its latitude/longitude looked up), opening times,
// contacts, languages, accessibility, service areas, and "add a new listing".
// Each form: good input is published (ORUK API shows it, search index too),
// bad input answers 400 with a GOV.UK error summary and changes nothing; a
// voluntary organisation's edits wait in the queue, show in the diff and go
// live when approved.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, Client, startDemo, signedIn, ADMIN, OFFICER } from './partnership.helpers.mjs';

const VOLUNTARY = 'editor@sunflower.example';
const errorsOf = (html) => [...html.matchAll(/<li><a href="#([^"]+)">/g)].map((m) => m[1]);
const checkboxValues = (html, name) => [...html.matchAll(new RegExp(`name="${name}" type="checkbox" value="([^"]+)"`, 'g'))].map((m) => m[1]);

for (const backend of BACKENDS) {
  describe(`directory management forms on ${backend}`, () => {
    let srv;
    let pub;
    let off;
    let svc;
    const find = async (q) => (await pub.get(`/oruk/services?search=${encodeURIComponent(q)}`)).json.contents[0];
    const full = async (id) => (await pub.get(`/oruk/services/${id}`)).json;
    const base = () => `/directory/manage/services/${svc.id}`;

    // Bad input: 400, error summary naming the fields, the listing unchanged.
    async function rejects(path, form, fields) {
      const before = await full(svc.id);
      await off.get(path);
      const r = await off.post(path, form);
      assert.equal(r.status, 400, `${path} ${JSON.stringify(form)}`);
      assert.match(r.text, /govuk-error-summary/);
      assert.deepEqual(errorsOf(r.text), fields);
      assert.deepEqual(await full(svc.id), before, 'nothing changed');
    }
    async function saves(path, form) {
      await off.get(path);
      const r = await off.post(path, form);
      assert.equal(r.status, 303, `${path}: ${r.text.slice(0, 300)}`);
      assert.equal(r.location, `${path}?done=saved`);
      return full(svc.id);
    }

    before(async () => {
      srv = await startDemo(backend);
      pub = new Client(srv.base);
      off = await signedIn(srv.base, OFFICER);
      svc = await find('Autism Outreach Team');
    });
    after(async () => { await srv.stop(); });

    test('the edit page links to every part', async () => {
      const r = await off.get(base());
      assert.equal(r.status, 200);
      for (const part of ['terms', 'costs', 'places', 'times', 'contacts', 'languages', 'access', 'areas'])
        assert.match(r.text, new RegExp(`href="${base()}/${part}"`));
      assert.equal((await pub.get(`${base()}/costs`)).status === 200, false, 'not public');
    });

    test('categories and SEND needs', async () => {
      const page = await off.get(`${base()}/terms`);
      assert.equal(page.status, 200);
      const cats = checkboxValues(page.text, 'categories');
      const needs = checkboxValues(page.text, 'needs');
      assert.ok(cats.length > 3 && needs.length > 5);
      await rejects(`${base()}/terms`, { categories: ['00000000-0000-4000-8000-000000000000'] }, ['categories']);
      await rejects(`${base()}/terms`, { needs: [needs[1]] }, ['categories']);
      const now = await saves(`${base()}/terms`, { categories: [cats[0], cats[1]], needs: [needs[2]] });
      const ids = now.attributes.map((a) => a.taxonomy_term.id).sort();
      assert.deepEqual(ids, [cats[0], cats[1], needs[2]].sort());
      const hit = (await pub.get(`/oruk/services?taxonomy_term_id=${needs[2]}&per_page=50`)).json.contents.map((s) => s.id);
      assert.ok(hit.includes(svc.id));
    });

    test('costs: add free and paid, remove', async () => {
      await rejects(`${base()}/costs`, { cost_type: 'paid', amount: 'lots' }, ['amount']);
      await rejects(`${base()}/costs`, { amount: '5' }, ['cost_type']);
      await rejects(`${base()}/costs`, { cost_type: 'paid', amount: '5.999' }, ['amount']);
      let now = await saves(`${base()}/costs`, { cost_type: 'paid', amount: '12.50', option: 'Per term', amount_description: 'Bursaries available' });
      const paid = now.cost_options.find((c) => c.amount === 12.5);
      assert.equal(paid.option, 'Per term');
      assert.equal(paid.amount_description, 'Bursaries available');
      const page = await off.get(`${base()}/costs`);
      assert.match(page.text, /£12.50, Per term, Bursaries available/);
      now = await saves(`${base()}/costs`, { remove: paid.id });
      assert.equal(now.cost_options.find((c) => c.id === paid.id), undefined);
      await rejects(`${base()}/costs`, { remove: paid.id }, ['items']);
      now = await saves(`${base()}/costs`, { cost_type: 'free' });
      assert.ok(now.cost_options.some((c) => c.amount === 0));
    });

    test('places: a new place with its postcode looked up, an existing place, bad postcodes', async () => {
      await rejects(`${base()}/places`, {}, ['place']);
      await rejects(`${base()}/places`, { place: 'new', address_1: '', city: 'Northbridge', postcode: 'XX' }, ['address_1', 'postcode']);
      await rejects(`${base()}/places`, { place: 'new', address_1: '1 High Street', city: 'Northbridge', postcode: 'ZZ9 9ZZ' }, ['postcode']);
      await rejects(`${base()}/places`, { place: '00000000-0000-4000-8000-000000000000' }, ['place']);
      const count = (await full(svc.id)).service_at_locations.length;
      let now = await saves(`${base()}/places`, { place: 'new', place_name: 'Riverside Hall', address_1: '1 River Road', city: 'Northbridge', postcode: 'nb1  1aa' });
      assert.equal(now.service_at_locations.length, count + 1);
      const sal = now.service_at_locations.find((s) => s.location.name === 'Riverside Hall');
      assert.equal(sal.location.addresses[0].postal_code, 'NB1 1AA');
      assert.equal(typeof sal.location.latitude, 'number');
      assert.ok(Math.abs(sal.location.latitude) > 1);
      const near = (await pub.get('/oruk/service_at_locations?postcode=NB1%201AA&proximity=100&per_page=50')).json.contents;
      assert.ok(near.some((x) => x.id === sal.id), 'found by distance');
      // An existing place of the organisation.
      const page = await off.get(`${base()}/places`);
      const existing = [...page.text.matchAll(/name="place" type="radio" value="([0-9a-f-]{36})"/g)].map((m) => m[1]);
      if (existing.length) {
        now = await saves(`${base()}/places`, { place: existing[0] });
        assert.ok(now.service_at_locations.some((s) => s.location.id === existing[0]));
      }
      now = await saves(`${base()}/places`, { remove: sal.id });
      assert.ok(!now.service_at_locations.some((s) => s.id === sal.id));
    });

    test('opening times', async () => {
      await rejects(`${base()}/times`, { opens_at: '10:00', closes_at: '09:00' }, ['days', 'closes_at']);
      await rejects(`${base()}/times`, { days: ['XX'], opens_at: '25:00', closes_at: '' }, ['days', 'closes_at', 'opens_at']);
      const now = await saves(`${base()}/times`, { days: ['MO', 'WE'], freq: 'WEEKLY', opens_at: '9.30', closes_at: '1200', description: 'Term time only' });
      const s = now.schedules.find((x) => x.description === 'Term time only');
      assert.equal(s.byday, 'MO,WE');
      assert.equal(s.opens_at, '09:30');
      assert.equal(s.closes_at, '12:00');
      assert.equal(s.freq, 'WEEKLY');
      const hit = (await pub.get('/directory?q=autism+outreach&day=WE')).text;
      assert.match(hit, /Autism Outreach Team/);
    });

    test('contacts and phones', async () => {
      await rejects(`${base()}/contacts`, { contact_name: 'Reception' }, ['contact_email']);
      await rejects(`${base()}/contacts`, { contact_email: 'nope', phone: '12' }, ['contact_email', 'phone']);
      const now = await saves(`${base()}/contacts`, { contact_name: 'Duty worker', contact_email: 'duty@outreach.example', phone: '01632 960 123', phone_description: 'Weekdays' });
      const c = now.contacts.find((x) => x.name === 'Duty worker');
      assert.equal(c.email, 'duty@outreach.example');
      assert.equal(c.phones[0].number, '01632 960 123');
      assert.equal(c.phones[0].description, 'Weekdays');
      const page = await pub.get(`/directory/services/${svc.id}`);
      assert.match(page.text, /01632 960 123/);
    });

    test('languages (in the search index) and service areas', async () => {
      await rejects(`${base()}/languages`, { language: '', language_code: 'p1' }, ['language', 'language_code']);
      let now = await saves(`${base()}/languages`, { language: 'Zarquonian', language_code: 'ZQ' });
      assert.ok(now.languages.some((l) => l.name === 'Zarquonian' && l.code === 'zq'));
      assert.equal((await pub.get('/oruk/services?search=zarquonian')).json.contents[0]?.id, svc.id);
      await rejects(`${base()}/languages`, { language: 'zarquonian' }, ['language']);
      await rejects(`${base()}/areas`, { area: '' }, ['area']);
      now = await saves(`${base()}/areas`, { area: 'Wolds Vale district' });
      assert.ok(now.service_areas.some((a) => a.name === 'Wolds Vale district'));
    });

    test('accessibility notes for each place', async () => {
      const page = await off.get(`${base()}/access`);
      assert.equal(page.status, 200);
      const field = /name="(access-\d+)"/.exec(page.text)?.[1];
      assert.ok(field);
      await rejects(`${base()}/access`, { [field]: 'x'.repeat(600) }, [field]);
      const now = await saves(`${base()}/access`, { [field]: 'Step-free entrance\r\n\r\nHearing loop at reception  ' });
      const i = Number(field.slice(7));
      // Stored rows come back in id order, not typing order.
      const notes = now.service_at_locations[i].location.accessibility.map((a) => a.description).sort();
      assert.deepEqual(notes, ['Hearing loop at reception', 'Step-free entrance']);
      const r = await off.get(`${base()}/versions`);
      assert.match(r.text, /changed accessibility/);
    });

    test('a voluntary organisation\'s form edits wait for approval, add up, show in the diff, and publish when approved', async () => {
      const vol = await signedIn(srv.base, VOLUNTARY);
      const s = await find('ADHD Parent Support');
      const path = `/directory/manage/services/${s.id}`;
      const published = await full(s.id);
      assert.equal((await off.get(`${path}/costs`)).status, 404, 'officer of another organisation');
      await vol.get(`${path}/costs`);
      let r = await vol.post(`${path}/costs`, { cost_type: 'paid', amount: 'x' });
      assert.equal(r.status, 400);
      r = await vol.post(`${path}/costs`, { cost_type: 'paid', amount: '3', option: 'Per family' });
      assert.equal(r.status, 303);
      assert.equal(r.location, `${path}/costs?done=queued`);
      await vol.get(`${path}/languages`);
      r = await vol.post(`${path}/languages`, { language: 'Welsh', language_code: 'cy' });
      assert.equal(r.status, 303);
      assert.deepEqual(await full(s.id), published, 'not published yet');
      r = await vol.get(`${path}/costs`);
      assert.match(r.text, /£3.00, Per family/, 'the pending edit is what they work on');
      r = await vol.get('/directory/manage');
      const changes = [...r.text.matchAll(/href="\/directory\/manage\/changes\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
      assert.equal(changes.length, 1, 'one pending edit holds both changes');
      const admin = await signedIn(srv.base, ADMIN);
      r = await admin.get(`/directory/manage/changes/${changes[0]}`);
      assert.match(r.text, /cost_options/);
      assert.match(r.text, /£3.00, Per family/);
      assert.match(r.text, /languages/);
      assert.match(r.text, /Welsh/);
      r = await admin.post(`/directory/manage/changes/${changes[0]}`, { decision: 'approve' });
      assert.equal(r.status, 303);
      const now = await full(s.id);
      assert.ok(now.cost_options.some((c) => c.amount === 3 && c.option === 'Per family'));
      assert.ok(now.languages.some((l) => l.name === 'Welsh'));
      r = await admin.get(`${path}/versions`);
      assert.match(r.text, /approved change/);
    });

    test('add a new listing', async () => {
      let r = await off.get('/directory/manage');
      assert.match(r.text, /href="\/directory\/manage\/new"/);
      r = await off.get('/directory/manage/new');
      assert.equal(r.status, 200);
      const org = /<option value="([0-9a-f-]{36})"/.exec(r.text)[1];
      r = await off.post('/directory/manage/new', { organization: '00000000-0000-4000-8000-000000000000', name: '', description: '' });
      assert.equal(r.status, 400);
      assert.deepEqual(errorsOf(r.text), ['organization', 'name', 'description']);
      assert.equal((await pub.get('/oruk/services?search=Quokka')).json.total_items, 0);
      await off.get('/directory/manage/new');
      r = await off.post('/directory/manage/new', { organization: org, name: 'Quokka Holiday Club', description: 'Holiday activities for disabled children.' });
      assert.equal(r.status, 303);
      const id = /\/directory\/manage\/services\/([0-9a-f-]{36})\?done=created/.exec(r.location)[1];
      const s = await full(id);
      assert.equal(s.name, 'Quokka Holiday Club');
      assert.equal(s.organization.id, org);
      assert.equal((await pub.get('/oruk/services?search=Quokka')).json.contents[0].id, id);
      r = await off.get(`/directory/manage/services/${id}?done=created`);
      assert.match(r.text, /Listing created/);
      r = await off.get('/directory/manage');
      assert.match(r.text, /Quokka Holiday Club/, 'the officer manages it');
      const vol = await signedIn(srv.base, VOLUNTARY);
      r = await vol.get('/directory/manage/new');
      assert.equal(r.status, 200, 'voluntary organisations propose new listings (directory_manage_queue.test.mjs)');
      assert.match(r.text, /Propose a new listing/);
    });
  });
}
