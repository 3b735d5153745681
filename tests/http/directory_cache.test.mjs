// The directory's search cache never answers with stale results: the same
// public search twice gives the same bytes, and after an officer's edit
// (a write through the one write path, which bumps the generation) the
// lists, the search page and the stored item documents all show the change
// at once. SQLite and PostgreSQL.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, Client, startDemo, serve, signedIn, OFFICER } from './partnership.helpers.mjs';

for (const backend of BACKENDS) {
  describe(`directory search cache on ${backend}`, () => {
    let srv;
    let pub;
    before(async () => {
      srv = await startDemo(backend);
      pub = new Client(srv.base);
    });
    after(async () => { await srv.stop(); });

    test('repeated searches are identical; an edit shows at once everywhere', async () => {
      const list = '/oruk/services?search=autism%20outreach&full=true';
      const sal = '/oruk/service_at_locations?search=outreach';
      const page = '/directory?q=autism%20outreach';
      const a = await pub.get(list);
      const b = await pub.get(list);
      assert.equal(a.status, 200);
      assert.equal(a.text, b.text);
      assert.equal(a.headers.get('access-control-allow-origin'), '*');
      const s = a.json.contents[0];
      assert.equal(s.name, 'Autism Outreach Team');
      assert.match((await pub.get(page)).text, /Autism Outreach Team/);
      await pub.get(sal);
      const off = await signedIn(srv.base, OFFICER);
      const r = await off.post(`/directory/manage/services/${s.id}`, { name: 'Autism Outreach Team Renamed', description: 'Outreach for autistic pupils', status: 'active', minimum_age: '3', maximum_age: '16', email: '', url: '', alert: '', reviewed: '1' });
      assert.equal(r.status, 303);
      const c = (await pub.get(list)).json;
      assert.equal(c.contents[0].name, 'Autism Outreach Team Renamed');
      assert.equal(c.contents[0].description, 'Outreach for autistic pupils');
      assert.deepEqual(c.contents[0], (await pub.get(`/oruk/services/${s.id}`)).json);
      const sl = (await pub.get(sal)).json.contents.find((x) => x.service_id === s.id);
      assert.equal(sl.service.name, 'Autism Outreach Team Renamed');
      assert.match((await pub.get(page)).text, /Autism Outreach Team Renamed/);
      // A bad parameter is still refused (never served from the cache).
      assert.equal((await pub.get('/oruk/services?search=autism&page=0')).status, 400);
    });

    test('two server processes on one database: each sees the other\'s edits (cached answers included)', async () => {
      const other = await serve(srv.db);
      try {
        const pub2 = new Client(other.base);
        const list = '/oruk/services?search=outreach';
        const page = '/directory?q=outreach';
        const before = (await pub2.get(list)).json;
        assert.ok(before.total_items > 0);
        await pub2.get(page);
        const s = before.contents[0];
        const off = await signedIn(srv.base, OFFICER);
        for (const round of [1, 2, 3]) {
          const name = `Autism Outreach Round ${round}`;
          const r = await off.post(`/directory/manage/services/${s.id}`, { name, description: 'Outreach for autistic pupils', status: 'active', minimum_age: '3', maximum_age: '16', email: '', url: '', alert: '', reviewed: '1' });
          assert.equal(r.status, 303);
          // The writing process: at once.
          assert.ok((await pub.get(list)).json.contents.some((x) => x.name === name));
          // The other process: as soon as the database has told it (PostgreSQL
          // notifications) or at once (SQLite reads the generation each time).
          let seen = false;
          for (let i = 0; i < 50 && !seen; i++) {
            seen = (await pub2.get(list)).json.contents.some((x) => x.name === name) && (await pub2.get(page)).text.includes(name);
            if (!seen) await new Promise((res) => setTimeout(res, 20));
          }
          assert.ok(seen, `the other process shows round ${round}`);
        }
      } finally {
        assert.equal(await other.stop(), 0);
      }
    });
  });
}
