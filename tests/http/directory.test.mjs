// The Local Offer directory over HTTP, on SQLite and PostgreSQL: every ORUK
// endpoint and filter (400s naming the parameter, 404s, CORS, ndjson), the
// public search and service pages (postcode errors, filters, pagination,
// the home page's "support groups near you") and "Suggest an edit".
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, Client, startDemo } from './partnership.helpers.mjs';

const NOPE = '00000000-0000-4000-8000-000000000000';

function errorSummary(text) {
  return [...text.matchAll(/<li><a href="#([^"]+)">([^<]+)<\/a><\/li>/g)].map((m) => [m[1], m[2]]);
}

for (const backend of BACKENDS) {
  describe(`directory on ${backend}`, () => {
    let srv;
    let c;
    let terms;
    const term = (code) => terms.find((t) => t.code === code);
    before(async () => {
      srv = await startDemo(backend);
      c = new Client(srv.base);
      terms = (await c.get('/oruk/taxonomy_terms?per_page=100')).json.contents;
    });
    after(async () => { await srv.stop(); });

    test('api_details and CORS on every answer, errors included', async () => {
      for (const p of ['/oruk/', '/oruk', '/oruk/services', `/oruk/services/${NOPE}`, '/oruk/services?page=0']) {
        const r = await c.get(p);
        assert.equal(r.headers.get('access-control-allow-origin'), '*', p);
      }
      const r = await c.get('/oruk/');
      assert.deepEqual(Object.keys(r.json).sort(), ['openapi_url', 'profile', 'version']);
      assert.equal(r.json.version, 'HSDS-UK-3.0');
    });

    test('services: envelope, paging, ordering and every page together is every service once', async () => {
      const first = await c.get('/oruk/services?per_page=7');
      const { total_items: total, total_pages: pages } = first.json;
      assert.ok(total >= 40, `at least 40 demo services, got ${total}`);
      assert.equal(pages, Math.ceil(total / 7));
      const seen = new Set();
      for (let p = 1; p <= pages; p++) {
        const r = await c.get(`/oruk/services?per_page=7&page=${p}`);
        assert.equal(r.json.page_number, p);
        assert.equal(r.json.first_page, p === 1);
        assert.equal(r.json.last_page, p === pages);
        r.json.contents.forEach((s) => seen.add(s.id));
      }
      assert.equal(seen.size, total);
      const beyond = await c.get(`/oruk/services?per_page=7&page=${pages + 1}`);
      assert.equal(beyond.status, 200);
      assert.equal(beyond.json.empty, true);
      assert.deepEqual(beyond.json.contents, []);
    });

    test('services: bad parameters are 400 naming the parameter', async () => {
      const cases = [
        ['page=0', 'page'], ['page=x', 'page'], ['per_page=0', 'per_page'], ['per_page=501', 'per_page'],
        ['format=xml', 'format'], ['minimal=maybe', 'minimal'], ['full=2', 'full'],
        ['taxonomy_term_id=abc', 'taxonomy_term_id'], ['taxonomy_id=abc', 'taxonomy_id'],
        ['organization_id=abc', 'organization_id'], ['modified_after=yesterday', 'modified_after'],
        ['minimum_age=-1', 'minimum_age'], ['maximum_age=ten', 'maximum_age'], [`search=${'x'.repeat(201)}`, 'search'],
      ];
      for (const [q, field] of cases) {
        const r = await c.get(`/oruk/services?${q}`);
        assert.equal(r.status, 400, q);
        assert.equal(r.json.error.field, field, q);
        assert.match(r.json.error.message, new RegExp(field), q);
      }
      for (const [q, field] of [['postcode=hello', 'postcode'], ['postcode=ZE9%209ZZ', 'postcode'], ['proximity=100', 'postcode'],
        ['postcode=NB1%201AA&proximity=0', 'proximity']]) {
        const r = await c.get(`/oruk/service_at_locations?${q}`);
        assert.equal(r.status, 400, q);
        assert.equal(r.json.error.field, field, q);
      }
    });

    test('unknown ids are 404 JSON errors on every item path', async () => {
      for (const p of ['services', 'service_at_locations', 'organizations', 'taxonomies', 'taxonomy_terms']) {
        for (const id of [NOPE, 'not-a-uuid']) {
          const r = await c.get(`/oruk/${p}/${id}`);
          assert.equal(r.status, 404, `${p}/${id}`);
          assert.equal(r.json.error.code, 'not_found');
        }
      }
    });

    test('search: full-text with prefixes, ranked by the name first', async () => {
      let r = await c.get('/oruk/services?search=speec');
      assert.ok(r.json.total_items >= 4);
      assert.match(r.json.contents[0].name, /Speech/);
      r = await c.get('/oruk/services?search=autism');
      const names = r.json.contents.map((s) => s.name);
      assert.ok(names.some((n) => /Autism Parent Support/.test(n)), names.join());
      assert.ok(r.json.total_items >= 5, `autism finds services tagged ASD too: ${names}`);
      r = await c.get('/oruk/services?search=zzqqxx');
      assert.equal(r.json.total_items, 0);
      // Operators are words, never syntax.
      r = await c.get('/oruk/services?search=%22%20OR%20*%20%26%20%7C%20!');
      assert.equal(r.status, 200);
    });

    test('taxonomy_term_id (with children), taxonomy_id, organization_id, modified_after', async () => {
      const groups = term('support-groups');
      let r = await c.get(`/oruk/services?taxonomy_term_id=${groups.id}&per_page=100&full=true`);
      assert.ok(r.json.total_items >= 9);
      for (const s of r.json.contents) {
        const ids = s.attributes.map((a) => a.taxonomy_term.parent_id || a.taxonomy_term.id);
        assert.ok(ids.includes(groups.id) || s.attributes.some((a) => a.taxonomy_term_id === groups.id), s.name);
      }
      const asd = term('ASD');
      r = await c.get(`/oruk/services?taxonomy_term_id=${asd.id}&per_page=100&full=true`);
      assert.ok(r.json.total_items >= 5);
      for (const s of r.json.contents) assert.ok(s.attributes.some((a) => a.taxonomy_term_id === asd.id), s.name);
      r = await c.get(`/oruk/services?taxonomy_id=${asd.taxonomy_id}&per_page=100`);
      const withNeeds = r.json.total_items;
      const all = (await c.get('/oruk/services')).json.total_items;
      assert.ok(withNeeds > 10 && withNeeds < all);
      const orgs = (await c.get('/oruk/organizations?per_page=100')).json.contents;
      const sunflower = orgs.find((o) => o.name === 'Sunflower Family Support');
      r = await c.get(`/oruk/services?organization_id=${sunflower.id}&per_page=100`);
      assert.ok(r.json.total_items >= 5);
      for (const s of r.json.contents) assert.equal(s.organization_id, sunflower.id);
      r = await c.get('/oruk/services?modified_after=2000-01-01');
      assert.equal(r.json.total_items, all);
      r = await c.get('/oruk/services?modified_after=2999-01-01T00:00:00Z');
      assert.equal(r.json.total_items, 0);
      r = await c.get(`/oruk/service_at_locations?taxonomy_term_id=${groups.id}&per_page=100`);
      assert.ok(r.json.total_items >= 9);
    });

    test('minimum_age and maximum_age: age ranges that overlap', async () => {
      let r = await c.get('/oruk/services?minimum_age=19&per_page=100');
      assert.ok(r.json.total_items > 0);
      for (const s of r.json.contents) assert.ok(s.maximum_age === undefined || s.maximum_age >= 19, s.name);
      r = await c.get('/oruk/services?maximum_age=3&per_page=100');
      for (const s of r.json.contents) assert.ok(s.minimum_age === undefined || s.minimum_age <= 3, s.name);
      r = await c.get('/oruk/service_at_locations?minimum_age=16&maximum_age=17&per_page=100&full=true');
      for (const x of r.json.contents) assert.ok(x.service.minimum_age <= 17 && x.service.maximum_age >= 16);
    });

    test('minimal, default and full detail', async () => {
      const min = (await c.get('/oruk/services?minimal=true&per_page=1')).json.contents[0];
      assert.equal(min.organization, undefined);
      const list = (await c.get('/oruk/services?per_page=1')).json.contents[0];
      assert.ok(list.organization && list.organization.name);
      assert.equal(list.contacts, undefined);
      const full = (await c.get('/oruk/services?full=true&per_page=1')).json.contents[0];
      for (const k of ['schedules', 'service_at_locations', 'contacts', 'cost_options', 'attributes', 'languages', 'service_areas'])
        assert.ok(Array.isArray(full[k]), k);
      const one = (await c.get(`/oruk/services/${full.id}`)).json;
      assert.deepEqual(one, full);
      assert.ok(one.contacts[0].phones[0].number);
    });

    test('format=ndjson streams every item without paging', async () => {
      const r = await c.get('/oruk/services?format=ndjson&per_page=2');
      assert.equal(r.status, 200);
      assert.match(r.headers.get('content-type'), /ndjson/);
      const lines = r.text.trim().split('\n').map((l) => JSON.parse(l));
      assert.equal(lines.length, (await c.get('/oruk/services')).json.total_items);
      const t = await c.get('/oruk/taxonomies?format=ndjson');
      assert.equal(t.text.trim().split('\n').length, 2);
    });

    test('service_at_locations: postcode and proximity, nearest first', async () => {
      let r = await c.get('/oruk/service_at_locations?postcode=nb11aa&proximity=3000&per_page=100');
      assert.equal(r.status, 200);
      assert.ok(r.json.total_items > 5);
      let last = 0;
      for (const x of r.json.contents) {
        assert.ok(x.distance >= last && x.distance <= 3000, `${x.distance}`);
        last = x.distance;
        assert.match(x.location.addresses[0].postal_code, /^NB/);
      }
      // Eastmere is far from Northbridge: a small radius around EM1 1AA holds only Eastmere places.
      r = await c.get('/oruk/service_at_locations?postcode=EM1%201AA&proximity=2000&per_page=100');
      for (const x of r.json.contents) assert.match(x.location.addresses[0].postal_code, /^EM/);
      // An unknown postcode in a known outward code: its centroid.
      r = await c.get('/oruk/service_at_locations?postcode=WQ1%209ZZ&proximity=5000');
      assert.equal(r.status, 200);
      assert.ok(r.json.total_items > 0);
      // Without proximity: everything with a place, nearest first.
      r = await c.get('/oruk/service_at_locations?postcode=WQ1%201AA&per_page=3');
      assert.match(r.json.contents[0].location.addresses[0].postal_code, /^WQ/);
    });

    test('organizations, taxonomies and taxonomy_terms lists and filters', async () => {
      let r = await c.get('/oruk/organizations?search=council');
      assert.equal(r.json.total_items, 3);
      r = await c.get('/oruk/organizations?full_service=true&search=sunflower');
      assert.ok(r.json.contents[0].services.length >= 5);
      const org = (await c.get(`/oruk/organizations/${r.json.contents[0].id}`)).json;
      assert.ok(org.services.length >= 5);
      r = await c.get('/oruk/taxonomies');
      assert.deepEqual(r.json.contents.map((t) => t.name).sort(), ['Local Offer service categories', 'SEND needs']);
      const needs = r.json.contents.find((t) => t.name === 'SEND needs');
      const tx = (await c.get(`/oruk/taxonomies/${needs.id}`)).json;
      for (const code of ['ASD', 'SLCN', 'SEMH', 'MLD', 'SLD', 'PMLD', 'SPLD', 'HI', 'VI', 'MSI', 'PD', 'OTH', 'NSA'])
        assert.ok(tx.taxonomy_terms.some((t) => t.code === code), code);
      r = await c.get(`/oruk/taxonomy_terms?taxonomy_id=${needs.id}&per_page=100`);
      assert.equal(r.json.total_items, tx.taxonomy_terms.length);
      r = await c.get(`/oruk/taxonomy_terms?taxonomy_id=${needs.id}&top_only=true&per_page=100`);
      for (const t of r.json.contents) assert.equal(t.parent_id, undefined);
      const groups = term('support-groups');
      r = await c.get(`/oruk/taxonomy_terms?parent_id=${groups.id}`);
      assert.equal(r.json.total_items, 2);
      r = await c.get('/oruk/taxonomy_terms?search=support%20groups');
      assert.equal(r.json.contents[0].name, 'Support groups');
      const one = (await c.get(`/oruk/taxonomy_terms/${groups.id}`)).json;
      assert.equal(one.taxonomy, 'Local Offer service categories');
      r = await c.get('/oruk/taxonomy_terms?parent_id=nope');
      assert.equal(r.status, 400);
      assert.equal(r.json.error.field, 'parent_id');
    });

    test('the home page path: support groups near you', async () => {
      const home = await c.get('/');
      assert.match(home.text, /href="\/directory\?category=support-groups"/);
      let r = await c.get('/directory?category=support-groups');
      assert.equal(r.status, 200);
      assert.match(r.text, /<title>Support groups/);
      const n = Number(/(\d+) services? found/.exec(r.text)[1]);
      assert.ok(n >= 9);
      assert.match(r.text, /Autism Parent Support Group/);
      r = await c.get('/directory?category=support-groups&postcode=NB1+1AA&distance=5');
      assert.match(r.text, /services? found: Support groups near NB1 1AA/);
      assert.match(r.text, /Distance: /);
      assert.doesNotMatch(r.text, /Eastmere SEND Coffee Morning/);
      assert.match(r.text, /Find support/);
    });

    test('search page: says which demo postcodes to try; filters narrow; query kept in the address', async () => {
      let r = await c.get('/directory');
      assert.equal(r.status, 200);
      assert.match(r.text, /NB1 1AA/);
      assert.match(r.text, /Start a search/);
      r = await c.get('/directory?q=swimming&free=&age=10');
      assert.match(r.text, /1 service found/);
      assert.match(r.text, /Inclusive Swimming Sessions/);
      r = await c.get('/directory?q=swimming&free=1');
      assert.match(r.text, /No services found/);
      r = await c.get('/directory?need=HI');
      assert.match(r.text, /Deaf Children/);
      r = await c.get('/directory?day=SU');
      assert.match(r.text, /Inclusive Swimming Sessions/);
      assert.doesNotMatch(r.text, /Talking Tots/);
      r = await c.get('/directory?q=group&postcode=NB1+1AA&distance=10');
      assert.equal(r.status, 200);
      assert.match(r.text, /services? found near NB1 1AA/);
      r = await c.get('/directory?q=group&postcode=NB1+1AA&distance=10&sort=distance');
      assert.match(r.text, /services? found near NB1 1AA/);
      r = await c.get('/oruk/service_at_locations?search=group&postcode=NB1%201AA&proximity=10000');
      assert.ok(r.json.total_items > 0);
      r = await c.get('/directory?postcode=EM1+1AA&sort=distance&distance=3');
      assert.match(r.text, /near EM1 1AA/);
      assert.match(r.text, /value="EM1 1AA"/);
    });

    test('search page: invalid or unknown postcode and bad filters are GOV.UK errors, never an empty result', async () => {
      let r = await c.get('/directory?postcode=not+a+postcode');
      assert.equal(r.status, 400);
      assert.match(r.text, /<title>Error: /);
      assert.deepEqual(errorSummary(r.text), [['postcode', 'Enter a real postcode, like NB1 1AA']]);
      assert.doesNotMatch(r.text, /No services found/);
      r = await c.get('/directory?postcode=ZE9+9ZZ');
      assert.equal(r.status, 400);
      assert.match(errorSummary(r.text)[0][1], /could not find that postcode/);
      r = await c.get('/directory?sort=distance');
      assert.deepEqual(errorSummary(r.text), [['postcode', 'Enter a postcode to sort by distance']]);
      r = await c.get('/directory?age=99&need=nope&day=XX&category=zzz&postcode=NB1+1AA&distance=7');
      assert.deepEqual(errorSummary(r.text).map((e) => e[0]).sort(), ['age', 'category', 'day', 'distance', 'need']);
    });

    test('search page: pagination keeps the query', async () => {
      const r = await c.get('/directory?q=a&category=&page=1');
      const all = await c.get('/directory?age=10');
      const n = Number(/(\d+) services? found/.exec(all.text)[1]);
      assert.ok(n > 10);
      assert.match(all.text, /govuk-pagination/);
      assert.match(all.text, /href="\/directory\?age=10&amp;page=2"/);
      const p2 = await c.get('/directory?age=10&page=2');
      assert.match(p2.text, /Showing 11 to/);
      assert.equal(r.status, 200);
    });

    test('service page: everything a family needs; unknown id 404', async () => {
      const list = (await c.get('/oruk/services?search=Northbridge%20Autism%20Parent')).json.contents;
      const s = list[0];
      const r = await c.get(`/directory/services/${s.id}`);
      assert.equal(r.status, 200);
      for (const k of ['Who it is for', 'Cost', 'When', 'Where', 'Accessibility', 'Contact', 'Languages', 'Ages 0 to 25', 'Free',
        'Every week on Thursday, 10:00 to 12:00', 'Riverside Community Centre', 'NB2 2AB', 'Autism (autistic spectrum disorder)', 'Suggest an edit'])
        assert.ok(r.text.includes(k), k);
      assert.equal((await c.get(`/directory/services/${NOPE}`)).status, 404);
      assert.equal((await c.get('/directory/services/nope')).status, 404);
      const closed = (await c.get('/oruk/services?search=toy%20library')).json.contents[0];
      assert.match((await c.get(`/directory/services/${closed.id}`)).text, /This service has closed/);
    });

    test('suggest an edit: form, errors, CSRF, saved to the queue', async () => {
      const s = (await c.get('/oruk/services?per_page=1')).json.contents[0];
      const p = new Client(srv.base);
      let r = await p.get(`/directory/services/${s.id}/suggest`);
      assert.equal(r.status, 200);
      for (const v of ['out-of-date', 'closed', 'add-information', 'something-else']) assert.match(r.text, new RegExp(`value="${v}"`));
      r = await p.post(`/directory/services/${s.id}/suggest`, {});
      assert.equal(r.status, 400);
      assert.deepEqual(errorSummary(r.text).map((e) => e[0]), ['reason', 'details']);
      r = await p.post(`/directory/services/${s.id}/suggest`, { reason: 'closed', details: 'x'.repeat(2001) });
      assert.deepEqual(errorSummary(r.text).map((e) => e[0]), ['details']);
      r = await p.post(`/directory/services/${s.id}/suggest`, { reason: 'closed', details: 'It stopped' }, { csrf: false });
      assert.equal(r.status, 403);
      r = await p.post(`/directory/services/${s.id}/suggest`, { reason: 'out-of-date', details: 'The group now meets on Fridays' });
      assert.equal(r.status, 303);
      assert.equal(r.location, `/directory/services/${s.id}/suggested`);
      r = await p.get(r.location);
      assert.match(r.text, /Suggestion sent/);
      r = await p.post(`/directory/services/${NOPE}/suggest`, { reason: 'closed', details: 'x' });
      assert.equal(r.status, 404);
    });
  });
}
