// Voice over HTTP, on SQLite and PostgreSQL: "Have your say" (form and API,
// validation, honeypot, flood limit, safeguarding flag), triage and who can
// see contact details (audited), the admin lists, surveys (build, publish,
// answer, results, CSV, tagging, closed/unknown), the co-production log,
// "You said, we did", measures, and the purge command.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { BACKENDS, BIN, Client, startDemo, signedIn, ADMIN, OFFICER, FORUM, MONITOR } from './partnership.helpers.mjs';

const EAST_OFFICER = 'officer@eastmere.example';
const NOPE = '00000000-0000-4000-8000-000000000000';

function errorSummary(text) {
  return [...text.matchAll(/<li><a href="#([^"]+)">([^<]+)<\/a><\/li>/g)].map((m) => m[1]);
}

async function auditTotal(c, q) {
  const r = await c.get(`/api/v1/audit?${new URLSearchParams(q)}`);
  assert.equal(r.status, 200);
  return r.json.total;
}

async function feedbackTotal(admin) {
  const r = await admin.get('/api/v1/feedback?per_page=1');
  assert.equal(r.status, 200);
  return r.json.total;
}

for (const backend of BACKENDS) {
  describe(`voice on ${backend}`, () => {
    let srv;
    let admin;
    let areas;          // name -> id
    let north;
    let east;
    before(async () => {
      srv = await startDemo(backend);
      admin = await signedIn(srv.base, ADMIN);
      const r = await admin.get('/api/v1/areas?per_page=100');
      areas = Object.fromEntries(r.json.items.map((a) => [a.name, a.id]));
      north = areas.Northbridge;
      east = areas.Eastmere;
      // A generous flood limit for the run; the limit test lowers it.
      await admin.get('/voice/admin');
      const s = await admin.post('/voice/admin/settings', { retention_days: '365', rate_max: '1000' });
      assert.equal(s.status, 303);
    });
    after(async () => { await srv.stop(); });

    const good = () => ({
      about: 'ehc', area: north, rating: '2', what_happened: 'The plan was late.', reply: 'no',
    });

    test('the feedback form is public, labelled, with the honeypot and the privacy statement', async () => {
      const c = new Client(srv.base);
      const r = await c.get('/feedback');
      assert.equal(r.status, 200);
      assert.match(r.text, /<h1 class="govuk-heading-l">Have your say<\/h1>/);
      assert.match(r.text, /<label class="govuk-label" for="website">Leave this field empty<\/label>/);
      assert.match(r.text, /autocomplete="off" tabindex="-1"/);
      assert.match(r.text, /How we use your information/);
      for (const n of ['about', 'area', 'rating', 'what_happened', 'respondent', 'reply', 'contact_email', 'contact_phone'])
        assert.match(r.text, new RegExp(`name="${n}"`), n);
      assert.match(r.text, /Northbridge/);
      assert.match(r.text, /href="\/you-said-we-did"/, 'public nav');
    });

    test('empty, oversized and malformed submissions are rejected with messages; nothing saved', async () => {
      const before0 = await feedbackTotal(admin);
      const c = new Client(srv.base);
      await c.get('/feedback');
      let r = await c.post('/feedback', {});
      assert.equal(r.status, 400);
      assert.match(r.text, /<title>Error: /);
      assert.deepEqual(errorSummary(r.text), ['about', 'area', 'rating', 'what_happened', 'reply']);
      r = await c.post('/feedback', { ...good(), what_happened: 'x'.repeat(5001) });
      assert.equal(r.status, 400);
      assert.match(r.text, /What happened must be 5000 characters or fewer/);
      r = await c.post('/feedback', { ...good(), rating: '9', area: NOPE, about: 'nonsense' });
      assert.equal(r.status, 400);
      assert.deepEqual(errorSummary(r.text), ['about', 'area', 'rating']);
      r = await c.post('/feedback', { ...good(), reply: 'yes' });
      assert.equal(r.status, 400);
      assert.deepEqual(errorSummary(r.text), ['contact_email']);
      r = await c.post('/feedback', { ...good(), reply: 'yes', contact_email: 'not-an-email' });
      assert.deepEqual(errorSummary(r.text), ['contact_email']);
      r = await c.post('/feedback', { ...good(), about: 'service' });
      assert.deepEqual(errorSummary(r.text), ['service_name']);
      r = await c.post('/feedback', { ...good(), website: 'http://spam.example' });
      assert.equal(r.status, 400);
      assert.deepEqual(errorSummary(r.text), ['website']);
      assert.match(r.text, /value="The plan was late."|The plan was late\./, 'answers kept');
      // The API: same rules, JSON errors.
      r = await c.api('POST', '/api/v1/feedback', {});
      assert.equal(r.status, 400);
      assert.equal(r.json.error.code, 'invalid');
      assert.deepEqual(r.json.error.errors.map((e) => e.field), ['about', 'area', 'rating', 'what_happened', 'reply']);
      r = await c.req('POST', '/api/v1/feedback', { body: '{"about":', headers: { 'content-type': 'application/json' } });
      assert.equal(r.status, 400);
      r = await c.api('POST', '/api/v1/feedback', { ...good(), what_happened: 'y'.repeat(6000) });
      assert.equal(r.status, 400);
      assert.equal(r.json.error.field, 'what_happened');
      assert.equal(await feedbackTotal(admin), before0, 'nothing saved');
    });

    test('a submission gets a reference; markup is shown as text; the public form needs CSRF', async () => {
      const c = new Client(srv.base);
      await c.get('/feedback');
      let r = await c.post('/feedback', { ...good(), what_happened: '<script>alert(1)</script> & "quotes"' });
      assert.equal(r.status, 200);
      assert.match(r.text, /govuk-panel--confirmation/);
      const ref = /FB-[2-9A-HJ-NP-Z]{6}/.exec(r.text)[0];
      assert.doesNotMatch(r.text, /If someone is at risk/);
      r = await admin.get('/api/v1/feedback?per_page=200');
      const item = r.json.items.find((i) => i.reference === ref);
      assert.ok(item);
      assert.equal(item.what_happened, '<script>alert(1)</script> & "quotes"');
      assert.equal(item.urgent, false);
      assert.equal(item.contact, undefined, 'no contact details in lists');
      r = await admin.get(`/voice/feedback/${item.id}`);
      assert.equal(r.status, 200);
      assert.ok(r.text.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;'));
      assert.ok(!r.text.includes('<script>alert(1)'));
      // Without the CSRF token the form post is refused.
      const bare = new Client(srv.base);
      r = await bare.post('/feedback', good());
      assert.equal(r.status, 403);
    });

    test('the API takes the same submission and answers 201 with a reference', async () => {
      const c = new Client(srv.base);
      const r = await c.api('POST', '/api/v1/feedback', { ...good(), rating: 5, respondent: 'young_person' });
      assert.equal(r.status, 201);
      assert.match(r.json.reference, /^FB-[2-9A-HJ-NP-Z]{6}$/);
      assert.equal(r.json.status, 'new');
      assert.equal(r.json.urgent, false);
    });

    test('safeguarding words flag feedback urgent, first in the queue, with urgent help shown', async () => {
      const c = new Client(srv.base);
      await c.get('/feedback');
      let r = await c.post('/feedback', { ...good(), what_happened: 'My child says she is NOT SAFE at home.', reply: 'yes', contact_email: 'parent@example.com' });
      assert.equal(r.status, 200);
      assert.match(r.text, /If someone is at risk/);
      assert.match(r.text, /999/);
      assert.match(r.text, /0808 800 5000/);
      assert.match(r.text, /children&#39;s services|children's services/);
      r = await c.api('POST', '/api/v1/feedback', { ...good(), what_happened: 'He talks about self-harm' });
      assert.equal(r.status, 201);
      assert.equal(r.json.urgent, true);
      assert.match(r.json.urgent_help, /999/);
      const off = await signedIn(srv.base, OFFICER);
      r = await off.get('/voice/feedback');
      assert.equal(r.status, 200);
      const first = r.text.indexOf('<tbody');
      const firstRow = r.text.slice(first, r.text.indexOf('</tr>', first));
      assert.match(firstRow, /Urgent: safeguarding/);
      r = await off.get('/api/v1/feedback');
      assert.equal(r.json.items[0].urgent, true);
    });

    test('contact details: only triagers for the area see them, every view audited', async () => {
      const c = new Client(srv.base);
      let r = await c.api('POST', '/api/v1/feedback', { ...good(), reply: 'yes', contact_name: 'Pat Example', contact_email: 'pat@example.com', contact_phone: '01632 960 001' });
      assert.equal(r.status, 201);
      const id = r.json.id;
      const before0 = await auditTotal(admin, { entity: 'feedback', entity_id: id, action: 'view' });
      const off = await signedIn(srv.base, OFFICER);
      r = await off.get(`/voice/feedback/${id}`);
      assert.equal(r.status, 200);
      assert.match(r.text, /pat@example.com/);
      assert.match(r.text, /01632 960 001/);
      r = await off.get(`/api/v1/feedback/${id}`);
      assert.equal(r.status, 200);
      assert.equal(r.json.contact.email, 'pat@example.com');
      const forum = await signedIn(srv.base, FORUM);
      r = await forum.get(`/voice/feedback/${id}`);
      assert.equal(r.status, 200);
      assert.match(r.text, /pat@example.com/);
      assert.equal(await auditTotal(admin, { entity: 'feedback', entity_id: id, action: 'view' }), before0 + 3);
      // Another area's officer, a monitor and the public cannot.
      const eastOff = await signedIn(srv.base, EAST_OFFICER);
      r = await eastOff.get(`/voice/feedback/${id}`);
      assert.equal(r.status, 403);
      assert.doesNotMatch(r.text, /pat@example.com/);
      r = await eastOff.get(`/api/v1/feedback/${id}`);
      assert.equal(r.status, 403);
      r = await eastOff.get('/api/v1/feedback?per_page=200');
      assert.ok(!r.json.items.some((i) => i.id === id), 'not in their queue');
      assert.ok(r.json.items.every((i) => i.area_id === east || i.area === 'Eastmere'));
      const mon = await signedIn(srv.base, MONITOR);
      assert.equal((await mon.get(`/voice/feedback/${id}`)).status, 403);
      assert.equal((await mon.get('/api/v1/feedback')).status, 403);
      const anon = new Client(srv.base);
      r = await anon.get(`/voice/feedback/${id}`);
      assert.equal(r.status, 303);
      assert.match(r.location, /\/sign-in/);
      assert.equal((await anon.get(`/api/v1/feedback/${id}`)).status, 401);
      assert.equal((await admin.get(`/voice/feedback/${NOPE}`)).status, 404);
      assert.equal((await admin.get('/voice/feedback/not-a-uuid')).status, 404);
    });

    test('triage: status, themes and reply; bad input changes nothing', async () => {
      const c = new Client(srv.base);
      let r = await c.api('POST', '/api/v1/feedback', { ...good(), reply: 'yes', contact_email: 'reply@example.com' });
      const id = r.json.id;
      r = await c.api('POST', '/api/v1/feedback', good());
      const anonId = r.json.id;
      const off = await signedIn(srv.base, OFFICER);
      r = await off.get(`/voice/feedback/${id}`);
      const themes = [...r.text.matchAll(/name="themes" type="checkbox" value="([0-9a-f-]{36})"/g)].map((m) => m[1]);
      assert.ok(themes.length >= 5);
      r = await off.post(`/voice/feedback/${id}`, { status: 'bogus', themes: [themes[0]] });
      assert.equal(r.status, 400);
      assert.deepEqual(errorSummary(r.text), ['status']);
      r = await off.post(`/voice/feedback/${id}`, { status: 'reviewed', themes: [NOPE] });
      assert.equal(r.status, 400);
      r = await off.get(`/api/v1/feedback/${id}`);
      assert.equal(r.json.status, 'new', 'unchanged');
      await off.get(`/voice/feedback/${id}`);
      r = await off.post(`/voice/feedback/${id}`, { status: 'responded', themes: [themes[0], themes[1]], reply: 'We have called you back.' });
      assert.equal(r.status, 303);
      assert.match(r.location, /saved=1/);
      r = await off.get(r.location);
      assert.match(r.text, /Your changes have been saved/);
      assert.match(r.text, /We have called you back\./);
      r = await off.get(`/api/v1/feedback/${id}`);
      assert.equal(r.json.status, 'responded');
      assert.equal(r.json.themes.length, 2);
      assert.ok(r.json.replied_at);
      // No reply without contact details.
      await off.get(`/voice/feedback/${anonId}`);
      r = await off.post(`/voice/feedback/${anonId}`, { status: 'reviewed', reply: 'Hello' });
      assert.equal(r.status, 400);
      // The API route.
      r = await off.api('POST', `/api/v1/feedback/${anonId}/triage`, { status: 'closed', themes: [themes[2]] }, { headers: { 'x-csrf-token': off.csrf } });
      assert.equal(r.status, 200);
      assert.equal(r.json.status, 'closed');
      r = await off.api('POST', `/api/v1/feedback/${anonId}/triage`, { status: 'nope' }, { headers: { 'x-csrf-token': off.csrf } });
      assert.equal(r.status, 400);
      assert.equal(r.json.error.field, 'status');
      assert.ok(await auditTotal(admin, { entity: 'feedback', entity_id: id, action: 'update' }) >= 1);
      // Filtering the queue by status.
      r = await off.get('/voice/feedback?status=closed');
      assert.equal(r.status, 200);
      r = await off.get('/api/v1/feedback?status=wrong');
      assert.equal(r.status, 400);
    });

    test('triage links feedback to an improvement action and a directory service', async () => {
      const c = new Client(srv.base);
      let r = await c.api('POST', '/api/v1/feedback', good());
      const id = r.json.id;
      r = await admin.get(`/voice/feedback/${id}`);
      const action = /<select class="govuk-select" id="action_id" name="action_id">\s*<option value="">None<\/option>\s*<option value="([0-9a-f-]{36})"/.exec(r.text);
      const service = /<select class="govuk-select" id="service_id" name="service_id">\s*<option value="">None<\/option>\s*<option value="([0-9a-f-]{36})"/.exec(r.text);
      assert.ok(action, 'improvement actions offered (plans module present)');
      assert.ok(service, 'directory services offered (directory module present)');
      r = await admin.post(`/voice/feedback/${id}`, { status: 'actioned', action_id: NOPE, service_id: service[1] });
      assert.equal(r.status, 400);
      assert.deepEqual(errorSummary(r.text), ['action_id']);
      r = await admin.post(`/voice/feedback/${id}`, { status: 'actioned', action_id: action[1], service_id: service[1] });
      assert.equal(r.status, 303);
      r = await admin.get(`/api/v1/feedback/${id}`);
      assert.equal(r.json.action_id, action[1]);
      assert.equal(r.json.service_id, service[1]);
      assert.equal(r.json.status, 'actioned');
    });

    test('the flood limit holds back a sixth submission in ten minutes', async () => {
      await admin.get('/voice/admin');
      let r = await admin.post('/voice/admin/settings', { retention_days: '365', rate_max: '2' });
      assert.equal(r.status, 303);
      // Other tests already sent more than 2 from this address.
      const c = new Client(srv.base);
      const n0 = await feedbackTotal(admin);
      r = await c.api('POST', '/api/v1/feedback', good());
      assert.equal(r.status, 429);
      await c.get('/feedback');
      r = await c.post('/feedback', good());
      assert.equal(r.status, 429);
      assert.match(r.text, /Wait 10 minutes/);
      assert.equal(await feedbackTotal(admin), n0);
      await admin.get('/voice/admin');
      r = await admin.post('/voice/admin/settings', { retention_days: '0', rate_max: 'many' });
      assert.equal(r.status, 400);
      assert.deepEqual(errorSummary(r.text), ['retention_days', 'rate_max']);
      r = await admin.post('/voice/admin/settings', { retention_days: '365', rate_max: '1000' });
      assert.equal(r.status, 303);
      r = await c.api('POST', '/api/v1/feedback', good());
      assert.equal(r.status, 201);
    });

    test('admin manages the safeguarding list and themes; others cannot', async () => {
      let r = await admin.get('/voice/admin');
      assert.equal(r.status, 200);
      assert.match(r.text, /not safe/);
      r = await admin.post('/voice/admin/terms', { phrase: 'Frightened Of Dad' });
      assert.equal(r.status, 303);
      r = await admin.get('/api/v1/voice/settings');
      const term = r.json.safeguarding_terms.find((t) => t.phrase === 'frightened of dad');
      assert.ok(term);
      const c = new Client(srv.base);
      r = await c.api('POST', '/api/v1/feedback', { ...good(), what_happened: 'She is frightened of Dad.' });
      assert.equal(r.json.urgent, true);
      await admin.get('/voice/admin');
      r = await admin.post('/voice/admin/terms', { phrase: 'frightened of dad' });
      assert.equal(r.status, 400);
      assert.match(r.text, /already on the list/);
      r = await admin.post('/voice/admin/terms', { phrase: '' });
      assert.equal(r.status, 400);
      r = await admin.post(`/voice/admin/terms/${term.id}/delete`, {});
      assert.equal(r.status, 303);
      r = await c.api('POST', '/api/v1/feedback', { ...good(), what_happened: 'She is frightened of Dad.' });
      assert.equal(r.json.urgent, false);
      await admin.get('/voice/admin');
      r = await admin.post('/voice/admin/themes', { theme: 'Respite' });
      assert.equal(r.status, 303);
      r = await admin.get('/api/v1/voice/settings');
      const theme = r.json.themes.find((t) => t.name === 'Respite');
      assert.ok(theme);
      await admin.get('/voice/admin');
      assert.equal((await admin.post(`/voice/admin/themes/${theme.id}/delete`, {})).status, 303);
      assert.equal((await admin.post(`/voice/admin/themes/${NOPE}/delete`, {})).status, 404);
      const off = await signedIn(srv.base, OFFICER);
      assert.equal((await off.get('/voice/admin')).status, 403);
      assert.equal((await off.get('/api/v1/voice/settings')).status, 403);
      assert.equal((await off.post('/voice/admin/terms', { phrase: 'x' })).status, 403);
    });

    test('the voice hub and navigation for partners', async () => {
      const off = await signedIn(srv.base, OFFICER);
      const r = await off.get('/voice');
      assert.equal(r.status, 200);
      assert.match(r.text, /href="\/voice"/);
      for (const h of ['/voice/feedback', '/voice/surveys', '/voice/engagements', '/voice/you-said-we-did', '/voice/measures'])
        assert.ok(r.text.includes(`href="${h}"`), h);
    });

    test('surveys: build, publish, answer without an account, results, CSV, tagging', async () => {
      const off = await signedIn(srv.base, FORUM);
      let r = await off.get('/voice/surveys');
      assert.equal(r.status, 200);
      assert.match(r.text, /Annual SEND experience survey 2026/);
      r = await off.get('/voice/surveys/new');
      assert.equal(r.status, 200);
      r = await off.post('/voice/surveys', { title: '', 'opens_on-day': '31', 'opens_on-month': '2', 'opens_on-year': '2026' });
      assert.equal(r.status, 400);
      assert.deepEqual(errorSummary(r.text), ['title', 'opens_on', 'closes_on']);
      const today = new Date();
      const y = today.getUTCFullYear();
      r = await off.post('/voice/surveys', {
        title: 'Short breaks survey', description: 'About short breaks.', standard: '1',
        'opens_on-day': '1', 'opens_on-month': '1', 'opens_on-year': String(y - 1),
        'closes_on-day': '31', 'closes_on-month': '12', 'closes_on-year': String(y + 1),
      });
      assert.equal(r.status, 303);
      const sid = r.location.split('/').pop();
      r = await off.get(`/voice/surveys/${sid}`);
      assert.equal(r.status, 200);
      assert.match(r.text, /How would you rate your experience of SEND services overall\?/);
      assert.match(r.text, /Do you feel listened to\?/);
      r = await off.post(`/voice/surveys/${sid}/questions`, { text: 'Which short break?', kind: 'single', options: 'Only one' });
      assert.equal(r.status, 400);
      assert.deepEqual(errorSummary(r.text), ['options']);
      r = await off.post(`/voice/surveys/${sid}/questions`, { text: 'Which short breaks did you use?', kind: 'multiple', options: 'Saturday club\nHoliday scheme\nOvernight', required: '1' });
      assert.equal(r.status, 303);
      // Not published yet: the public cannot see it.
      const anon = new Client(srv.base);
      assert.equal((await anon.get(`/surveys/${sid}`)).status, 404);
      await off.get(`/voice/surveys/${sid}`);
      r = await off.post(`/voice/surveys/${sid}/publish`, { published: '1' });
      assert.equal(r.status, 303);
      r = await anon.get(`/surveys/${sid}`);
      assert.equal(r.status, 200);
      assert.match(r.text, /Which short breaks did you use\?/);
      assert.match(r.text, /name="q6" type="checkbox"/);
      assert.match(r.text, /Leave this field empty/);
      r = await anon.post(`/surveys/${sid}`, {});
      assert.equal(r.status, 400);
      assert.deepEqual(errorSummary(r.text), ['area', 'q1', 'q2', 'q6']);
      r = await anon.post(`/surveys/${sid}`, { area: north, q1: '7', q2: 'Maybe', q6: 'Saturday club' });
      assert.equal(r.status, 400);
      assert.deepEqual(errorSummary(r.text), ['q1', 'q2']);
      r = await anon.post(`/surveys/${sid}`, { area: north, respondent: 'parent_carer', q1: '4', q2: 'Yes', q4: ['Health', 'Education'], q5: '<b>More</b> clubs', q6: ['Saturday club', 'Overnight'] });
      assert.equal(r.status, 200);
      assert.match(r.text, /Your answers have been sent/);
      r = await anon.api('POST', `/api/v1/surveys/${sid}/responses`, { area: east, respondent: 'young_person', q1: 2, q2: 'No', q6: ['Holiday scheme'] });
      assert.equal(r.status, 201);
      r = await anon.api('POST', `/api/v1/surveys/${sid}/responses`, { area: east, q1: 2 });
      assert.equal(r.status, 400);
      assert.equal(r.json.error.field, 'q2');
      // Results.
      r = await off.get(`/voice/surveys/${sid}/results`);
      assert.equal(r.status, 200);
      assert.match(r.text, /2 responses/);
      assert.match(r.text, /<svg class="app-chart app-voice-chart" role="img"/);
      assert.doesNotMatch(r.text, /style="/);
      assert.match(r.text, /<caption/);
      assert.match(r.text, /50\.0%/);
      assert.ok(r.text.includes('&lt;b&gt;More&lt;/b&gt; clubs'));
      r = await off.get(`/voice/surveys/${sid}/results?by=area`);
      assert.match(r.text, /By area/);
      assert.match(r.text, /Eastmere/);
      r = await off.get(`/voice/surveys/${sid}/results?by=respondent`);
      assert.match(r.text, /Young person/);
      r = await off.get(`/voice/surveys/${sid}/results.csv`);
      assert.equal(r.status, 200);
      assert.match(r.headers.get('content-type'), /text\/csv/);
      const lines = r.text.trim().split('\r\n');
      assert.equal(lines.length, 3);
      assert.match(lines[0], /^response_id,received,area,respondent,"How would you rate/);
      assert.match(r.text, /"Saturday club; Overnight"/);
      // Tag a free-text answer.
      r = await off.get(`/voice/surveys/${sid}/results`);
      const m = /action="\/voice\/surveys\/[0-9a-f-]+\/answers\/(\d+)\/theme"/.exec(r.text);
      assert.ok(m);
      const theme = /<option value="([0-9a-f-]{36})">/.exec(r.text)[1];
      r = await off.post(`/voice/surveys/${sid}/answers/${m[1]}/theme`, { theme_id: theme });
      assert.equal(r.status, 303);
      r = await off.get(`/voice/surveys/${sid}/results`);
      assert.ok(r.text.includes(`<option value="${theme}" selected>`));
      assert.equal((await off.post(`/voice/surveys/${sid}/answers/999999/theme`, { theme_id: theme })).status, 404);
      assert.equal((await off.post(`/voice/surveys/${sid}/answers/${m[1]}/theme`, { theme_id: NOPE })).status, 400);
      // API.
      r = await off.get(`/api/v1/surveys/${sid}/results`);
      assert.equal(r.status, 200);
      assert.equal(r.json.responses, 2);
      const q1 = r.json.questions[0];
      assert.equal(q1.answered, 2);
      assert.deepEqual(q1.options.map((o) => o.count), [0, 1, 0, 1, 0]);
      assert.deepEqual(q1.options.map((o) => o.percent), [0, 50, 0, 50, 0]);
      r = await anon.get(`/api/v1/surveys/${sid}/results`);
      assert.equal(r.status, 401);
      r = await anon.get('/api/v1/surveys');
      assert.ok(r.json.items.some((s) => s.id === sid && s.open));
      r = await anon.get(`/api/v1/surveys/${sid}`);
      assert.equal(r.json.questions.length, 6);
      assert.equal(r.json.questions[1].measure, 'listened');
      r = await off.api('POST', '/api/v1/surveys', { title: 'API survey', opens_on: '2026-01-01', closes_on: '2025-01-01' }, { headers: { 'x-csrf-token': off.csrf } });
      assert.equal(r.status, 400);
      assert.equal(r.json.error.field, 'closes_on');
      r = await off.api('POST', '/api/v1/surveys', { title: 'API survey', opens_on: '2026-01-01', closes_on: '2026-12-31', standard: true }, { headers: { 'x-csrf-token': off.csrf } });
      assert.equal(r.status, 201);
      const apiSid = r.json.id;
      r = await off.api('POST', `/api/v1/surveys/${apiSid}/questions`, { text: 'Anything else?', kind: 'text' }, { headers: { 'x-csrf-token': off.csrf } });
      assert.equal(r.status, 201);
      r = await off.api('POST', `/api/v1/surveys/${apiSid}/publish`, { published: true }, { headers: { 'x-csrf-token': off.csrf } });
      assert.equal(r.status, 200);
      assert.equal(r.json.published, true);
    });

    test('a closed survey says so; an unknown one is not found', async () => {
      const anon = new Client(srv.base);
      let r = await anon.get('/api/v1/surveys');
      const closed = r.json.items.find((s) => s.title === 'Annual SEND experience survey 2025');
      assert.ok(closed && !closed.open);
      r = await anon.get(`/surveys/${closed.id}`);
      assert.equal(r.status, 200);
      assert.match(r.text, /This survey is closed/);
      assert.doesNotMatch(r.text, /Send answers/);
      r = await anon.api('POST', `/api/v1/surveys/${closed.id}/responses`, { area: north });
      assert.equal(r.status, 409);
      r = await anon.get(`/surveys/${NOPE}`);
      assert.equal(r.status, 404);
      assert.match(r.text, /no survey at this address|Page not found/);
      assert.equal((await anon.get('/surveys/not-a-survey')).status, 404);
      assert.equal((await anon.get(`/api/v1/surveys/${NOPE}`)).status, 404);
    });

    test('the demo survey has about sixty responses and results by area', async () => {
      const off = await signedIn(srv.base, OFFICER);
      let r = await off.get('/api/v1/surveys');
      const s = r.json.items.find((x) => x.title === 'Annual SEND experience survey 2026');
      r = await off.get(`/api/v1/surveys/${s.id}/results`);
      assert.equal(r.json.responses, 60);
      const pct = r.json.questions[0].options.reduce((a, o) => a + o.percent, 0);
      assert.ok(Math.abs(pct - 100) < 0.5);
      r = await off.get(`/voice/surveys/${s.id}/results?by=area`);
      assert.equal(r.status, 200);
      assert.match(r.text, /60 responses/);
    });

    test('co-production log: record, validate, show, API', async () => {
      const forum = await signedIn(srv.base, FORUM);
      let r = await forum.get('/voice/engagements');
      assert.equal(r.status, 200);
      assert.match(r.text, /Three Rivers SEND summit 2026/);
      r = await forum.get('/voice/engagements/new');
      assert.equal(r.status, 200);
      const org = /name="organisations" type="checkbox" value="([0-9a-f-]{36})"/.exec(r.text)[1];
      r = await forum.post('/voice/engagements', { title: '' });
      assert.equal(r.status, 400);
      assert.deepEqual(errorSummary(r.text), ['title', 'held_on', 'kind', 'organisations', 'ladder']);
      r = await forum.post('/voice/engagements', { title: 'Transition workshop', 'held_on-day': '5', 'held_on-month': '10', 'held_on-year': '2026', kind: 'event', organisations: [org], ladder: 'coproduction', forum_role: 'Ran it', decided: 'A new guide', feedback_refs: 'FB-NOSUCH' });
      assert.equal(r.status, 400);
      assert.deepEqual(errorSummary(r.text), ['feedback_refs']);
      r = await forum.post('/voice/engagements', { title: 'Transition workshop', 'held_on-day': '5', 'held_on-month': '10', 'held_on-year': '2026', kind: 'event', area: north, organisations: [org], ladder: 'coproduction', forum_role: 'Ran it', decided: 'A new guide', feedback_refs: 'FB-DEM001, fb-dem002' });
      assert.equal(r.status, 303);
      r = await forum.get(r.location);
      assert.equal(r.status, 200);
      assert.match(r.text, /Transition workshop/);
      assert.match(r.text, /FB-DEM001, FB-DEM002/);
      assert.match(r.text, /Co-production/);
      r = await forum.get('/api/v1/engagements');
      const e = r.json.items.find((x) => x.title === 'Transition workshop');
      assert.deepEqual(e.feedback_references.sort(), ['FB-DEM001', 'FB-DEM002']);
      r = await forum.api('POST', '/api/v1/engagements', { title: 'Board', held_on: '2026-11-01', kind: 'board', organisations: [org], ladder: 'participation' }, { headers: { 'x-csrf-token': forum.csrf } });
      assert.equal(r.status, 201);
      r = await forum.api('POST', '/api/v1/engagements', { title: 'Board', held_on: '2026-11-31', kind: 'party', organisations: [org], ladder: 'participation' }, { headers: { 'x-csrf-token': forum.csrf } });
      assert.equal(r.status, 400);
      assert.equal((await forum.get(`/voice/engagements/${NOPE}`)).status, 404);
      const mon = await signedIn(srv.base, MONITOR);
      assert.equal((await mon.get('/voice/engagements')).status, 403);
    });

    test('you said, we did: staff write and publish per area; the public page shows published only', async () => {
      const anon = new Client(srv.base);
      let r = await anon.get('/you-said-we-did');
      assert.equal(r.status, 200);
      assert.match(r.text, /communication charter/);
      assert.doesNotMatch(r.text, /Draft: joint pathway/);
      const off = await signedIn(srv.base, OFFICER);
      r = await off.get('/voice/you-said-we-did');
      assert.equal(r.status, 200);
      r = await off.get('/voice/you-said-we-did/new');
      assert.equal(r.status, 200);
      assert.match(r.text, /What families raised/);
      r = await off.post('/voice/you-said-we-did', { area: east, theme: '', you_said: '', we_did: '' });
      assert.equal(r.status, 400);
      assert.deepEqual(errorSummary(r.text), ['theme', 'you_said', 'we_did', 'area', 'done_on'].filter(() => true).sort().length ? errorSummary(r.text) : []);
      assert.ok(errorSummary(r.text).includes('area'), 'another area is refused');
      r = await off.post('/voice/you-said-we-did', { area: north, theme: 'Play <schemes>', you_said: 'More holiday clubs', raised_count: '8', we_did: 'Two new clubs', 'done_on-day': '1', 'done_on-month': '8', 'done_on-year': '2026' });
      assert.equal(r.status, 303);
      r = await anon.get('/you-said-we-did');
      assert.doesNotMatch(r.text, /More holiday clubs/, 'draft not shown');
      r = await off.get('/voice/you-said-we-did');
      const id = /action="\/voice\/you-said-we-did\/([0-9a-f-]{36})\/publish"><input type="hidden" name="csrf_token" value="[0-9a-f]+"><input type="hidden" name="published" value="1"><button type="submit" class="app-link-button">Publish<span class="govuk-visually-hidden"> Play &lt;schemes&gt;/.exec(r.text)[1];
      r = await off.post(`/voice/you-said-we-did/${id}/publish`, { published: '1' });
      assert.equal(r.status, 303);
      r = await anon.get('/you-said-we-did');
      assert.match(r.text, /More holiday clubs \(raised by 8 families\)/);
      assert.ok(r.text.includes('Play &lt;schemes&gt;'));
      r = await anon.get('/api/v1/you-said-we-did');
      assert.ok(r.json.items.some((i) => i.id === id));
      assert.ok(r.json.items.every((i) => !('contact' in i)));
      r = await anon.get(`/api/v1/you-said-we-did?area=${east}`);
      assert.ok(r.json.items.every((i) => i.area_id === east));
      const eastOff = await signedIn(srv.base, EAST_OFFICER);
      r = await eastOff.post(`/voice/you-said-we-did/${id}/publish`, { published: '0' });
      assert.equal(r.status, 403);
      r = await off.api('POST', '/api/v1/you-said-we-did', { area: north, theme: 'T', you_said: 'S', we_did: 'D', done_on: '2026-09-01', published: true }, { headers: { 'x-csrf-token': off.csrf } });
      assert.equal(r.status, 201);
      r = await off.api('POST', `/api/v1/you-said-we-did/${r.json.id}/publish`, { published: false }, { headers: { 'x-csrf-token': off.csrf } });
      assert.equal(r.status, 200);
      assert.equal(r.json.published, false);
    });

    test('measures per area and period', async () => {
      const mon = await signedIn(srv.base, MONITOR);
      let r = await mon.get('/api/v1/voice/measures');
      assert.equal(r.status, 200);
      assert.equal(r.json.items.length, 3);
      const nb = r.json.items.find((i) => i.area === 'Northbridge');
      assert.ok(nb.feedback_count >= 4);
      assert.equal(typeof nb.feedback_good_or_better_percent, 'number');
      assert.ok(nb.survey_responses > 0);
      assert.equal(typeof nb.listened_yes_percent, 'number');
      assert.equal(typeof nb.median_days_to_reply, 'number');
      r = await mon.get(`/api/v1/voice/measures?area=${east}&from=2020-01-01&to=2020-12-31`);
      assert.equal(r.json.items.length, 1);
      assert.equal(r.json.items[0].feedback_count, 0);
      assert.equal(r.json.items[0].feedback_good_or_better_percent, null);
      assert.equal((await mon.get('/api/v1/voice/measures?from=2026-02-30')).status, 400);
      assert.equal((await mon.get('/api/v1/voice/measures?from=2026-05-01&to=2026-01-01')).status, 400);
      assert.equal((await mon.get(`/api/v1/voice/measures?area=${NOPE}`)).status, 400);
      r = await mon.get('/voice/measures');
      assert.equal(r.status, 200);
      assert.match(r.text, /Experience measures by area/);
      assert.equal((await new Client(srv.base).get('/api/v1/voice/measures')).status, 401);
    });

    test('the OpenAPI document lists the voice API', async () => {
      const r = await new Client(srv.base).get('/api/v1/openapi.json');
      for (const p of ['/api/v1/feedback', '/api/v1/feedback/{id}', '/api/v1/surveys', '/api/v1/surveys/{id}/responses',
        '/api/v1/engagements', '/api/v1/you-said-we-did', '/api/v1/voice/measures'])
        assert.ok(r.json.paths[p], p);
      assert.ok(r.json.paths['/api/v1/feedback'].post.requestBody);
    });

    test('sendhub voice purge deletes contact details past the retention period', async () => {
      // Make every demo record "old" by setting a 1-day retention.
      await admin.get('/voice/admin');
      let r = await admin.post('/voice/admin/settings', { retention_days: '1', rate_max: '1000' });
      assert.equal(r.status, 303);
      const p = spawnSync(BIN, ['voice', 'purge', '--db', srv.db.url], { encoding: 'utf8' });
      assert.equal(p.status, 0, p.stderr);
      assert.match(p.stdout, /deleted the contact details of [1-9]\d* feedback records/);
      r = await admin.get('/api/v1/feedback?per_page=200');
      const demo = r.json.items.find((i) => i.reference === 'FB-DEM001');
      r = await admin.get(`/api/v1/feedback/${demo.id}`);
      assert.equal(r.json.contact, null);
      r = await admin.get(`/voice/feedback/${demo.id}`);
      assert.match(r.text, /deleted at the end of the retention period/);
    });
  });
}
