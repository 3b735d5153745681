// `sendhub directory import|import-csv|export` and `sendhub postcodes import`
// on SQLite and PostgreSQL: exporting then importing changes nothing, running
// an import twice changes nothing, and a file with one bad row stops with a
// report naming the row and the field, and nothing of it is applied.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BACKENDS, BIN, Client, demoDatabase, serve } from './partnership.helpers.mjs';

function sh(args) {
  return spawnSync(BIN, args, { encoding: 'utf8', timeout: 120000, maxBuffer: 64 << 20 });
}

for (const backend of BACKENDS) {
  describe(`directory import and export on ${backend}`, () => {
    let db;
    let dir;
    const exp = () => {
      const r = sh(['directory', 'export', '--db', db.url]);
      assert.equal(r.status, 0, r.stderr);
      return r.stdout;
    };
    before(() => {
      db = demoDatabase(backend);
      dir = mkdtempSync(join(tmpdir(), 'sendhub-dirimp-'));
    });
    after(() => {
      db.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    test('export is ndjson of every service; importing it back changes nothing', () => {
      const before = exp();
      const lines = before.trim().split('\n');
      assert.ok(lines.length >= 40);
      for (const l of lines) assert.ok(JSON.parse(l).id);
      const f = join(dir, 'all.ndjson');
      writeFileSync(f, before);
      let r = sh(['directory', 'import', f, '--db', db.url]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`imported ${lines.length} services: 0 changed, ${lines.length} unchanged`));
      assert.equal(exp(), before);
    });

    test('an ORUK list page upserts by id; twice is no change', () => {
      const lines = exp().trim().split('\n').map((l) => JSON.parse(l));
      const a = { ...lines[0], name: `${lines[0].name} (renamed)` };
      const fresh = structuredClone(lines[1]);
      fresh.id = '6f0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
      fresh.name = 'Imported Riverside Music Group';
      fresh.service_at_locations = fresh.service_at_locations.map((s, i) => ({ ...s, id: `6f0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c${30 + i}` }));
      fresh.contacts = [];
      fresh.attributes = fresh.attributes.map((x, i) => ({ ...x, id: `6f0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1d${30 + i}` }));
      fresh.schedules = [];
      fresh.cost_options = [];
      fresh.languages = [];
      fresh.service_areas = [];
      const f = join(dir, 'page.json');
      writeFileSync(f, JSON.stringify({ total_items: 2, total_pages: 1, page_number: 1, size: 2, contents: [a, fresh] }));
      let r = sh(['directory', 'import', f, '--db', db.url]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /imported 2 services: 2 changed, 0 unchanged/);
      const after1 = exp();
      assert.match(after1, /\(renamed\)/);
      assert.match(after1, /Imported Riverside Music Group/);
      r = sh(['directory', 'import', f, '--db', db.url]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /imported 2 services: 0 changed, 2 unchanged/);
      assert.equal(exp(), after1);
    });

    test('a bad row stops the import, names the row and field, and changes nothing', () => {
      const before = exp();
      const lines = before.trim().split('\n').map((l) => JSON.parse(l));
      const good = { ...lines[0], name: 'This change must not be applied' };
      const bad = structuredClone(lines[1]);
      bad.contacts[0].phones[0].number = 12345;
      const f = join(dir, 'bad.ndjson');
      writeFileSync(f, `${JSON.stringify(good)}\n${JSON.stringify(bad)}\n`);
      let r = sh(['directory', 'import', f, '--db', db.url]);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /item 2 \(line 2\): contacts\[0\]\.phones\[0\]\.number: must be a string/);
      assert.match(r.stderr, /nothing was imported/);
      assert.equal(exp(), before);
      // Broken JSON and unknown references too.
      writeFileSync(f, `${JSON.stringify(good)}\n{"id": oops\n`);
      r = sh(['directory', 'import', f, '--db', db.url]);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /line 2: not JSON/);
      const orphan = { ...good, organization: undefined, organization_id: '00000000-0000-4000-8000-000000000000' };
      writeFileSync(f, JSON.stringify([good, orphan]));
      r = sh(['directory', 'import', f, '--db', db.url]);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /item 2 \(\[1\]\): organization_id: no such organization/);
      assert.equal(exp(), before);
    });

    test('import-csv: documented columns, twice is no change, a bad row changes nothing', async () => {
      const head = 'name,organisation,description,status,website,email,phone,min_age,max_age,cost,categories,needs,venue,address,town,postcode,days,opens,closes,reviewed';
      const rows = [
        'Riverside Lego Club,Riverside Parents Group,"Lego club for autistic children, with quiet space",active,https://lego.example/,lego@lego.example,01632 960999,6,12,free,young-people-groups;leisure,ASD,Riverside Community Centre,4 Mill Lane,Northbridge,nb2 2ab,SA,10:00,12:00,2026-09-01',
        'Eastmere Chess for All,Eastmere Youth Trust,Chess club,active,,,,8,18,2.50,leisure,,Eastmere Youth Centre,18 Quay Street,Eastmere,EM2 3AD,WE,16:00,17:30,',
      ];
      const f = join(dir, 'good.csv');
      writeFileSync(f, `${head}\n${rows.join('\n')}\n`);
      let r = sh(['directory', 'import-csv', f, '--db', db.url]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /imported 2 rows: 2 changed/);
      r = sh(['directory', 'import-csv', f, '--db', db.url]);
      assert.match(r.stdout, /imported 2 rows: 0 changed, 2 unchanged/);
      const out = exp();
      const lego = out.trim().split('\n').map((l) => JSON.parse(l)).find((s) => s.name === 'Riverside Lego Club');
      assert.equal(lego.minimum_age, 6);
      assert.equal(lego.service_at_locations[0].location.addresses[0].postal_code, 'NB2 2AB');
      assert.ok(lego.service_at_locations[0].location.latitude > 53);
      assert.equal(lego.cost_options[0].amount, 0);
      assert.equal(lego.attributes.length, 3);
      const bad = join(dir, 'bad.csv');
      writeFileSync(bad, `${head}\nNew Club,Riverside Parents Group,,active,,,,,,,,,Hall,1 Road,Northbridge,NB1 1AA,,,,\nBad Club,Riverside Parents Group,,active,,,,,,,,,Hall,1 Road,Northbridge,NOT A PC,,,,\n`);
      r = sh(['directory', 'import-csv', bad, '--db', db.url]);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /row 3, column postcode: enter a real UK postcode/);
      writeFileSync(bad, `${head}\nNew Club,Riverside Parents Group,,active,,,,,,,nope,,,,,,,,,\n`);
      r = sh(['directory', 'import-csv', bad, '--db', db.url]);
      assert.match(r.stderr, /row 2, column categories: unknown code "nope"/);
      writeFileSync(bad, `${head}\nNew Club,Riverside Parents Group,,open,,,,,,,,,,,,,,,,\n`);
      r = sh(['directory', 'import-csv', bad, '--db', db.url]);
      assert.match(r.stderr, /row 2: status: is not one of the allowed values/);
      assert.equal(exp(), out);
    });

    test('postcodes import: ONS and plain CSV, normalised; a bad row changes nothing', async () => {
      const ons = join(dir, 'onspd.csv');
      writeFileSync(ons, 'pcd,pcd2,pcds,dointr,lat,long\n"NB91AB","NB9  1AB","nb9 1ab",202001,53.5,-0.8\nNB9 1AD,NB9  1AD,NB91AD,202001,53.51,-0.81\nNB9 1AE,x,NB9 1AE,1,99.999999,0.000000\n');
      let r = sh(['postcodes', 'import', ons, '--db', db.url]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /imported 2 postcodes/);
      const bad = join(dir, 'plain.csv');
      writeFileSync(bad, 'postcode,latitude,longitude\nNB8 1AB,53.4,-0.7\nNB8 1AD,north,-0.7\n');
      r = sh(['postcodes', 'import', bad, '--db', db.url]);
      assert.equal(r.status, 1);
      assert.match(r.stderr, /line 3: latitude: must be a number/);
      writeFileSync(bad, 'postcode,latitude,longitude\nNB8 1AB,53.4,-0.7\nHELLO,53.4,-0.7\n');
      r = sh(['postcodes', 'import', bad, '--db', db.url]);
      assert.match(r.stderr, /line 3: postcode: "HELLO" is not a UK postcode/);
      writeFileSync(bad, 'zip,lat,lng\n');
      r = sh(['postcodes', 'import', bad, '--db', db.url]);
      assert.match(r.stderr, /line 1: the header must name the columns/);
      const srv = await serve(db);
      try {
        const c = new Client(srv.base);
        assert.equal((await c.get('/oruk/service_at_locations?postcode=NB9%201AB')).status, 200);
        assert.equal((await c.get('/oruk/service_at_locations?postcode=nb91ad')).status, 200);
        const miss = await c.get('/oruk/service_at_locations?postcode=NB8%201AB');
        assert.equal(miss.status, 400, 'the bad file added nothing');
        const page = await c.get('/directory?postcode=NB8+1AB');
        assert.match(page.text, /could not find that postcode/);
      } finally {
        await srv.stop();
      }
    });
  });
}
