// Browser tests of voice, in chromium with axe-core (WCAG 2.2 A/AA), with
// JavaScript on and off: the feedback form, its error and confirmation
// pages (with the urgent-help panel), a survey answered end to end, a closed
// survey, the results, "You said, we did", and every partner page.
import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { newPage, withJsDisabled, checkAxe, assertNoAxeViolations, withServerAndBrowser } from './lib/browser.mjs';
import { startDemo, ADMIN, PASSWORD } from '../http/partnership.helpers.mjs';

const MODES = [['JavaScript on', {}], ['JavaScript off', withJsDisabled]];

async function axeOk(page, where) {
  assertNoAxeViolations(await checkAxe(page), where);
}

describe('voice in the browser', () => {
  let srv;
  let browser;
  withServerAndBrowser(() => startDemo('sqlite'), (s, b) => {
    srv = s;
    browser = b;
  });
  let surveys;
  before(async () => {
    surveys = (await (await fetch(`${srv.base}/api/v1/surveys`)).json()).items;
  });

  for (const [mode, opts] of MODES) {
    test(`have your say: form, errors, confirmation (${mode})`, async () => {
      const page = await newPage(browser, opts);
      try {
        await page.goto(`${srv.base}/feedback`);
        assert.match(await page.title(), /Have your say/);
        await axeOk(page, `/feedback (${mode})`);
        await page.getByRole('button', { name: 'Send feedback' }).click();
        await page.waitForSelector('.govuk-error-summary');
        assert.match(await page.title(), /^Error: /);
        const errors = await page.locator('.govuk-error-summary__list a').allTextContents();
        assert.deepEqual(errors, ['Select what your feedback is about', 'Select which council area it is about', 'Select how it went',
          'Enter what happened', 'Select whether you want a reply']);
        await axeOk(page, `/feedback errors (${mode})`);
        await page.getByLabel('A health service').check();
        await page.getByLabel('Eastmere').check();
        await page.getByLabel('Poor', { exact: true }).check();
        await page.getByLabel('What happened?').fill('We waited <b>a year</b> for therapy.');
        await page.getByLabel('Parent or carer').check();
        await page.getByLabel('No, I want to stay anonymous').check();
        await page.getByRole('button', { name: 'Send feedback' }).click();
        await page.waitForSelector('.govuk-panel--confirmation');
        const ref = await page.locator('.govuk-panel__body strong').textContent();
        assert.match(ref, /^FB-[2-9A-HJ-NP-Z]{6}$/);
        assert.equal(await page.locator('text=If someone is at risk').count(), 0);
        await axeOk(page, `/feedback confirmation (${mode})`);
        // A safeguarding match shows where to get urgent help.
        await page.goto(`${srv.base}/feedback`);
        await page.getByLabel('Social care').check();
        await page.getByLabel('Northbridge').check();
        await page.getByLabel('Very poor').check();
        await page.getByLabel('What happened?').fill('My son says he is not safe at home.');
        await page.getByLabel('Yes, I would like a reply').check();
        await page.getByLabel('Email address', { exact: true }).fill('parent@example.com');
        await page.getByRole('button', { name: 'Send feedback' }).click();
        await page.waitForSelector('.govuk-panel--confirmation');
        const body = await page.locator('main').textContent();
        assert.match(body, /999/);
        assert.match(body, /0808 800 5000/);
        await axeOk(page, `/feedback urgent confirmation (${mode})`);
        // A 400 page is logged by chromium as a failed resource: not a script error.
        assert.deepEqual(page.sendhubErrors.filter((e) => !/Failed to load resource/.test(e)), []);
      } finally {
        await page.context().close();
      }
    });

    test(`a survey answered, a closed survey, you said we did (${mode})`, async () => {
      const page = await newPage(browser, opts);
      try {
        const open = surveys.find((s) => s.title === 'Annual SEND experience survey 2026');
        const closed = surveys.find((s) => s.title === 'Annual SEND experience survey 2025');
        await page.goto(`${srv.base}/surveys/${open.id}`);
        await axeOk(page, `survey (${mode})`);
        await page.getByRole('button', { name: 'Send answers' }).click();
        await page.waitForSelector('.govuk-error-summary');
        await axeOk(page, `survey errors (${mode})`);
        await page.getByLabel('Wolds Vale').check();
        await page.getByLabel('Young person').check();
        await page.getByRole('group', { name: /How would you rate/ }).getByLabel('Good', { exact: true }).check();
        await page.getByRole('group', { name: /Do you feel listened to/ }).getByLabel('Partly').check();
        await page.getByLabel('Short breaks').check();
        await page.getByLabel(/What one thing would make/).fill('More clubs in the holidays');
        await page.getByRole('button', { name: 'Send answers' }).click();
        await page.waitForSelector('.govuk-panel--confirmation');
        await axeOk(page, `survey sent (${mode})`);
        await page.goto(`${srv.base}/surveys/${closed.id}`);
        assert.match(await page.locator('main').textContent(), /This survey is closed/);
        await axeOk(page, `closed survey (${mode})`);
        await page.goto(`${srv.base}/you-said-we-did`);
        assert.match(await page.locator('main').textContent(), /communication charter/);
        await axeOk(page, `/you-said-we-did (${mode})`);
        // A 400 page is logged by chromium as a failed resource: not a script error.
        assert.deepEqual(page.sendhubErrors.filter((e) => !/Failed to load resource/.test(e)), []);
      } finally {
        await page.context().close();
      }
    });

    test(`partner pages pass axe (${mode})`, async () => {
      const page = await newPage(browser, opts);
      try {
        await page.goto(`${srv.base}/sign-in`);
        await page.getByLabel('Email address').fill(ADMIN);
        await page.getByLabel('Password').fill(PASSWORD);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.waitForURL(`${srv.base}/`);
        const open = surveys.find((s) => s.title === 'Annual SEND experience survey 2026');
        await page.goto(`${srv.base}/voice/feedback`);
        const first = await page.locator('tbody a.govuk-link').first().getAttribute('href');
        const pages = ['/voice', '/voice/feedback', first, '/voice/surveys', '/voice/surveys/new', `/voice/surveys/${open.id}`,
          `/voice/surveys/${open.id}/results`, `/voice/surveys/${open.id}/results?by=area`, `/voice/surveys/${open.id}/results?by=respondent`,
          '/voice/engagements', '/voice/engagements/new', '/voice/you-said-we-did', '/voice/you-said-we-did/new',
          '/voice/measures', '/voice/admin'];
        for (const p of pages) {
          const r = await page.goto(`${srv.base}${p}`);
          assert.equal(r.status(), 200, p);
          await axeOk(page, `${p} (${mode})`);
        }
        await page.goto(`${srv.base}/voice/engagements`);
        const eng = await page.locator('tbody a.govuk-link').first().getAttribute('href');
        await page.goto(`${srv.base}${eng}`);
        await axeOk(page, `${eng} (${mode})`);
        // An error page in the staff forms.
        await page.goto(`${srv.base}/voice/surveys/new`);
        await page.getByRole('button', { name: 'Create survey' }).click();
        await page.waitForSelector('.govuk-error-summary');
        await axeOk(page, `survey builder errors (${mode})`);
        // A 400 page is logged by chromium as a failed resource: not a script error.
        assert.deepEqual(page.sendhubErrors.filter((e) => !/Failed to load resource/.test(e)), []);
      } finally {
        await page.context().close();
      }
    });
  }
});
