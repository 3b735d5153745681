// Journeys plan forms in a browser, with and without JavaScript: placement,
// SEN need, phase transfer and amendment forms (blank, then with their error
// summary), the plan page showing them with their clocks, and the settings
// pages for schools' URNs — zero axe-core WCAG 2.2 A/AA violations, no CSP
// errors.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startServer } from '../http/lib/server.mjs';
import {
  newPage, withJsDisabled, withServerAndBrowser,
} from './lib/browser.mjs';
import { assertNoAxeOrScriptErrors, SIGN_IN_FORM_BUTTON, signIn } from './lib/pages.mjs';

/* The path of a demo request with an issued plan (through the API). */
async function planRequest(page, url) {
  const list = JSON.parse(await (await page.goto(`${url}/api/v1/journeys/children?per_page=200`)).text());
  for (const c of list.items) {
    const child = JSON.parse(await (await page.goto(`${url}/api/v1/journeys/children/${c.id}`)).text());
    const q = child.requests.find((r) => r.assessment_outcome === 'Y');
    if (q) return `/journeys/requests/${q.id}`;
  }
  throw new Error('no demo plan');
}

describe('journeys plan forms in a browser', () => {
  let server;
  let browser;
  withServerAndBrowser(() => startServer({ backend: 'sqlite', demo: true }), (s, b) => {
    server = s;
    browser = b;
  });

  for (const [label, options] of [['with JavaScript', {}], ['without JavaScript', withJsDisabled]]) {
    it(`plan forms and the plan page have no axe violations ${label}`, async () => {
      const page = await newPage(browser, options);
      try {
        await signIn(page, server.url, 'officer@northbridge.example', SIGN_IN_FORM_BUTTON);
        const path = await planRequest(page, server.url);
        const fill = {
          placement: async () => {
            await page.fill('#urn', '100123');
            await page.fill('#rank', '1');
            await page.fill('#entry-day', '1');
            await page.fill('#entry-month', '9');
            await page.fill('#entry-year', '2025');
          },
          need: async () => {
            await page.selectOption('#type', 'ASD');
            await page.check('#rank');
          },
          'phase-transfer': async () => {
            await page.fill('#year', '2027');
            await page.check('#post16');
          },
          amendment: async () => {
            await page.fill('#sent-day', '3');
            await page.fill('#sent-month', '11');
            await page.fill('#sent-year', '2025');
          },
        };
        for (const step of Object.keys(fill)) {
          const res = await page.goto(`${server.url}${path}/record/${step}`);
          assert.equal(res.status(), 200, step);
          await assertNoAxeOrScriptErrors(page, `${step} form ${label}`);
          await Promise.all([page.waitForNavigation(), page.click('main form button')]);
          assert.equal(await page.locator('.govuk-error-summary').count(), 1, `${step} errors`);
          await assertNoAxeOrScriptErrors(page, `${step} form with errors ${label}`);
          await fill[step]();
          await Promise.all([page.waitForNavigation(), page.click('main form button')]);
          assert.equal(new URL(page.url()).pathname, path, `${step} saved`);
        }
        await assertNoAxeOrScriptErrors(page, `plan page ${label}`);
        assert.equal(await page.locator('caption', { hasText: 'Placements' }).count(), 1);
        assert.equal(await page.locator('caption', { hasText: 'Special educational needs' }).count(), 1);
        assert.equal(await page.locator('caption', { hasText: 'Reviews of the plan' }).count(), 1);
      } finally {
        await page.context().close();
      }
    });

    it(`the schools settings pages have no axe violations ${label}`, async () => {
      const page = await newPage(browser, options);
      try {
        await signIn(page, server.url, 'admin@northbridge.example', SIGN_IN_FORM_BUTTON);
        let res = await page.goto(`${server.url}/journeys/settings`);
        assert.equal(res.status(), 200);
        await assertNoAxeOrScriptErrors(page, `/journeys/settings ${label}`);
        const href = await page.locator('main table a').first().getAttribute('href');
        res = await page.goto(`${server.url}${href}`);
        assert.equal(res.status(), 200);
        await assertNoAxeOrScriptErrors(page, `school identifiers form ${label}`);
        await page.fill('#urn', '12');
        await Promise.all([page.waitForNavigation(), page.click('main form button')]);
        assert.equal(await page.locator('.govuk-error-summary').count(), 1);
        await assertNoAxeOrScriptErrors(page, `school identifiers form with errors ${label}`);
      } finally {
        await page.context().close();
      }
    });
  }
});
