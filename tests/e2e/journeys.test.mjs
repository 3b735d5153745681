// Journeys pages in a browser, with and without JavaScript: the worklist,
// a child's record, a request with its statutory timeline, a record form
// (with its error summary), the measures page and the family page — each
// with zero axe-core WCAG 2.2 A/AA violations and no CSP errors.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startServer, DEMO_PASSWORD } from '../http/lib/server.mjs';
import {
  assertNoAxeViolations, checkAxe, launchBrowser, newPage, withJsDisabled,
} from './lib/browser.mjs';

const FAMILY_CODE = 'demo-family-7f3a9c2e5b1d4e8f';

async function signIn(page, url, email) {
  await page.goto(`${url}/sign-in`);
  await page.fill('#email', email);
  await page.fill('#password', DEMO_PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click('form[action="/sign-in"] button')]);
}

async function check(page, label) {
  assertNoAxeViolations(await checkAxe(page), label);
  const csp = page.sendhubErrors.filter((e) => /Content Security Policy|pageerror/.test(e));
  assert.deepEqual(csp, [], `script errors or CSP violations on ${label}`);
}

describe('journeys pages in a browser', () => {
  let server;
  let browser;
  before(async () => {
    server = await startServer({ backend: 'sqlite', demo: true });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const [label, options] of [['with JavaScript', {}], ['without JavaScript', withJsDisabled]]) {
    it(`staff pages have no axe violations ${label}`, async () => {
      const page = await newPage(browser, options);
      try {
        await signIn(page, server.url, 'officer@northbridge.example');
        let res = await page.goto(`${server.url}/journeys`);
        assert.equal(res.status(), 200);
        await check(page, `/journeys ${label}`);
        const reqHref = await page.locator('main table a').first().getAttribute('href');
        res = await page.goto(`${server.url}${reqHref}`);
        assert.equal(res.status(), 200);
        assert.equal(await page.locator('caption', { hasText: 'Statutory timeline' }).count(), 1);
        await check(page, `request ${label}`);
        await page.goto(`${server.url}/journeys/children`);
        await check(page, `/journeys/children ${label}`);
        const childHref = await page.locator('main table a').first().getAttribute('href');
        res = await page.goto(`${server.url}${childHref}`);
        assert.equal(res.status(), 200);
        await check(page, `child ${label}`);
        await page.goto(`${server.url}${reqHref}/record/exception`);
        await check(page, `exception form ${label}`);
        await Promise.all([page.waitForNavigation(), page.click('main form button')]);
        assert.equal(await page.locator('.govuk-error-summary').count(), 1);
        await check(page, `exception form with errors ${label}`);
        await page.goto(`${server.url}/journeys/children/new`);
        await check(page, `new request form ${label}`);
        await page.goto(`${server.url}/journeys/kpis`);
        await check(page, `/journeys/kpis ${label}`);
      } finally {
        await page.context().close();
      }
    });

    it(`a partner's worklist and the family page have no axe violations ${label}`, async () => {
      const page = await newPage(browser, options);
      try {
        await signIn(page, server.url, 'dco@threerivers-icb.example');
        const res = await page.goto(`${server.url}/journeys`);
        assert.equal(res.status(), 200);
        await check(page, `ICB worklist ${label}`);
      } finally {
        await page.context().close();
      }
      const fam = await newPage(browser, options);
      try {
        const res = await fam.goto(`${server.url}/family/${FAMILY_CODE}`);
        assert.equal(res.status(), 200);
        assert.match(await fam.locator('h1').innerText(), /Where your request/);
        await check(fam, `family page ${label}`);
      } finally {
        await fam.context().close();
      }
    });
  }
});
