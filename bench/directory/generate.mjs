// Generates a national-scale Local Offer as ORUK 3.0 ndjson (services with
// nested organizations, locations, contacts, schedules, costs and taxonomy
// terms from the shipped vocabularies) and a postcode CSV to go with it.
// Deterministic (seeded), no network.
//
//   node bench/directory/generate.mjs OUTDIR [SERVICES=50000] [LOCATIONS=80000]
//   -> OUTDIR/services.ndjson, OUTDIR/postcodes.csv
import { createWriteStream, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';

const [out = '/tmp/sendhub-bench-dir', nServices = '50000', nLocations = '80000'] = process.argv.slice(2);
const S = Number(nServices);
const L = Number(nLocations);
mkdirSync(out, { recursive: true });

let seed = 42;
const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
const pick = (a) => a[Math.floor(rnd() * a.length)];
const uuid = (ns, name) => {
  const h = createHash('sha256').update(`${ns}:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${'89ab'[parseInt(h[16], 16) % 4]}${h.slice(17, 20)}-${h.slice(20, 32)}`;
};
// The same derivation as src/core/ids.c is not needed: terms are referenced by
// their full object, which the importer upserts.
const CATS = ['support-groups', 'parent-carer-groups', 'young-people-groups', 'speech-language-therapy', 'occupational-therapy',
  'short-breaks', 'advice', 'education', 'childcare', 'youth-clubs', 'sport-play', 'preparing-for-adulthood'];
const NEEDS = ['ASD', 'SLCN', 'SEMH', 'MLD', 'SLD', 'PMLD', 'SPLD', 'HI', 'VI', 'MSI', 'PD'];
const WHAT = ['support group', 'drop-in', 'club', 'therapy clinic', 'advice service', 'short breaks scheme', 'youth club',
  'play session', 'swimming session', 'parent workshop', 'sensory session', 'coffee morning', 'homework club'];
const FOR = ['autistic children', 'parents and carers', 'young people', 'deaf children', 'families', 'teenagers',
  'children with ADHD', 'young carers', 'children with Down syndrome', 'wheelchair users', 'under fives'];
const TOWNS = ['Ashford', 'Bramley', 'Castleton', 'Dunmore', 'Elmswell', 'Fairford', 'Glenholt', 'Hartwell', 'Ivybridge',
  'Kingsmere', 'Longford', 'Millbrook', 'Newbold', 'Oakridge', 'Pendle', 'Queensbury', 'Redhill', 'Stowmere', 'Thornbury', 'Upwood'];
const WORDS = 'friendly relaxed inclusive specialist local weekly monthly free trained volunteers qualified quiet sensory accessible outdoor indoor music art sport cooking gaming'.split(' ');

// Postcodes: 400 outward codes over England (first letters never used as
// real areas are not needed: these are synthetic), 50 postcodes each.
const outwards = [];
const letters = 'ABCDEFGHJKLMNOPRSTUWYZ';
for (let i = 0; outwards.length < 400; i++) {
  const code = `${letters[i % letters.length]}${letters[Math.floor(i / letters.length) % letters.length]}${1 + (i % 9)}`;
  if (!/[IJZ]/.test(code[1]) && !outwards.some((o) => o.code === code))
    outwards.push({ code, lat: 50.6 + rnd() * 4, lng: -3.4 + rnd() * 3.8 });
}
const pcs = [];
const pcsv = createWriteStream(`${out}/postcodes.csv`);
pcsv.write('postcode,latitude,longitude\n');
for (const o of outwards) {
  for (let k = 0; k < 50; k++) {
    const pc = `${o.code} ${1 + (k % 9)}${'ABDEFGHJLNPQRSTUWXYZ'[k % 20]}${'ABDEFGHJLN'[Math.floor(k / 9) % 10]}`;
    const lat = o.lat + (rnd() - 0.5) * 0.04;
    const lng = o.lng + (rnd() - 0.5) * 0.06;
    pcs.push({ pc, lat, lng });
    pcsv.write(`${pc},${lat.toFixed(6)},${lng.toFixed(6)}\n`);
  }
}
pcsv.end();

const orgs = Array.from({ length: 2000 }, (_, i) => ({
  id: uuid('org', i), name: `${pick(TOWNS)} ${pick(['Family Support', 'Parent Carer Forum', 'Council', 'Youth Trust', 'Community Health', 'Sports Club'])} ${i}`,
  description: 'An organisation in the national benchmark directory.',
}));
const taxCat = uuid('tax', 'categories');
const taxNeeds = uuid('tax', 'needs');
const term = (tax, code) => ({ id: uuid('term', code), name: code, description: `Benchmark term ${code}`, taxonomy_id: tax, code });

const ws = createWriteStream(`${out}/services.ndjson`);
let locs = 0;
for (let i = 0; i < S; i++) {
  const id = uuid('svc', i);
  const two = locs + (S - i) < L;   // two places until the location budget is met
  const nl = two ? 2 : 1;
  const sals = [];
  for (let k = 0; k < nl; k++) {
    const p = pick(pcs);
    const lid = uuid('loc', locs++);
    sals.push({
      id: uuid('sal', `${i}/${k}`),
      location: {
        id: lid, location_type: 'physical', name: `${pick(TOWNS)} ${pick(['Centre', 'Hall', 'Library', 'Hub', 'School'])}`,
        latitude: Number(p.lat.toFixed(6)), longitude: Number(p.lng.toFixed(6)),
        addresses: [{ id: uuid('addr', lid), address_1: `${1 + Math.floor(rnd() * 200)} High Street`, city: pick(TOWNS), state_province: '', postal_code: p.pc, country: 'GB', address_type: 'physical' }],
      },
    });
  }
  const cat = pick(CATS);
  const need = pick(NEEDS);
  const name = `${pick(TOWNS)} ${pick(WHAT)} for ${pick(FOR)}`;
  const free = rnd() < 0.7;
  const svc = {
    id, name, status: rnd() < 0.95 ? 'active' : 'inactive',
    description: `A ${pick(WORDS)} ${pick(WORDS)} ${name.toLowerCase()}. ${Array.from({ length: 12 }, () => pick(WORDS)).join(' ')}.`,
    minimum_age: Math.floor(rnd() * 10), maximum_age: 12 + Math.floor(rnd() * 14),
    organization: pick(orgs),
    service_at_locations: sals,
    schedules: [{ id: uuid('sch', i), freq: 'WEEKLY', byday: pick(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'MO,WE', 'TU,TH']), opens_at: '10:00', closes_at: '12:00' }],
    cost_options: [{ id: uuid('cost', i), amount: free ? 0 : 5, option: free ? 'Free' : 'Per session' }],
    contacts: [{ id: uuid('con', i), name: 'Enquiries', phones: [{ id: uuid('ph', i), number: '01632 960000' }] }],
    attributes: [
      { id: uuid('attr', `${i}/c`), taxonomy_term: term(taxCat, `bench-${cat}`) },
      { id: uuid('attr', `${i}/n`), taxonomy_term: term(taxNeeds, `bench-${need}`) },
    ],
  };
  ws.write(`${JSON.stringify(svc)}\n`);
}
ws.end(() => console.log(`${S} services, ${locs} locations, ${pcs.length} postcodes in ${out}`));
