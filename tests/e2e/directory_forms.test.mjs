// The listing management forms in chromium with axe-core (WCAG 2.2 A/AA),
// with JavaScript on and off: the edit page's summary, categories and SEND
// needs, costs, places, opening times, contacts, languages, accessibility,
// service areas and "add a new listing", each also with its error summary.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, withJsDisabled, withServerAndBrowser } from './lib/browser.mjs';
import { assertNoAxeOrPageErrors as axeOk } from './lib/pages.mjs';
import { startDemo, ADMIN, PASSWORD } from '../http/partnership.helpers.mjs';

const MODES = [['JavaScript on', {}], ['JavaScript off', withJsDisabled]];

describe('directory management forms in the browser', () => {
  let srv;
  let browser;
  withServerAndBrowser(() => startDemo('sqlite'), (s, b) => {
    srv = s;
    browser = b;
  });

  for (const [mode, opts] of MODES) {
    test(`every form, its errors, and adding items (${mode})`, async () => {
      const page = await newPage(browser, opts);
      try {
        await page.goto(`${srv.base}/sign-in`);
        await page.getByLabel('Email address').fill(ADMIN);
        await page.getByLabel('Password').fill(PASSWORD);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.waitForURL(`${srv.base}/`);
        await page.goto(`${srv.base}/directory/manage`);
        await page.getByRole('link', { name: 'Autism Outreach Team' }).click();
        await page.waitForSelector('.govuk-summary-list');
        await axeOk(page, `edit page with summary (${mode})`);
        const edit = page.url();

        // Categories and SEND needs: error (no category), then saved.
        await page.getByRole('link', { name: 'Change Categories and SEND needs' }).click();
        await page.waitForSelector('form');
        await axeOk(page, `terms (${mode})`);
        for (const box of await page.locator('input[name="categories"]:checked').all()) await box.uncheck();
        await page.getByRole('button', { name: 'Save and publish' }).click();
        await page.waitForSelector('.govuk-error-summary');
        await axeOk(page, `terms errors (${mode})`);
        await page.locator('input[name="categories"]').first().check();
        await page.getByRole('button', { name: 'Save and publish' }).click();
        await page.waitForSelector('.govuk-notification-banner');
        await axeOk(page, `terms saved (${mode})`);

        // Costs.
        await page.goto(`${edit}/costs`);
        await axeOk(page, `costs (${mode})`);
        await page.getByRole('button', { name: 'Add a cost' }).click();
        await page.waitForSelector('.govuk-error-summary');
        await axeOk(page, `costs errors (${mode})`);
        await page.getByLabel('It costs money').check();
        await page.getByLabel('Amount in pounds').fill('4.50');
        await page.getByRole('button', { name: 'Add a cost' }).click();
        await page.waitForSelector('.govuk-notification-banner');
        assert.match(await page.content(), /£4.50/);
        await axeOk(page, `cost added (${mode})`);

        // Places: a new place with a bad postcode, then a good one.
        await page.goto(`${edit}/places`);
        await axeOk(page, `places (${mode})`);
        await page.getByLabel('A new place').check();
        await page.getByLabel('Address line').fill('2 Mill Lane');
        await page.getByLabel('Town or city').fill('Northbridge');
        await page.getByLabel('Postcode').fill('XX');
        await page.getByRole('button', { name: 'Add a place' }).click();
        await page.waitForSelector('.govuk-error-summary');
        await axeOk(page, `places errors (${mode})`);
        await page.getByLabel('Postcode').fill('NB1 1AA');
        await page.getByRole('button', { name: 'Add a place' }).click();
        await page.waitForSelector('.govuk-notification-banner');
        assert.match(await page.content(), /2 Mill Lane/);

        // Opening times.
        await page.goto(`${edit}/times`);
        await axeOk(page, `times (${mode})`);
        await page.getByRole('button', { name: 'Add opening times' }).click();
        await page.waitForSelector('.govuk-error-summary');
        await axeOk(page, `times errors (${mode})`);
        await page.getByLabel('Saturday').check();
        await page.getByLabel('Opens at').fill('10:00');
        await page.getByLabel('Closes at').fill('13:00');
        await page.getByRole('button', { name: 'Add opening times' }).click();
        await page.waitForSelector('.govuk-notification-banner');
        assert.match(await page.content(), /Saturday, 10:00 to 13:00/);

        // Contacts, languages, service areas, accessibility.
        for (const [part, button] of [['contacts', 'Add a contact'], ['languages', 'Add a language'], ['areas', 'Add an area']]) {
          await page.goto(`${edit}/${part}`);
          await axeOk(page, `${part} (${mode})`);
          await page.getByRole('button', { name: button }).click();
          await page.waitForSelector('.govuk-error-summary');
          await axeOk(page, `${part} errors (${mode})`);
        }
        await page.goto(`${edit}/access`);
        await axeOk(page, `accessibility (${mode})`);
        await page.locator('textarea').first().fill('Step-free entrance');
        await page.getByRole('button', { name: 'Save and publish' }).click();
        await page.waitForSelector('.govuk-notification-banner');
        await axeOk(page, `accessibility saved (${mode})`);

        // Remove an item.
        await page.goto(`${edit}/costs`);
        await page.getByRole('button', { name: /Remove £4.50/ }).click();
        await page.waitForSelector('.govuk-notification-banner');
        assert.doesNotMatch(await page.locator('table').textContent().catch(() => ''), /£4.50/);

        // A new listing.
        await page.goto(`${srv.base}/directory/manage/new`);
        await axeOk(page, `new listing (${mode})`);
        await page.getByRole('button', { name: 'Create listing' }).click();
        await page.waitForSelector('.govuk-error-summary');
        await axeOk(page, `new listing errors (${mode})`);
        await page.getByLabel('Organisation').selectOption({ index: 1 });
        await page.getByLabel('Name of the service').fill(`Browser Test Club ${mode}`);
        await page.getByLabel('Description').fill('A club added in the browser test.');
        await page.getByRole('button', { name: 'Create listing' }).click();
        await page.waitForSelector('.govuk-notification-banner');
        assert.match(await page.content(), /Listing created/);
        await axeOk(page, `new listing created (${mode})`);
      } finally {
        await page.context().close();
      }
    });
  }
});
