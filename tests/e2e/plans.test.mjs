// Plans pages in a browser, with and without JavaScript: the plan, an action,
// a monitoring report, a form with errors and the public transparency page
// have no axe violations and no CSP errors.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { startServer } from '../http/lib/server.mjs';
import { assertNoAxeViolations, checkAxe, newPage, withJsDisabled, withServerAndBrowser } from './lib/browser.mjs';
import { signIn } from './lib/pages.mjs';

describe('plans pages in a browser', () => {
  let server;
  let browser;
  withServerAndBrowser(() => startServer({ backend: 'sqlite', demo: true }), (s, b) => {
    server = s;
    browser = b;
  });
  const ids = {};
  before(async () => {
    // Find the demo ids through the public list and the API (as the admin).
    const page = await newPage(browser);
    await signIn(page, server.url, 'admin@northbridge.example');
    const plans = await (await page.request.get(`${server.url}/api/v1/plans`)).json();
    const pap = plans.items.find((p) => p.title === 'Eastmere priority action plan');
    ids.plan = pap.id;
    const plan = await (await page.request.get(`${server.url}/api/v1/plans/${pap.id}`)).json();
    ids.action = plan.actions.find((a) => a.ref === '1.2').id;
    const reports = await (await page.request.get(`${server.url}/api/v1/reports`)).json();
    ids.report = reports.items.find((r) => r.status === 'published').id;
    await page.context().close();
  });

  async function check(page, path, label) {
    const res = await page.goto(`${server.url}${path}`);
    assert.equal(res.status(), 200, path);
    assert.equal(await page.locator('main').count(), 1);
    assertNoAxeViolations(await checkAxe(page), `${path} ${label}`);
  }

  for (const [label, options] of [['with JavaScript', {}], ['without JavaScript', withJsDisabled]]) {
    it(`plan, action and report pages have no axe violations ${label}`, async () => {
      const page = await newPage(browser, options);
      try {
        await signIn(page, server.url, 'officer@eastmere.example');
        await check(page, `/plans/${ids.plan}`, label);
        await check(page, `/actions/${ids.action}`, label);
        assert.equal(await page.locator('svg.plans-chart').count() >= 1, true);
        await check(page, `/reports/${ids.report}`, label);
        await check(page, '/inspections', label);
        await check(page, '/inspections/national', label);
        // A form with errors.
        await page.goto(`${server.url}/plans/${ids.plan}/actions/new`);
        await Promise.all([page.waitForNavigation(), page.click('main form .govuk-button')]);
        assert.equal(await page.locator('.govuk-error-summary').count(), 1);
        assertNoAxeViolations(await checkAxe(page), `action form with errors ${label}`);
        // An update on the action page.
        await page.goto(`${server.url}/actions/${ids.action}`);
        await page.fill('#body', 'Checked in the browser.');
        await Promise.all([page.waitForNavigation(), page.click('form[action$="/updates"] .govuk-button')]);
        assert.match(await page.content(), /Checked in the browser\./);
        const csp = page.sendhubErrors.filter((e) => /Content Security Policy|pageerror/.test(e));
        assert.deepEqual(csp, [], 'script errors or CSP violations');
      } finally {
        await page.context().close();
      }
    });

    it(`the public transparency page has no axe violations ${label}`, async () => {
      const page = await newPage(browser, options);
      try {
        await check(page, '/improvement', label);
        await check(page, `/improvement/${ids.plan}`, label);
        assert.match(await page.content(), /What we are doing/);
      } finally {
        await page.context().close();
      }
    });
  }
});
