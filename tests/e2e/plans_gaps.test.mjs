// Plans edit pages in a browser, with and without JavaScript: changing an
// inspection, a finding (also with errors), a milestone and a measure have
// no axe violations and no CSP errors.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { startServer } from '../http/lib/server.mjs';
import { assertNoAxeViolations, checkAxe, newPage, withJsDisabled, withServerAndBrowser } from './lib/browser.mjs';
import { checkPage, signIn } from './lib/pages.mjs';

describe('plans edit pages in a browser', () => {
  let server;
  let browser;
  withServerAndBrowser(() => startServer({ backend: 'sqlite', demo: true }), (s, b) => {
    server = s;
    browser = b;
  });
  const ids = {};

  before(async () => {
    const page = await newPage(browser);
    await signIn(page, server.url, 'officer@eastmere.example');
    const get = async (p) => (await page.request.get(`${server.url}${p}`)).json();
    const plans = await get('/api/v1/plans');
    const pap = plans.items.find((p) => p.title === 'Eastmere priority action plan');
    ids.inspection = pap.inspection_id;
    ids.finding = (await get(`/api/v1/inspections/${pap.inspection_id}/findings`)).items[0].id;
    const plan = await get(`/api/v1/plans/${pap.id}`);
    ids.action = plan.actions.find((a) => a.ref === '1.2').id;
    const action = await get(`/api/v1/actions/${ids.action}`);
    ids.milestone = action.milestones[0].id;
    ids.measure = action.measures[0].id;
    await page.context().close();
  });

  for (const [label, options] of [['with JavaScript', {}], ['without JavaScript', withJsDisabled]]) {
    it(`edit pages have no axe violations ${label}`, async () => {
      const page = await newPage(browser, options);
      try {
        await signIn(page, server.url, 'officer@eastmere.example');
        await checkPage(page, server.url, `/inspections/${ids.inspection}/edit`, label);
        await checkPage(page, server.url, `/findings/${ids.finding}/edit`, label);
        await checkPage(page, server.url, `/actions/${ids.action}/milestones/${ids.milestone}/edit`, label);
        await checkPage(page, server.url, `/measures/${ids.measure}/edit`, label);
        // A form with errors.
        await page.goto(`${server.url}/findings/${ids.finding}/edit`);
        await page.fill('#text', '');
        await Promise.all([page.waitForNavigation(), page.click('main form .govuk-button')]);
        assert.equal(await page.locator('.govuk-error-summary').count(), 1);
        assertNoAxeViolations(await checkAxe(page), `finding form with errors ${label}`);
        const csp = page.sendhubErrors.filter((e) => /Content Security Policy|pageerror/.test(e));
        assert.deepEqual(csp, [], 'script errors or CSP violations');
      } finally {
        await page.context().close();
      }
    });
  }
});
