import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startServer } from '../http/lib/server.mjs';
import {
  assertNoAxeViolations, checkAxe, newPage, withJsDisabled, withServerAndBrowser,
} from './lib/browser.mjs';

describe('home page in a browser', () => {
  let server;
  let browser;
  withServerAndBrowser(() => startServer({ backend: 'sqlite', demo: true }), (s, b) => {
    server = s;
    browser = b;
  });

  for (const [label, options] of [['with JavaScript', {}], ['without JavaScript', withJsDisabled]]) {
    it(`loads, has a <main> and no axe violations ${label}`, async () => {
      const page = await newPage(browser, options);
      try {
        const res = await page.goto(`${server.url}/`);
        assert.equal(res.status(), 200);
        assert.equal(await page.locator('main').count(), 1);
        assertNoAxeViolations(await checkAxe(page), `/ ${label}`);
        const csp = page.sendhubErrors.filter((e) => /Content Security Policy|pageerror/.test(e));
        assert.deepEqual(csp, [], 'script errors or CSP violations');
      } finally {
        await page.context().close();
      }
    });
  }
});
