// Page helpers shared by the end-to-end tests: signing in as a demo user and
// the checks each test runs on a page (axe-core, then the errors the page
// logged, collected by newPage() in page.sendhubErrors).
//
//   await signIn(page, server.url, 'officer@eastmere.example');
//   await checkPage(page, server.url, '/plans', 'with JavaScript');
//   await assertNoAxeOrScriptErrors(page, 'the worklist');
//   await assertNoAxeOrPageErrors(page, '/directory (JavaScript on)');
import assert from 'node:assert/strict';
import { DEMO_PASSWORD } from '../../http/lib/server.mjs';
import { assertNoAxeViolations, checkAxe } from './browser.mjs';

/** Selectors for the sign-in page's submit button. */
export const SIGN_IN_SUBMIT = 'button[type=submit], .govuk-button';
export const SIGN_IN_FORM_BUTTON = 'form[action="/sign-in"] button';

/**
 * Signs the page in at base (the server's URL) as email with the demo
 * password, clicking the button that `submit` selects, and waits for the
 * page that follows.
 */
export async function signIn(page, base, email, submit = SIGN_IN_SUBMIT) {
  await page.goto(`${base}/sign-in`);
  await page.fill('#email', email);
  await page.fill('#password', DEMO_PASSWORD);
  await Promise.all([page.waitForNavigation(), page.click(submit)]);
}

/** Opens base + path, expects 200 and no axe violations (label says which run). */
export async function checkPage(page, base, path, label) {
  const res = await page.goto(`${base}${path}`);
  assert.equal(res.status(), 200, path);
  assertNoAxeViolations(await checkAxe(page), `${path} ${label}`);
}

/** No axe violations, and no script errors or CSP violations logged. */
export async function assertNoAxeOrScriptErrors(page, label) {
  assertNoAxeViolations(await checkAxe(page), label);
  const csp = page.sendhubErrors.filter((e) => /Content Security Policy|pageerror/.test(e));
  assert.deepEqual(csp, [], `script errors or CSP violations on ${label}`);
}

/**
 * No axe violations and no page errors at all, except the browser's note of
 * a 400 answer (error pages answer 400 on purpose).
 */
export async function assertNoAxeOrPageErrors(page, where) {
  assertNoAxeViolations(await checkAxe(page), where);
  const errors = page.sendhubErrors.filter((e) => !/status of 400/.test(e));
  assert.deepEqual(errors, [], `${where}: page errors`);
}
