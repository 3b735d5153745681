// The Local Offer directory in chromium with axe-core (WCAG 2.2 A/AA), with
// JavaScript on and off: search page, results with filters and pagination,
// postcode errors, a service page, suggest an edit (errors, confirmation),
// and the management pages (listings, edit, approval, versions).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, withJsDisabled, withServerAndBrowser } from './lib/browser.mjs';
import { assertNoAxeOrPageErrors as axeOk } from './lib/pages.mjs';
import { startDemo, ADMIN, PASSWORD } from '../http/partnership.helpers.mjs';

const MODES = [['JavaScript on', {}], ['JavaScript off', withJsDisabled]];

describe('directory in the browser', () => {
  let srv;
  let browser;
  withServerAndBrowser(() => startDemo('sqlite'), (s, b) => {
    srv = s;
    browser = b;
  });

  for (const [mode, opts] of MODES) {
    test(`home to support groups, search, results, service, suggest an edit (${mode})`, async () => {
      const page = await newPage(browser, opts);
      try {
        await page.goto(`${srv.base}/`);
        await page.getByRole('link', { name: 'Find support groups near you' }).click();
        await page.waitForSelector('#results');
        assert.match(await page.title(), /^Support groups/);
        await axeOk(page, `/directory?category=support-groups (${mode})`);
        await page.getByLabel('Postcode', { exact: true }).fill('nb1 1aa');
        await page.getByRole('button', { name: 'Search' }).click();
        await page.waitForSelector('#results');
        assert.match(await page.locator('#results').textContent(), /found: Support groups near NB1 1AA/);
        assert.match(page.url(), /postcode=nb1\+1aa/);
        await axeOk(page, `results near a postcode (${mode})`);
        // A bad postcode is an error, not "no services".
        await page.getByLabel('Postcode', { exact: true }).fill('XX');
        await page.getByRole('button', { name: 'Search' }).click();
        await page.waitForSelector('.govuk-error-summary');
        assert.match(await page.title(), /^Error: /);
        await axeOk(page, `postcode error (${mode})`);
        // Many results: pagination.
        await page.goto(`${srv.base}/directory?age=10`);
        await page.getByRole('link', { name: 'Next' }).click();
        await page.waitForSelector('#results');
        assert.match(await page.content(), /Showing 11 to/);
        await axeOk(page, `page 2 (${mode})`);
        // A service.
        await page.goto(`${srv.base}/directory?q=autism+parent`);
        await page.getByRole('link', { name: 'Northbridge Autism Parent Support Group' }).click();
        await page.waitForSelector('h1');
        assert.equal((await page.locator('h1').textContent()).trim(), 'Northbridge Autism Parent Support Group');
        await axeOk(page, `service page (${mode})`);
        await page.getByRole('link', { name: 'Suggest an edit to this service' }).click();
        await page.waitForSelector('form');
        await axeOk(page, `suggest an edit (${mode})`);
        await page.getByRole('button', { name: 'Send suggestion' }).click();
        await page.waitForSelector('.govuk-error-summary');
        await axeOk(page, `suggest an edit errors (${mode})`);
        await page.getByLabel('Some information is out of date').check();
        await page.getByLabel('What should change?').fill('The group now meets at the library.');
        await page.getByRole('button', { name: 'Send suggestion' }).click();
        await page.waitForSelector('.govuk-panel');
        await axeOk(page, `suggestion sent (${mode})`);
      } finally {
        await page.context().close();
      }
    });

    test(`management: listings, edit, queue, versions (${mode})`, async () => {
      const page = await newPage(browser, opts);
      try {
        await page.goto(`${srv.base}/sign-in`);
        await page.getByLabel('Email address').fill(ADMIN);
        await page.getByLabel('Password').fill(PASSWORD);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.waitForURL(`${srv.base}/`);
        await page.goto(`${srv.base}/directory/manage`);
        assert.match(await page.content(), /Stale: not checked/);
        await axeOk(page, `/directory/manage (${mode})`);
        await page.getByRole('link', { name: 'Autism Outreach Team' }).click();
        await page.waitForSelector('form');
        await axeOk(page, `edit listing (${mode})`);
        await page.getByLabel('Name').fill('');
        await page.getByRole('button', { name: 'Save and publish' }).click();
        await page.waitForSelector('.govuk-error-summary');
        await axeOk(page, `edit errors (${mode})`);
        await page.getByLabel('Name').fill('Autism Outreach Team');
        await page.getByRole('button', { name: 'Save and publish' }).click();
        await page.waitForSelector('.govuk-notification-banner');
        await page.goto(`${srv.base}/directory/manage`);
        const change = page.locator('a[href^="/directory/manage/changes/"]').first();
        if (await change.count()) {
          await change.click();
          await page.waitForSelector('h1');
          await axeOk(page, `queue item (${mode})`);
        }
        await page.goto(`${srv.base}/directory/manage`);
        await page.getByRole('link', { name: 'Autism Outreach Team' }).click();
        await page.getByRole('link', { name: 'Versions' }).click();
        await page.getByRole('link', { name: 'Compare version 1' }).click();
        await page.waitForSelector('form');
        await axeOk(page, `versions compare (${mode})`);
      } finally {
        await page.context().close();
      }
    });
  }
});
