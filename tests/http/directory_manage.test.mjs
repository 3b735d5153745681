// Managing Local Offer listings on SQLite and PostgreSQL: officers edit
// their organisation's listings (published at once, versioned), voluntary
// organisations' edits wait for approval with a diff, versions compare and
// restore, stale listings are flagged, public suggestions reach the queue.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BACKENDS, Client, startDemo, signedIn, ADMIN, OFFICER, FORUM } from './partnership.helpers.mjs';

const VOLUNTARY = 'editor@sunflower.example';

for (const backend of BACKENDS) {
  describe(`directory management on ${backend}`, () => {
    let srv;
    let pub;
    const find = async (q) => (await pub.get(`/oruk/services?search=${encodeURIComponent(q)}`)).json.contents[0];
    before(async () => {
      srv = await startDemo(backend);
      pub = new Client(srv.base);
    });
    after(async () => { await srv.stop(); });

    test('who may manage: public signs in, forum is refused, officers see only their listings', async () => {
      let r = await pub.get('/directory/manage');
      assert.ok([303, 401].includes(r.status));
      const forum = await signedIn(srv.base, FORUM);
      assert.equal((await forum.get('/directory/manage')).status, 403);
      const off = await signedIn(srv.base, OFFICER);
      r = await off.get('/directory/manage');
      assert.equal(r.status, 200);
      assert.match(r.text, /Autism Outreach Team/);
      assert.doesNotMatch(r.text, /ADHD Parent Support Group/);
      assert.match(r.text, /Local Offer listings/);
      const sunflower = await find('ADHD Parent Support');
      assert.equal((await off.get(`/directory/manage/services/${sunflower.id}`)).status, 404);
      r = await off.post(`/directory/manage/services/${sunflower.id}`, { name: 'Hijack', description: 'x', status: 'active' });
      assert.equal(r.status, 404);
    });

    test('stale listings are flagged', async () => {
      const admin = await signedIn(srv.base, ADMIN);
      const r = await admin.get('/directory/manage');
      assert.match(r.text, /Stale: not checked for 12 months/);
      const i = r.text.indexOf('Wolds Vale Speech and Language Therapy');
      assert.ok(i > 0);
      assert.match(r.text.slice(i, i + 400), /Stale/);
    });

    test('an officer edit is published at once, with a version; errors change nothing', async () => {
      const off = await signedIn(srv.base, OFFICER);
      const s = await find('Autism Outreach Team');
      let r = await off.get(`/directory/manage/services/${s.id}`);
      assert.equal(r.status, 200);
      r = await off.post(`/directory/manage/services/${s.id}`, { name: '', description: 'd', status: 'open', minimum_age: '9', maximum_age: '3', email: 'nope', url: 'ftp://x' });
      assert.equal(r.status, 400);
      const fields = [...r.text.matchAll(/<li><a href="#([^"]+)">/g)].map((m) => m[1]);
      assert.deepEqual(fields, ['name', 'status', 'email', 'url']);
      r = await off.post(`/directory/manage/services/${s.id}`, { name: 'Autism Outreach Team', description: 'New description of outreach', status: 'active', minimum_age: '3', maximum_age: '16', email: 'a@b.example', url: 'https://a.example/', alert: '', reviewed: '1' });
      assert.equal(r.status, 303);
      assert.equal(r.location, '/directory/manage?done=saved');
      const now = (await pub.get(`/oruk/services/${s.id}`)).json;
      assert.equal(now.description, 'New description of outreach');
      assert.equal(now.minimum_age, 3);
      assert.equal(now.assured_date, new Date().toISOString().slice(0, 10));
      assert.equal((await pub.get('/oruk/services?search=outreach%20description')).json.total_items, 1);
      r = await off.get(`/directory/manage/services/${s.id}/versions`);
      assert.match(r.text, /edited/);
      r = await off.get(`/directory/manage/services/${s.id}/versions?compare=1`);
      assert.match(r.text, /What changed/);
      assert.match(r.text, /New description of outreach/);
      r = await off.post(`/directory/manage/services/${s.id}/restore`, { version: '1' });
      assert.equal(r.status, 303);
      const back = (await pub.get(`/oruk/services/${s.id}`)).json;
      assert.equal(back.description, s.description);
      r = await off.get(`/directory/manage/services/${s.id}/versions`);
      assert.match(r.text, /restored version 1/);
    });

    test('a voluntary organisation edit waits for approval, shows a diff, goes live when approved', async () => {
      const vol = await signedIn(srv.base, VOLUNTARY);
      const s = await find('ADHD Parent Support');
      let r = await vol.get('/directory/manage');
      assert.match(r.text, /checked by the partnership/);
      r = await vol.post(`/directory/manage/services/${s.id}`, { name: 'ADHD Parent Support Group', description: 'Now meets on Tuesdays', status: 'active', minimum_age: '4', maximum_age: '18', email: '', url: '' });
      assert.equal(r.status, 303);
      assert.equal(r.location, '/directory/manage?done=queued');
      assert.equal((await pub.get(`/oruk/services/${s.id}`)).json.description, s.description, 'not published yet');
      r = await vol.get('/directory/manage');
      const change = /href="\/directory\/manage\/changes\/([0-9a-f-]{36})"/.exec(r.text)[1];
      r = await vol.post(`/directory/manage/changes/${change}`, { decision: 'approve' });
      assert.equal(r.status, 403, 'cannot approve their own change');
      const admin = await signedIn(srv.base, ADMIN);
      r = await admin.get(`/directory/manage/changes/${change}`);
      assert.equal(r.status, 200);
      assert.match(r.text, /Published/);
      assert.match(r.text, /Now meets on Tuesdays/);
      r = await admin.post(`/directory/manage/changes/${change}`, { decision: 'approve' });
      assert.equal(r.status, 303);
      assert.equal((await pub.get(`/oruk/services/${s.id}`)).json.description, 'Now meets on Tuesdays');
      r = await admin.post(`/directory/manage/changes/${change}`, { decision: 'approve' });
      assert.equal(r.status, 409);
    });

    test('public suggestions reach the owners\' queue and can be dealt with', async () => {
      const s = await find('Autism Outreach Team');
      const p = new Client(srv.base);
      await p.get(`/directory/services/${s.id}/suggest`);
      let r = await p.post(`/directory/services/${s.id}/suggest`, { reason: 'closed', details: 'The team moved to the library' });
      assert.equal(r.status, 303);
      const off = await signedIn(srv.base, OFFICER);
      r = await off.get('/directory/manage');
      assert.match(r.text, /Suggestion from the public/);
      const id = [...r.text.matchAll(/href="\/directory\/manage\/changes\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
      let found = null;
      for (const x of id) {
        const page = await off.get(`/directory/manage/changes/${x}`);
        if (page.text.includes('The team moved to the library')) found = x;
      }
      assert.ok(found);
      r = await off.post(`/directory/manage/changes/${found}`, { decision: 'bogus' });
      assert.equal(r.status, 400);
      r = await off.post(`/directory/manage/changes/${found}`, { decision: 'done' });
      assert.equal(r.status, 303);
      r = await off.get('/directory/manage?done=done');
      assert.match(r.text, /Suggestion marked as dealt with/);
      assert.doesNotMatch(r.text, new RegExp(found));
    });
  });
}
