// Browser tests of the foundation and the partnership administration, in
// Debian's chromium through playwright-core: sign in (with an error first),
// sign out, and axe-core (WCAG 2.2 A/AA) on the public and admin pages, with
// JavaScript on and with JavaScript off.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, withJsDisabled, checkAxe, assertNoAxeViolations, withServerAndBrowser } from './lib/browser.mjs';
import { startDemo, ADMIN, PASSWORD } from '../http/partnership.helpers.mjs';

async function axe(page, where) {
  assertNoAxeViolations(await checkAxe(page), where);
}

async function signIn(page, base) {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Email address').fill(ADMIN);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${base}/`);
}

const PUBLIC_PAGES = ['/', '/sign-in', '/no-such-page', '/accessibility', '/privacy'];
const ADMIN_PAGES = {
  lists: ['/admin', '/admin/areas', '/admin/organisations', '/admin/people', '/admin/audit?per_page=5'],
  forms: ['/admin/areas/new', '/admin/organisations/new', '/admin/people/new', '/admin/audit'],
};

describe('browser', () => {
  let srv;
  let browser;
  withServerAndBrowser(() => startDemo('sqlite'), (s, b) => {
    srv = s;
    browser = b;
  });

  for (const js of [true, false]) {
    const mode = js ? 'JavaScript on' : 'JavaScript off';

    test(`sign in after an error, then sign out (${mode})`, async () => {
      const page = await newPage(browser, js ? {} : withJsDisabled);
      const ctx = page.context();
      try {
        await page.goto(`${srv.base}/sign-in`);
        await page.getByLabel('Email address').fill(ADMIN);
        await page.getByLabel('Password').fill('not-the-password');
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.waitForLoadState();
        assert.match(await page.title(), /^Error: /);
        const summary = page.locator('.govuk-error-summary');
        assert.equal(await summary.count(), 1);
        assert.match(await summary.innerText(), /There is a problem/);
        await axe(page, 'sign-in with errors');
        // The summary links to the field.
        assert.equal(await page.locator('.govuk-error-summary a[href="#email"]').count(), 1);

        await page.getByLabel('Password').fill(PASSWORD);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.waitForURL(`${srv.base}/`);
        assert.match(await page.locator('main').innerText(), /You are signed in as Alex Morgan/);
        await page.getByRole('link', { name: 'Partnership', exact: true }).click();
        await page.waitForURL(`${srv.base}/admin`);
        await page.getByRole('button', { name: /sign out/i }).click();
        await page.waitForURL(`${srv.base}/signed-out`);
        await page.goto(`${srv.base}/admin`);
        assert.match(page.url(), /\/sign-in\?next=%2Fadmin$/);
        if (js) {
          // Error pages (400, 404) are logged by the browser as failed loads: expected here.
          const errs = page.sendhubErrors.filter((e) => !/Failed to load resource: .* status of (400|404)\b/.test(e));
          assert.deepEqual(errs, [], 'no script errors or CSP violations');
        }
      } finally {
        await ctx.close();
      }
    });

    test(`axe: public pages (${mode})`, async () => {
      const page = await newPage(browser, js ? {} : withJsDisabled);
      const ctx = page.context();
      try {
        for (const path of PUBLIC_PAGES) {
          await page.goto(srv.base + path);
          await axe(page, path);
        }
        if (js) {
          // Error pages (400, 404) are logged by the browser as failed loads: expected here.
          const errs = page.sendhubErrors.filter((e) => !/Failed to load resource: .* status of (400|404)\b/.test(e));
          assert.deepEqual(errs, [], 'no script errors or CSP violations');
        }
      } finally {
        await ctx.close();
      }
    });

    for (const [group, pages] of Object.entries(ADMIN_PAGES)) test(`axe: admin ${group} (${mode})`, async () => {
      const page = await newPage(browser, js ? {} : withJsDisabled);
      const ctx = page.context();
      try {
        await signIn(page, srv.base);
        for (const path of pages) {
          const r = await page.goto(srv.base + path);
          assert.equal(r.status(), 200, path);
          await axe(page, path);
        }
        if (js) {
          // Error pages (400, 404) are logged by the browser as failed loads: expected here.
          const errs = page.sendhubErrors.filter((e) => !/Failed to load resource: .* status of (400|404)\b/.test(e));
          assert.deepEqual(errs, [], 'no script errors or CSP violations');
        }
      } finally {
        await ctx.close();
      }
    });

    test(`axe: a person's page, forms with errors, success banner (${mode})`, async () => {
      const page = await newPage(browser, js ? {} : withJsDisabled);
      const ctx = page.context();
      try {
        await signIn(page, srv.base);
        // A person's page (form, deactivate, tokens).
        await page.goto(`${srv.base}/admin/people`);
        await page.locator('a[href^="/admin/people/"]', { hasText: 'Priya Shah' }).first().click();
        await page.waitForLoadState();
        await axe(page, 'person page');
        // Forms submitted empty: error summary + inline errors.
        for (const [path, button] of [['/admin/areas/new', 'Save area'], ['/admin/organisations/new', 'Save organisation'],
          ['/admin/people/new', 'Add person']]) {
          await page.goto(srv.base + path);
          await page.getByRole('button', { name: button }).click();
          await page.waitForLoadState();
          assert.match(await page.title(), /^Error: /, path);
          assert.equal(await page.locator('.govuk-error-summary').count(), 1, path);
          await axe(page, `${path} with errors`);
        }
        // Add an area through the form and see the success banner.
        const name = js ? 'Browser Vale' : 'Plainfield';
        await page.goto(`${srv.base}/admin/areas/new`);
        await page.getByLabel('Name').fill(name);
        await page.getByLabel('ONS code').fill(js ? 'E06000701' : 'E06000702');
        await page.getByRole('button', { name: 'Save area' }).click();
        await page.waitForURL(/\/admin\/areas\?done=area-added$/);
        assert.match(await page.locator('.govuk-notification-banner').innerText(), /Area added/);
        await axe(page, 'areas with banner');
        await page.goto(`${srv.base}/admin/audit?from=2000-13-01`);
        await axe(page, 'audit with errors');
        if (js) {
          // Error pages (400, 404) are logged by the browser as failed loads: expected here.
          const errs = page.sendhubErrors.filter((e) => !/Failed to load resource: .* status of (400|404)\b/.test(e));
          assert.deepEqual(errs, [], 'no script errors or CSP violations');
        }
      } finally {
        await ctx.close();
      }
    });
  }
});
