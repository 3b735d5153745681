// The approval queue's pages in chromium with axe-core (WCAG 2.2 A/AA),
// with JavaScript on and off: a voluntary organisation proposes a new
// listing (errors, then sent for approval), an administrator checks it
// against nothing and approves it; an edit made before an officer published
// shows the warning on its approval page, is refused without the
// confirmation (error summary) and approved with it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, withJsDisabled, withServerAndBrowser } from './lib/browser.mjs';
import { assertNoAxeOrPageErrors as axeOk, signIn } from './lib/pages.mjs';
import { startDemo, ADMIN } from '../http/partnership.helpers.mjs';

const MODES = [['JavaScript on', {}], ['JavaScript off', withJsDisabled]];
const VOLUNTARY = 'editor@sunflower.example';

describe('directory approval queue in the browser', () => {
  let srv;
  let browser;
  withServerAndBrowser(() => startDemo('sqlite'), (s, b) => {
    srv = s;
    browser = b;
  });

  for (const [mode, opts] of MODES) {
    test(`a proposed new listing and a conflicting edit (${mode})`, async () => {
      const vol = await newPage(browser, opts);
      const admin = await newPage(browser, opts);
      const name = `Echidna Play Group ${mode}`;
      try {
        await signIn(vol, srv.base, VOLUNTARY);
        await signIn(admin, srv.base, ADMIN);

        // The voluntary organisation proposes a new listing.
        await vol.goto(`${srv.base}/directory/manage`);
        await vol.getByRole('link', { name: 'Propose a new listing' }).click();
        await vol.waitForSelector('h1');
        assert.match(await vol.locator('h1').textContent(), /Propose a new listing/);
        await axeOk(vol, `propose a new listing (${mode})`);
        await vol.getByRole('button', { name: 'Send for approval' }).click();
        await vol.waitForSelector('.govuk-error-summary');
        await axeOk(vol, `propose a new listing, errors (${mode})`);
        await vol.getByLabel('Organisation').selectOption({ index: 1 });
        await vol.getByLabel('Name of the service').fill(name);
        await vol.getByLabel('Description').fill('Play sessions for disabled under-fives.');
        await vol.getByRole('button', { name: 'Send for approval' }).click();
        await vol.waitForSelector('.govuk-notification-banner');
        assert.match(await vol.content(), /New listing sent for approval/);
        await axeOk(vol, `proposal sent (${mode})`);

        // The administrator sees it against nothing and approves it.
        await admin.goto(`${srv.base}/directory/manage`);
        await admin.locator('a[href^="/directory/manage/changes/"]', { hasText: name }).click();
        await admin.waitForSelector('h1');
        assert.match(await admin.locator('h1').textContent(), /New listing waiting for approval/);
        await axeOk(admin, `new listing approval page (${mode})`);
        await admin.getByLabel('Approve and publish').check();
        await admin.getByRole('button', { name: 'Save decision' }).click();
        await admin.waitForSelector('.govuk-notification-banner');
        assert.match(await admin.content(), /Change approved and published/);

        // A voluntary edit, then an administrator publishes meanwhile.
        await vol.goto(`${srv.base}/directory/manage`);
        await vol.locator('a[href^="/directory/manage/services/"]', { hasText: 'ADHD Parent Support Group' }).first().click();
        await vol.waitForSelector('#description');
        await vol.locator('#description').fill(`Volunteer change (${mode})`);
        await vol.getByRole('button', { name: 'Send for approval' }).click();
        await vol.waitForSelector('.govuk-notification-banner');
        await admin.goto(`${srv.base}/directory/manage`);
        const listing = await admin.locator('a[href^="/directory/manage/services/"]', { hasText: 'ADHD Parent Support Group' }).first().getAttribute('href');
        await admin.goto(`${srv.base}${listing}`);
        await admin.locator('#description').fill(`Officer change (${mode})`);
        await admin.getByRole('button', { name: 'Save and publish' }).click();
        await admin.waitForSelector('.govuk-notification-banner');

        // The proposer is told their change started from an older version.
        await vol.goto(`${srv.base}${listing}`);
        await vol.waitForSelector('.govuk-warning-text');
        await axeOk(vol, `stale change warning for the proposer (${mode})`);

        // The approval page warns; approving without the confirmation is refused.
        await admin.goto(`${srv.base}/directory/manage`);
        await admin.locator('a[href^="/directory/manage/changes/"]', { hasText: 'ADHD Parent Support Group' }).first().click();
        await admin.waitForSelector('.govuk-warning-text');
        assert.match(await admin.content(), /has changed since this edit was started/);
        await axeOk(admin, `conflict approval page (${mode})`);
        await admin.getByLabel('Approve and publish').check();
        await admin.getByRole('button', { name: 'Save decision' }).click();
        await admin.waitForSelector('.govuk-error-summary');
        await axeOk(admin, `conflict approval refused (${mode})`);
        await admin.getByLabel('Approve and publish').check();
        await admin.getByLabel('I have checked this change against the current version').check();
        await admin.getByRole('button', { name: 'Save decision' }).click();
        await admin.waitForSelector('.govuk-notification-banner');
        assert.match(await admin.content(), /Change approved and published/);
      } finally {
        await vol.context().close();
        await admin.context().close();
      }
    });
  }
});
