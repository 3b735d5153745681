// Writes the mixed workloads for run.sh: many different searches of each
// kind, so that the server's answer cache sees what a real Local Offer sees
// (a long tail of different questions), not one question asked again.
//
//   node bench/directory/mix.mjs WORKDIR [N]
// Reads WORKDIR/postcodes.csv (generate.mjs); writes WORKDIR/mix-words.txt,
// mix-places.txt and mix-page.txt, N request paths each (default 2000).
import { readFileSync, writeFileSync } from 'node:fs';

const [dir, nArg] = process.argv.slice(2);
const n = Number(nArg ?? 2000);
let seed = 20261123;
const rnd = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const pick = (a) => a[Math.floor(rnd() * a.length)];
// Words people type: the generator's vocabulary, whole or cut short.
const words = ['support group', 'drop-in', 'club', 'therapy', 'advice', 'short breaks', 'youth club', 'play', 'swimming',
  'parent workshop', 'sensory', 'coffee morning', 'homework', 'autistic', 'autism', 'parents', 'carers', 'young people',
  'deaf', 'families', 'teenagers', 'adhd', 'young carers', 'down syndrome', 'wheelchair', 'under fives', 'friendly',
  'inclusive', 'specialist', 'weekly', 'free', 'quiet', 'music', 'art', 'sport', 'cooking', 'gaming', 'speech',
  'Ashford', 'Bramley', 'Castleton', 'Kingsmere', 'Millbrook', 'Redhill', 'Thornbury'];
const typed = () => {
  const w = rnd() < 0.5 ? pick(words) : `${pick(words)} ${pick(words)}`;
  return rnd() < 0.3 && w.length > 4 ? w.slice(0, Math.max(3, w.length - 2)) : w;   // stopped typing mid-word
};
const postcodes = readFileSync(`${dir}/postcodes.csv`, 'utf8').trim().split('\n').slice(1).map((l) => l.split(',')[0]);
const enc = encodeURIComponent;
const lines = (f) => Array.from({ length: n }, f).join('\n') + '\n';
writeFileSync(`${dir}/mix-words.txt`, lines(() => `/oruk/services?search=${enc(typed())}`));
writeFileSync(`${dir}/mix-places.txt`,
  lines(() => `/oruk/service_at_locations?postcode=${enc(pick(postcodes))}&proximity=${pick([3000, 8000, 16000])}`));
writeFileSync(`${dir}/mix-page.txt`,
  lines(() => `/directory?q=${enc(typed())}&postcode=${enc(pick(postcodes))}&distance=${pick([1, 3, 5, 10])}`));
