// Voice pages added later, in a browser with and without JavaScript: the
// feedback form with its service select, the owner's low ratings page, and
// changing a survey question (also with errors): no axe violations.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { startServer } from '../http/lib/server.mjs';
import { assertNoAxeViolations, checkAxe, newPage, withJsDisabled, withServerAndBrowser } from './lib/browser.mjs';
import { checkPage, signIn } from './lib/pages.mjs';

describe('voice services and question pages in a browser', () => {
  let server;
  let browser;
  withServerAndBrowser(() => startServer({ backend: 'sqlite', demo: true }), (s, b) => {
    server = s;
    browser = b;
  });
  const ids = {};

  before(async () => {
    let page = await newPage(browser);
    await page.goto(`${server.url}/feedback`);
    const html = await page.content();
    const service = html.match(/<optgroup label="Eastmere Youth Trust">\s*<option value="([^"]+)"/)[1];
    await signIn(page, server.url, 'admin@northbridge.example');
    const list = await (await page.request.get(`${server.url}/api/v1/areas?per_page=100`)).json();
    const east = list.items.find((a) => a.name === 'Eastmere').id;
    await page.context().close();
    page = await newPage(browser);
    await signIn(page, server.url, 'officer@eastmere.example');
    const r = await page.request.post(`${server.url}/api/v1/feedback`, { data: { about: 'service', service_id: service, area: east, rating: 1,
      what_happened: 'The club was cancelled without notice.', reply: 'yes', contact_email: 'sam@example.com' } });
    assert.equal(r.status(), 201);
    const y = new Date().getUTCFullYear();
    const sv = await (await page.request.post(`${server.url}/api/v1/surveys`, { data: { title: 'Browser survey', opens_on: `${y}-01-01`, closes_on: `${y}-12-31` } })).json();
    ids.survey = sv.id;
    await page.request.post(`${server.url}/api/v1/surveys/${sv.id}/questions`, { data: { text: 'Which route?', kind: 'single', options: 'A\nB' } });
    const full = await (await page.request.get(`${server.url}/api/v1/surveys/${sv.id}`)).json();
    ids.question = full.questions[0].id;
    await page.context().close();
  });

  for (const [label, options] of [['with JavaScript', {}], ['without JavaScript', withJsDisabled]]) {
    it(`the pages have no axe violations ${label}`, async () => {
      const page = await newPage(browser, options);
      try {
        await checkPage(page, server.url, '/feedback', label);
        assert.equal(await page.locator('select#service_id optgroup').count() > 1, true);
        await signIn(page, server.url, 'officer@eastmere.example');
        await checkPage(page, server.url, '/voice/my-services', label);
        assert.match(await page.content(), /The club was cancelled without notice/);
        await checkPage(page, server.url, `/voice/surveys/${ids.survey}`, label);
        await checkPage(page, server.url, `/voice/surveys/${ids.survey}/questions/${ids.question}/edit`, label);
        await page.fill('#text', '');
        await Promise.all([page.waitForNavigation(), page.click('main form .govuk-button')]);
        assert.equal(await page.locator('.govuk-error-summary').count(), 1);
        assertNoAxeViolations(await checkAxe(page), `question form with errors ${label}`);
        const csp = page.sendhubErrors.filter((e) => /Content Security Policy|pageerror/.test(e));
        assert.deepEqual(csp, [], 'script errors or CSP violations');
      } finally {
        await page.context().close();
      }
    });
  }
});
