import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startServer } from '../http/lib/server.mjs';
import {
  assertNoAxeViolations, checkAxe, launchBrowser, newPage, withJsDisabled,
} from './lib/browser.mjs';

describe('home page in a browser', () => {
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
