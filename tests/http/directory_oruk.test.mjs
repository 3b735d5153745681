// ORUK 3.0 conformance, the way the official validator checks a feed: for
// every list, page 1, a middle page and the last page validate against the
// list schema, then a sample of ids is fetched and validated against the
// item schema. Schemas come from ../shared/spec/oruk-3.0/schema (the
// https://openreferraluk.org/specifications/3.0/ prefix maps to that folder).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BACKENDS, Client, startDemo } from './partnership.helpers.mjs';
import { Validator } from './lib/jsonschema.mjs';

const SPEC = resolve('../shared/spec/oruk-3.0');
const PREFIX = 'https://openreferraluk.org/specifications/3.0/';
const have = existsSync(`${SPEC}/schema/service.json`);

const cache = new Map();
function load(url) {
  let rel = null;
  if (url.startsWith(PREFIX)) rel = url.slice(PREFIX.length);
  else if (/OpenReferralApi\/Schemas\/V3\.0-UK\//.test(url)) rel = `schema/${url.split('/').pop()}`;
  if (!rel) throw new Error(`unknown schema ${url}`);
  if (!cache.has(rel)) cache.set(rel, JSON.parse(readFileSync(`${SPEC}/${rel}`, 'utf8')));
  return cache.get(rel);
}
const schema = (name) => load(`${PREFIX}schema/${name}.json`);

const LISTS = [
  ['/oruk/services', 'service_list', 'service', '/oruk/services/'],
  ['/oruk/service_at_locations', 'service_at_location_list', 'service_at_location', '/oruk/service_at_locations/'],
  ['/oruk/organizations', 'organization_list', 'organization', '/oruk/organizations/'],
  ['/oruk/taxonomies', 'taxonomy_list', 'taxonomy', '/oruk/taxonomies/'],
  ['/oruk/taxonomy_terms', 'taxonomy_term_list', 'taxonomy_term', '/oruk/taxonomy_terms/'],
];

if (!have) {
  test('ORUK conformance', { skip: `no ORUK schemas at ${SPEC} (../shared is absent)` }, () => {});
} else {
  for (const backend of BACKENDS) {
    describe(`ORUK 3.0 conformance on ${backend}`, () => {
      let srv;
      let c;
      const v = new Validator(load);
      const check = (s, body, what) => {
        const errs = v.validate(s, body);
        assert.deepEqual(errs.slice(0, 5), [], `${what}: ${errs.length} schema errors`);
      };
      before(async () => {
        srv = await startDemo(backend);
        c = new Client(srv.base);
      });
      after(async () => { await srv.stop(); });

      test('GET /oruk/ is api_details', async () => {
        const r = await c.get('/oruk/');
        assert.equal(r.status, 200);
        assert.equal(r.headers.get('access-control-allow-origin'), '*');
        assert.equal(r.json.version, 'HSDS-UK-3.0');
        check(schema('api_details'), r.json, '/oruk/');
      });

      for (const [path, listName, itemName, itemPath] of LISTS) {
        for (const variant of ['', 'full=true', 'minimal=true']) {
          test(`${path}?${variant}: first, middle and last pages and sampled items validate`, async () => {
            const per = 4;
            const sep = variant ? `&${variant}` : '';
            const first = await c.get(`${path}?per_page=${per}${sep}`);
            assert.equal(first.status, 200);
            assert.equal(first.headers.get('access-control-allow-origin'), '*');
            const total = first.json.total_pages;
            assert.ok(first.json.total_items > 0, 'an empty list fails the validator');
            const pages = [...new Set([1, Math.max(1, Math.ceil(total / 2)), total])];
            const ids = [];
            for (const p of pages) {
              const r = p === 1 ? first : await c.get(`${path}?per_page=${per}&page=${p}${sep}`);
              assert.equal(r.status, 200);
              check(schema(listName), r.json, `${path} page ${p}`);
              for (const item of r.json.contents) check(schema(itemName), item, `${path} page ${p} item`);
              assert.equal(r.json.page_number, p);
              assert.equal(r.json.first_page, p === 1);
              assert.equal(r.json.last_page, p === total);
              assert.ok(r.json.contents.length > 0 && r.json.contents.length <= per);
              ids.push(...r.json.contents.map((x) => x.id));
            }
            if (variant) return;
            // Up to 10 ids, spread over what was seen.
            const sample = ids.filter((_, i) => i % Math.max(1, Math.floor(ids.length / 10)) === 0).slice(0, 10);
            for (const id of sample) {
              const r = await c.get(itemPath + id);
              assert.equal(r.status, 200, itemPath + id);
              check(schema(itemName), r.json, itemPath + id);
              assert.equal(r.json.id, id);
            }
          });
        }
      }

      test('service_at_locations near a postcode validate too', async () => {
        const r = await c.get('/oruk/service_at_locations?postcode=NB1%201AA&proximity=8000&per_page=5&full=true');
        assert.equal(r.status, 200);
        assert.ok(r.json.total_items > 0);
        check(schema('service_at_location_list'), r.json, 'near');
        for (const item of r.json.contents) check(schema('service_at_location'), item, 'near item');
      });
    });
  }
}
