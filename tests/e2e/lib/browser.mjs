// Browser helpers for the end-to-end tests: Debian's chromium driven by
// playwright-core, and axe-core for the accessibility checks.
//
//   const browser = await launchBrowser();
//   const page = await newPage(browser);                  // JavaScript on
//   const page = await newPage(browser, withJsDisabled);  // JavaScript off
//   await page.goto(url);
//   assertNoAxeViolations(await checkAxe(page));
//
// The server sends a nonce-based Content-Security-Policy. Contexts keep it
// enforced (so a script the policy blocks shows up as a failure), and axe is
// not injected with a <script> tag: its source is evaluated through the
// DevTools protocol, which the page's CSP does not govern.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';

export const REPO_ROOT = path.resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const AXE_PATH = path.join(REPO_ROOT, 'node_modules/axe-core/axe.min.js');
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Context options for a browser with JavaScript switched off. */
export const withJsDisabled = Object.freeze({ javaScriptEnabled: false });

/** Starts chromium (CHROMIUM, default /usr/bin/chromium). Close it when done. */
export async function launchBrowser(options = {}) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    headless: true,
    ...options,
  });
}

/**
 * In the describe that calls it: before its tests, starts a server with
 * start() and then chromium, and hands both to ready(server, browser);
 * after them, closes both. A before hook registered after this call runs
 * with both up.
 */
export function withServerAndBrowser(start, ready) {
  let server;
  let browser;
  before(async () => {
    server = await start();
    browser = await launchBrowser();
    ready(server, browser);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });
}

/**
 * A page in a new context. Closing the page's context (page.context().close())
 * or the browser frees it. Page errors and console errors are collected in
 * page.sendhubErrors, CSP violations among them.
 */
export async function newPage(browser, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.sendhubErrors = errors;
  return page;
}

let axeSource;
async function injectAxe(page) {
  axeSource ??= await readFile(AXE_PATH, 'utf8');
  const present = await page.evaluate(() => typeof window.axe === 'object');
  if (!present) await page.evaluate(`${axeSource}\n;undefined`);
}

async function runAxe(page) {
  await injectAxe(page);
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    // Only what a failure message needs; the full result is large.
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, summary: n.failureSummary })),
    }));
  }, AXE_TAGS);
}

// With JavaScript disabled the page runs no promises or timers at all, so
// axe cannot run in it. Instead, take the DOM as the no-JS browser built it
// (<noscript> content included) and check that copy in a JavaScript-enabled
// page at the same URL, with scripts removed so the DOM stays as it was.
// Stylesheets and images still come from the server.
async function jsEnabled(page) {
  const probe = page.evaluate(() => new Promise((resolve) => queueMicrotask(() => resolve(true))));
  const timeout = new Promise((resolve) => setTimeout(() => resolve(false), 500));
  return Promise.race([probe.catch(() => false), timeout]);
}

async function runAxeOnNoJsSnapshot(page) {
  const url = page.url();
  const html = (await page.content())
    .replace(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<\/?noscript\b[^>]*>/gi, '');
  const context = await page.context().browser().newContext();
  try {
    const copy = await context.newPage();
    await copy.route(url, (route) => route.fulfill({
      status: 200, contentType: 'text/html; charset=utf-8', body: html,
    }));
    await copy.goto(url);
    return await runAxe(copy);
  } finally {
    await context.close();
  }
}

/**
 * Runs axe-core (WCAG 2.2 AA and below) on the page as it is now and returns
 * the violations (an empty array when there are none).
 */
export async function checkAxe(page) {
  if (await jsEnabled(page)) return runAxe(page);
  return runAxeOnNoJsSnapshot(page);
}

/** Readable text for a list of violations: rule id, help and each node. */
export function formatViolations(violations) {
  return violations.map((v) => [
    `${v.id} (${v.impact}): ${v.help} ${v.helpUrl}`,
    ...v.nodes.map((n) => `    ${JSON.stringify(n.target)} ${n.html}\n      ${(n.summary || '').replace(/\n/g, '\n      ')}`),
  ].join('\n')).join('\n');
}

/** Fails with the formatted violations when axe found any. */
export function assertNoAxeViolations(violations, where = '') {
  assert.equal(violations.length, 0,
    `axe found ${violations.length} violation(s)${where ? ` on ${where}` : ''}:\n${formatViolations(violations)}`);
}
