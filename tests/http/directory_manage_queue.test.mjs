// The approval queue's harder cases, on SQLite and PostgreSQL:
// - a voluntary organisation proposes a new listing: it waits in the queue
//   (shown against nothing), is invisible at /directory, its page and
//   /oruk until approved; approval publishes it with its version history
//   starting there; rejection discards it with a reason the proposer sees;
// - approving an edit after an officer published meanwhile: the page warns,
//   shows the differences, and approval needs an explicit confirmation;
// - editing a shared record (a place several services use) refreshes every
//   affected service's stored ORUK documents.
// Every decision is audited.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BACKENDS, BIN, Client, startDemo, signedIn, ADMIN, OFFICER } from './partnership.helpers.mjs';

const VOLUNTARY = 'editor@sunflower.example';
const errorsOf = (html) => [...html.matchAll(/<li><a href="#([^"]+)">/g)].map((m) => m[1]);
const changeIds = (html) => [...html.matchAll(/href="\/directory\/manage\/changes\/([0-9a-f-]{36})"/g)].map((m) => m[1]);

for (const backend of BACKENDS) {
  describe(`directory approval queue on ${backend}`, () => {
    let srv;
    let pub;
    let vol;
    let admin;
    const find = async (q) => (await pub.get(`/oruk/services?search=${encodeURIComponent(q)}`)).json.contents[0];
    const invisible = async (id, word, name) => {
      assert.equal((await pub.get(`/directory/services/${id}`)).status, 404);
      const o = await pub.get(`/oruk/services/${id}`);
      assert.equal(o.status, 404);
      assert.ok(o.json.error);
      assert.equal((await pub.get(`/oruk/services?search=${word}`)).json.total_items, 0);
      const page = await pub.get(`/directory?q=${word}`);
      assert.equal(page.status, 200);
      assert.doesNotMatch(page.text, new RegExp(name));
      assert.doesNotMatch(page.text, new RegExp(id));
    };
    async function propose(name, description) {
      let r = await vol.get('/directory/manage/new');
      assert.equal(r.status, 200);
      const org = /<option value="([0-9a-f-]{36})"/.exec(r.text)[1];
      r = await vol.post('/directory/manage/new', { organization: org, name, description });
      assert.equal(r.status, 303, r.text.slice(0, 300));
      const m = /^\/directory\/manage\/services\/([0-9a-f-]{36})\?done=proposed$/.exec(r.location);
      assert.ok(m, r.location);
      return { id: m[1], org };
    }
    async function pendingChangeFor(client, name) {
      const r = await client.get('/directory/manage');
      for (const c of changeIds(r.text)) {
        const i = r.text.indexOf(c);
        if (r.text.slice(i, i + 300).includes(name)) return c;
      }
      return null;
    }

    before(async () => {
      srv = await startDemo(backend);
      pub = new Client(srv.base);
      vol = await signedIn(srv.base, VOLUNTARY);
      admin = await signedIn(srv.base, ADMIN);
    });
    after(async () => { await srv.stop(); });

    test('a voluntary organisation proposes a new listing; it is invisible until approved, then published with its first version', async () => {
      let r = await vol.get('/directory/manage');
      assert.match(r.text, /href="\/directory\/manage\/new">Propose a new listing/);
      r = await vol.get('/directory/manage/new');
      assert.match(r.text, /Propose a new listing/);
      assert.match(r.text, /Send for approval/);
      assert.match(r.text, /Sunflower Family Support/);
      assert.doesNotMatch(r.text, /Northbridge Council/, 'only their own organisation');
      r = await vol.post('/directory/manage/new', { organization: '00000000-0000-4000-8000-000000000000', name: '', description: '' });
      assert.equal(r.status, 400);
      assert.deepEqual(errorsOf(r.text), ['organization', 'name', 'description']);

      const { id } = await propose('Wombat Sibling Group', 'A group for brothers and sisters of disabled children.');
      await invisible(id, 'Wombat', 'Wombat Sibling Group');
      r = await vol.get(`/directory/manage/services/${id}?done=proposed`);
      assert.equal(r.status, 200);
      assert.match(r.text, /New listing sent for approval/);
      assert.match(r.text, /not published/);
      assert.doesNotMatch(r.text, /See the published page/);
      // Its details add up in the same proposal, still unpublished.
      await vol.get(`/directory/manage/services/${id}/costs`);
      r = await vol.post(`/directory/manage/services/${id}/costs`, { cost_type: 'free' });
      assert.equal(r.status, 303);
      assert.equal(r.location, `/directory/manage/services/${id}/costs?done=queued`);
      await invisible(id, 'Wombat', 'Wombat Sibling Group');
      assert.equal((await vol.get(`/directory/manage/services/${id}/versions`)).status, 404, 'no versions before it is published');
      // Nobody else edits it; the proposer cannot approve it.
      const off = await signedIn(srv.base, OFFICER);
      assert.equal((await off.get(`/directory/manage/services/${id}`)).status, 404);
      assert.equal((await admin.get(`/directory/manage/services/${id}`)).status, 404, 'decided in the queue, not edited');
      const change = await pendingChangeFor(vol, 'Wombat Sibling Group');
      assert.ok(change);
      assert.match((await vol.get('/directory/manage')).text, /New listing waiting for approval/);
      assert.equal((await off.get(`/directory/manage/changes/${change}`)).status, 404);
      assert.doesNotMatch((await off.get('/directory/manage')).text, /Wombat/);
      r = await vol.post(`/directory/manage/changes/${change}`, { decision: 'approve' });
      assert.equal(r.status, 403);
      await invisible(id, 'Wombat', 'Wombat Sibling Group');

      // The administrator sees everything it would publish, against nothing.
      assert.equal(await pendingChangeFor(admin, 'Wombat Sibling Group'), change);
      r = await admin.get(`/directory/manage/changes/${change}`);
      assert.equal(r.status, 200);
      assert.match(r.text, /New listing waiting for approval/);
      assert.match(r.text, /A group for brothers and sisters/);
      assert.match(r.text, /cost_options/);
      assert.match(r.text, /\(none\)/);
      r = await admin.post(`/directory/manage/changes/${change}`, { decision: 'approve' });
      assert.equal(r.status, 303);
      assert.equal(r.location, '/directory/manage?done=approved');

      const s = (await pub.get(`/oruk/services/${id}`)).json;
      assert.equal(s.name, 'Wombat Sibling Group');
      assert.ok(s.cost_options.some((c) => c.amount === 0));
      assert.equal((await pub.get(`/directory/services/${id}`)).status, 200);
      assert.equal((await pub.get('/oruk/services?search=Wombat')).json.contents[0].id, id);
      assert.match((await pub.get('/directory?q=Wombat')).text, /Wombat Sibling Group/);
      // Now an ordinary listing of the voluntary organisation.
      r = await vol.get('/directory/manage');
      assert.match(r.text, new RegExp(`href="/directory/manage/services/${id}"`));
      assert.match(r.text, /Decided recently/);
      r = await admin.get(`/directory/manage/services/${id}/versions`);
      assert.equal(r.status, 200);
      assert.match(r.text, /approved new listing/);
      assert.equal([...r.text.matchAll(/versions\?compare=(\d+)/g)].length, 1, 'history starts at approval');
      r = await admin.post(`/directory/manage/changes/${change}`, { decision: 'approve' });
      assert.equal(r.status, 409);

      r = await admin.get(`/api/v1/audit?entity=directory-change&entity_id=${change}`);
      assert.ok(r.json.items.some((x) => x.action === 'create' && x.detail === 'proposed new listing'));
      assert.ok(r.json.items.some((x) => x.action === 'update' && x.detail === 'approved'));
      r = await admin.get(`/api/v1/audit?entity=directory-service&entity_id=${id}`);
      assert.equal(r.json.total, 1);
      assert.equal(r.json.items[0].action, 'create');
      assert.equal(r.json.items[0].detail, 'approved new listing');
    });

    test('rejecting a proposed listing needs a reason, discards it, and the proposer sees why', async () => {
      const { id } = await propose('Platypus Swim Club', 'Swimming for disabled children.');
      const change = await pendingChangeFor(admin, 'Platypus Swim Club');
      assert.ok(change);
      await admin.get(`/directory/manage/changes/${change}`);
      let r = await admin.post(`/directory/manage/changes/${change}`, { decision: 'reject', note: '' });
      assert.equal(r.status, 400);
      assert.deepEqual(errorsOf(r.text), ['note']);
      r = await admin.post(`/directory/manage/changes/${change}`, {});
      assert.equal(r.status, 400);
      assert.deepEqual(errorsOf(r.text), ['decision']);
      assert.ok(await pendingChangeFor(admin, 'Platypus Swim Club'), 'still waiting');
      r = await admin.post(`/directory/manage/changes/${change}`, { decision: 'reject', note: 'Already listed as Riverside Swimming' });
      assert.equal(r.status, 303);
      assert.equal(r.location, '/directory/manage?done=rejected');
      await invisible(id, 'Platypus', 'Platypus Swim Club');
      assert.equal((await vol.get(`/directory/manage/services/${id}`)).status, 404, 'discarded');
      r = await vol.get('/directory/manage');
      assert.equal(await pendingChangeFor(vol, 'Platypus Swim Club') !== null, true, 'linked from "Decided recently"');
      const i = r.text.indexOf('Decided recently');
      assert.ok(i > 0);
      assert.match(r.text.slice(i), /Platypus Swim Club[\s\S]*Rejected[\s\S]*Already listed as Riverside Swimming/);
      r = await vol.get(`/directory/manage/changes/${change}`);
      assert.equal(r.status, 200);
      assert.match(r.text, /Reason given/);
      assert.match(r.text, /Already listed as Riverside Swimming/);
      r = await admin.get(`/api/v1/audit?entity=directory-change&entity_id=${change}`);
      assert.ok(r.json.items.some((x) => x.action === 'update' && x.detail === 'rejected'));
    });

    test('the proposer can withdraw a new listing before it is decided', async () => {
      const { id } = await propose('Quoll Art Club', 'Art sessions for disabled teenagers.');
      const change = await pendingChangeFor(vol, 'Quoll Art Club');
      let r = await vol.get(`/directory/manage/changes/${change}`);
      assert.match(r.text, /Withdraw this new listing/);
      assert.match(r.text, /Add to this listing/);
      r = await vol.post(`/directory/manage/changes/${change}`, { decision: 'withdraw' });
      assert.equal(r.status, 303);
      await invisible(id, 'Quoll', 'Quoll Art Club');
      assert.equal((await vol.get(`/directory/manage/services/${id}`)).status, 404);
      assert.equal(await pendingChangeFor(admin, 'Quoll Art Club'), null);
      assert.equal((await admin.post(`/directory/manage/changes/${change}`, { decision: 'approve' })).status, 409);
    });

    test('approving an edit after an officer published meanwhile warns and needs confirmation', async () => {
      const s = await find('ADHD Parent Support');
      const form = (description) => ({ name: s.name, description, status: 'active', minimum_age: '4', maximum_age: '18', email: '', url: '' });
      await vol.get(`/directory/manage/services/${s.id}`);
      let r = await vol.post(`/directory/manage/services/${s.id}`, form('Volunteer text: meets on Tuesdays'));
      assert.equal(r.location, '/directory/manage?done=queued');
      const change = await pendingChangeFor(admin, s.name);
      assert.ok(change);
      r = await admin.get(`/directory/manage/changes/${change}`);
      assert.doesNotMatch(r.text, /govuk-warning-text/, 'nothing published since: no warning');
      assert.doesNotMatch(r.text, /confirm_current/);
      // An administrator publishes an edit directly meanwhile.
      await admin.get(`/directory/manage/services/${s.id}`);
      r = await admin.post(`/directory/manage/services/${s.id}`, form('Officer text: moved to the library'));
      assert.equal(r.location, '/directory/manage?done=saved');

      r = await admin.get(`/directory/manage/changes/${change}`);
      assert.equal(r.status, 200);
      assert.match(r.text, /govuk-warning-text/);
      assert.match(r.text, /has changed since this edit was started/);
      assert.match(r.text, /Published since this edit was started/);
      assert.match(r.text, /Officer text: moved to the library/);
      assert.match(r.text, /Volunteer text: meets on Tuesdays/);
      assert.match(r.text, /I have checked this change against the current version/);

      r = await admin.post(`/directory/manage/changes/${change}`, { decision: 'approve' });
      assert.equal(r.status, 400);
      assert.match(r.text, /govuk-error-summary/);
      assert.deepEqual(errorsOf(r.text), ['confirm_current']);
      assert.equal((await pub.get(`/oruk/services/${s.id}`)).json.description, 'Officer text: moved to the library', 'nothing changed');
      assert.ok(await pendingChangeFor(admin, s.name), 'still waiting');

      r = await admin.post(`/directory/manage/changes/${change}`, { decision: 'approve', confirm_current: '1' });
      assert.equal(r.status, 303);
      assert.equal((await pub.get(`/oruk/services/${s.id}`)).json.description, 'Volunteer text: meets on Tuesdays');
      r = await admin.get(`/api/v1/audit?entity=directory-change&entity_id=${change}`);
      assert.ok(r.json.items.some((x) => x.action === 'update' && x.detail === 'approved'));
    });

    test('a stale edit can be rejected instead, and the proposer re-submits from the current version', async () => {
      const s = await find('ADHD Parent Support');
      const form = (description) => ({ name: s.name, description, status: 'active', minimum_age: '4', maximum_age: '18', email: '', url: '' });
      await vol.get(`/directory/manage/services/${s.id}`);
      await vol.post(`/directory/manage/services/${s.id}`, form('Old-based volunteer text'));
      await admin.get(`/directory/manage/services/${s.id}`);
      await admin.post(`/directory/manage/services/${s.id}`, form('Newer officer text'));
      const change = await pendingChangeFor(admin, s.name);
      let r = await admin.post(`/directory/manage/changes/${change}`, { decision: 'reject', note: 'The listing changed: please check it again' });
      assert.equal(r.status, 303);
      assert.equal((await pub.get(`/oruk/services/${s.id}`)).json.description, 'Newer officer text');
      r = await vol.get(`/directory/manage/services/${s.id}`);
      assert.match(r.text, /Newer officer text/, 'the next edit starts from the current version');
      await vol.post(`/directory/manage/services/${s.id}`, form('Re-submitted volunteer text'));
      const again = await pendingChangeFor(admin, s.name);
      assert.notEqual(again, change);
      r = await admin.get(`/directory/manage/changes/${again}`);
      assert.doesNotMatch(r.text, /govuk-warning-text/);
      r = await admin.post(`/directory/manage/changes/${again}`, { decision: 'approve' });
      assert.equal(r.status, 303);
      assert.equal((await pub.get(`/oruk/services/${s.id}`)).json.description, 'Re-submitted volunteer text');
    });

    test('the proposer sees a stale change, withdraws it and re-submits from the current version', async () => {
      const s = await find('ADHD Parent Support');
      const form = (description) => ({ name: s.name, description, status: 'active', minimum_age: '4', maximum_age: '18', email: '', url: '' });
      await vol.get(`/directory/manage/services/${s.id}`);
      await vol.post(`/directory/manage/services/${s.id}`, form('Volunteer draft before the officer'));
      let r = await vol.get(`/directory/manage/services/${s.id}`);
      assert.doesNotMatch(r.text, /govuk-warning-text/);
      await admin.get(`/directory/manage/services/${s.id}`);
      await admin.post(`/directory/manage/services/${s.id}`, form('Officer text published meanwhile'));
      r = await vol.get(`/directory/manage/services/${s.id}`);
      assert.match(r.text, /govuk-warning-text/);
      assert.match(r.text, /has changed since you started your change/);
      const change = /href="\/directory\/manage\/changes\/([0-9a-f-]{36})">Check your change/.exec(r.text)[1];
      r = await vol.get(`/directory/manage/changes/${change}`);
      assert.match(r.text, /withdraw your change/);
      assert.match(r.text, /Withdraw this change/);
      const off = await signedIn(srv.base, OFFICER);
      assert.equal((await off.post(`/directory/manage/changes/${change}`, { decision: 'withdraw' })).status, 404, 'another organisation');
      r = await vol.post(`/directory/manage/changes/${change}`, { decision: 'withdraw' });
      assert.equal(r.status, 303);
      assert.equal(r.location, '/directory/manage?done=withdrawn');
      assert.equal((await pub.get(`/oruk/services/${s.id}`)).json.description, 'Officer text published meanwhile', 'nothing published');
      assert.equal(await pendingChangeFor(admin, s.name), null);
      r = await vol.get(`/directory/manage/services/${s.id}`);
      assert.match(r.text, /Officer text published meanwhile/);
      assert.doesNotMatch(r.text, /govuk-warning-text/);
      r = await admin.get(`/api/v1/audit?entity=directory-change&entity_id=${change}`);
      assert.ok(r.json.items.some((x) => x.action === 'update' && x.detail === 'withdrawn'));
    });

    test('editing a place shared by several services refreshes every one of them', async () => {
      // A location used by at least two services.
      const sals = (await pub.get('/oruk/service_at_locations?per_page=500')).json.contents;
      const by = new Map();
      for (const x of sals) by.set(x.location_id, [...(by.get(x.location_id) || []), x.service_id]);
      const [loc, services] = [...by.entries()].find(([, v]) => new Set(v).size >= 2);
      const [a, b] = [...new Set(services)];
      const path = `/directory/manage/services/${a}/access`;
      let r = await admin.get(path);
      assert.equal(r.status, 200);
      const fields = [...r.text.matchAll(/name="(access-\d+)"/g)].map((m) => m[1]);
      const before = (await pub.get(`/oruk/services/${a}`)).json;
      const i = before.service_at_locations.findIndex((x) => (x.location?.id || x.location_id) === loc);
      assert.ok(i >= 0);
      r = await admin.post(path, { [fields[i]]: 'Changing Places toilet on the ground floor' });
      assert.equal(r.status, 303);
      for (const id of [a, b]) {
        const s = (await pub.get(`/oruk/services/${id}`)).json;
        const at = s.service_at_locations.find((x) => (x.location?.id || x.location_id) === loc);
        assert.ok(at.location.accessibility.some((x) => x.description === 'Changing Places toilet on the ground floor'), `service ${id}`);
      }
      const sb = sals.find((x) => x.service_id === b && x.location_id === loc);
      const one = (await pub.get(`/oruk/service_at_locations/${sb.id}`)).json;
      assert.ok(one.location.accessibility.some((x) => x.description === 'Changing Places toilet on the ground floor'));
    });

    test('renaming an organisation through one service refreshes every service it runs', async () => {
      const all = (await pub.get('/oruk/services?per_page=500')).json.contents;
      const by = new Map();
      for (const x of all) by.set(x.organization.id, [...(by.get(x.organization.id) || []), x.id]);
      const [org, [a, b]] = [...by.entries()].find(([, v]) => v.length >= 2);
      const doc = (await pub.get(`/oruk/services/${a}`)).json;
      doc.organization.name = 'Renamed Family Charity';
      const dir = mkdtempSync(join(tmpdir(), 'sendhub-queue-'));
      try {
        const file = join(dir, 'one.ndjson');
        writeFileSync(file, `${JSON.stringify(doc)}\n`);
        const r = spawnSync(BIN, ['directory', 'import', file, '--db', srv.db.url], { encoding: 'utf8', timeout: 120000 });
        assert.equal(r.status, 0, r.stderr);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      assert.equal((await pub.get(`/oruk/organizations/${org}`)).json.name, 'Renamed Family Charity');
      for (const id of [a, b]) assert.equal((await pub.get(`/oruk/services/${id}`)).json.organization.name, 'Renamed Family Charity', `service ${id}`);
      const list = (await pub.get(`/oruk/services?organization_id=${org}&per_page=500`)).json.contents;
      assert.ok(list.length >= 2);
      for (const x of list) assert.equal(x.organization.name, 'Renamed Family Charity');
    });
  });
}
