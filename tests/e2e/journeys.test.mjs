// Journeys pages in a browser, with and without JavaScript: the worklist,
// a child's record, a request with its statutory timeline, a record form
// (with its error summary), the measures page and the family page — each
// with zero axe-core WCAG 2.2 A/AA violations and no CSP errors.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startServer } from '../http/lib/server.mjs';
import {
  newPage, withJsDisabled, withServerAndBrowser,
} from './lib/browser.mjs';
import { assertNoAxeOrScriptErrors, SIGN_IN_FORM_BUTTON, signIn } from './lib/pages.mjs';

const FAMILY_CODE = 'demo-family-7f3a9c2e5b1d4e8f';

describe('journeys pages in a browser', () => {
  let server;
  let browser;
  withServerAndBrowser(() => startServer({ backend: 'sqlite', demo: true }), (s, b) => {
    server = s;
    browser = b;
  });

  for (const [label, options] of [['with JavaScript', {}], ['without JavaScript', withJsDisabled]]) {
    it(`staff pages have no axe violations ${label}`, async () => {
      const page = await newPage(browser, options);
      try {
        await signIn(page, server.url, 'officer@northbridge.example', SIGN_IN_FORM_BUTTON);
        let res = await page.goto(`${server.url}/journeys`);
        assert.equal(res.status(), 200);
        await assertNoAxeOrScriptErrors(page, `/journeys ${label}`);
        const reqHref = await page.locator('main table a').first().getAttribute('href');
        res = await page.goto(`${server.url}${reqHref}`);
        assert.equal(res.status(), 200);
        assert.equal(await page.locator('caption', { hasText: 'Statutory timeline' }).count(), 1);
        await assertNoAxeOrScriptErrors(page, `request ${label}`);
        await page.goto(`${server.url}/journeys/children`);
        await assertNoAxeOrScriptErrors(page, `/journeys/children ${label}`);
        const childHref = await page.locator('main table a').first().getAttribute('href');
        res = await page.goto(`${server.url}${childHref}`);
        assert.equal(res.status(), 200);
        await assertNoAxeOrScriptErrors(page, `child ${label}`);
        await page.goto(`${server.url}${reqHref}/record/exception`);
        await assertNoAxeOrScriptErrors(page, `exception form ${label}`);
        await Promise.all([page.waitForNavigation(), page.click('main form button')]);
        assert.equal(await page.locator('.govuk-error-summary').count(), 1);
        await assertNoAxeOrScriptErrors(page, `exception form with errors ${label}`);
        await page.goto(`${server.url}/journeys/children/new`);
        await assertNoAxeOrScriptErrors(page, `new request form ${label}`);
        await page.goto(`${server.url}/journeys/kpis`);
        await assertNoAxeOrScriptErrors(page, `/journeys/kpis ${label}`);
      } finally {
        await page.context().close();
      }
    });

    it(`a partner's worklist and the family page have no axe violations ${label}`, async () => {
      const page = await newPage(browser, options);
      try {
        await signIn(page, server.url, 'dco@threerivers-icb.example', SIGN_IN_FORM_BUTTON);
        const res = await page.goto(`${server.url}/journeys`);
        assert.equal(res.status(), 200);
        await assertNoAxeOrScriptErrors(page, `ICB worklist ${label}`);
      } finally {
        await page.context().close();
      }
      const fam = await newPage(browser, options);
      try {
        const res = await fam.goto(`${server.url}/family/${FAMILY_CODE}`);
        assert.equal(res.status(), 200);
        assert.match(await fam.locator('h1').innerText(), /Where your request/);
        await assertNoAxeOrScriptErrors(fam, `family page ${label}`);
      } finally {
        await fam.context().close();
      }
    });
  }
});
