// Browser tests of the foundation and the partnership administration, in
// Debian's chromium through playwright-core: sign in (with an error first),
// sign out, and axe-core (WCAG 2.2 A/AA) on the public and admin pages, with
// JavaScript on and with JavaScript off.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';
import { startDemo, ADMIN, PASSWORD } from '../http/partnership.helpers.mjs';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// Runs axe on the page. With JavaScript off the page's own scripts never ran;
// axe itself is evaluated through the driver, which works in either mode.
async function axe(page) {
  await page.evaluate((src) => { if (!window.axe) (0, eval)(src); }, AXE);
  const res = await page.evaluate((tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), TAGS);
  return res.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

// A context whose pages are served without any script: what a browser with
// JavaScript off renders. Scripts are stripped from the HTML (so axe can still
// be evaluated by the driver) and script requests refused.
async function noJsContext(browser) {
  const ctx = await browser.newContext();
  await ctx.route('**/*', async (route) => {
    const rq = route.request();
    if (rq.resourceType() === 'script') return route.abort();
    if (rq.resourceType() !== 'document') return route.continue();
    const resp = await route.fetch({ maxRedirects: 0 });
    const type = resp.headers()['content-type'] || '';
    if (!type.startsWith('text/html')) return route.fulfill({ response: resp });
    const body = (await resp.text()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '');
    return route.fulfill({ response: resp, body });
  });
  return ctx;
}

async function signIn(page, base) {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Email address').fill(ADMIN);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${base}/`);
}

const PUBLIC_PAGES = ['/', '/sign-in', '/no-such-page', '/accessibility', '/privacy'];
const ADMIN_PAGES = ['/admin', '/admin/areas', '/admin/areas/new', '/admin/organisations', '/admin/organisations/new',
  '/admin/people', '/admin/people/new', '/admin/audit', '/admin/audit?per_page=5'];

describe('browser', () => {
  let srv;
  let browser;
  before(async () => {
    srv = await startDemo('sqlite');
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-dev-shm-usage'],
    });
  });
  after(async () => {
    await browser?.close();
    await srv?.stop();
  });

  for (const js of [true, false]) {
    const mode = js ? 'JavaScript on' : 'JavaScript off';

    test(`sign in after an error, then sign out (${mode})`, async () => {
      const ctx = js ? await browser.newContext() : await noJsContext(browser);
      const page = await ctx.newPage();
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
        assert.deepEqual(await axe(page), [], 'sign-in with errors');
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
      } finally {
        await ctx.close();
      }
    });

    test(`axe: public pages (${mode})`, async () => {
      const ctx = js ? await browser.newContext() : await noJsContext(browser);
      const page = await ctx.newPage();
      try {
        for (const path of PUBLIC_PAGES) {
          await page.goto(srv.base + path);
          assert.deepEqual(await axe(page), [], path);
        }
      } finally {
        await ctx.close();
      }
    });

    test(`axe: admin pages (${mode})`, async () => {
      const ctx = js ? await browser.newContext() : await noJsContext(browser);
      const page = await ctx.newPage();
      try {
        await signIn(page, srv.base);
        for (const path of ADMIN_PAGES) {
          const r = await page.goto(srv.base + path);
          assert.equal(r.status(), 200, path);
          assert.deepEqual(await axe(page), [], path);
        }
      } finally {
        await ctx.close();
      }
    });

    test(`axe: a person's page, forms with errors, success banner (${mode})`, async () => {
      const ctx = js ? await browser.newContext() : await noJsContext(browser);
      const page = await ctx.newPage();
      try {
        await signIn(page, srv.base);
        // A person's page (form, deactivate, tokens).
        await page.goto(`${srv.base}/admin/people`);
        await page.locator('a[href^="/admin/people/"]', { hasText: 'Priya Shah' }).first().click();
        await page.waitForLoadState();
        assert.deepEqual(await axe(page), [], 'person page');
        // Forms submitted empty: error summary + inline errors.
        for (const [path, button] of [['/admin/areas/new', 'Save area'], ['/admin/organisations/new', 'Save organisation'],
          ['/admin/people/new', 'Add person']]) {
          await page.goto(srv.base + path);
          await page.getByRole('button', { name: button }).click();
          await page.waitForLoadState();
          assert.match(await page.title(), /^Error: /, path);
          assert.equal(await page.locator('.govuk-error-summary').count(), 1, path);
          assert.deepEqual(await axe(page), [], `${path} with errors`);
        }
        // Add an area through the form and see the success banner.
        const name = js ? 'Browser Vale' : 'Plainfield';
        await page.goto(`${srv.base}/admin/areas/new`);
        await page.getByLabel('Name').fill(name);
        await page.getByLabel('ONS code').fill(js ? 'E06000701' : 'E06000702');
        await page.getByRole('button', { name: 'Save area' }).click();
        await page.waitForURL(/\/admin\/areas\?done=area-added$/);
        assert.match(await page.locator('.govuk-notification-banner').innerText(), /Area added/);
        assert.deepEqual(await axe(page), [], 'areas with banner');
        await page.goto(`${srv.base}/admin/audit?from=2000-13-01`);
        assert.deepEqual(await axe(page), [], 'audit with errors');
      } finally {
        await ctx.close();
      }
    });
  }
});
