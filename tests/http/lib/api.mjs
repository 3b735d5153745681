// Helpers shared by the HTTP tests, on top of the Client of server.mjs:
// signing a client in, calling the JSON API, and reading a page's GOV.UK
// error summary.
//
//   const c = await signedIn(ctx, 'officer@eastmere.example');
//   const plans = (await api(c, 'GET', '/api/v1/plans')).json();
//   assert.deepEqual(errorSummary(r.text), ['title']);
import assert from 'node:assert/strict';

/** A new client of ctx (forEachBackend's) signed in as email; asserts the 303. */
export async function signedIn(ctx, email) {
  const c = ctx.client();
  const r = await c.signIn(email);
  assert.equal(r.status, 303, `sign in ${email}`);
  return c;
}

/**
 * An API request from c with the site's Origin: body (when given) is sent
 * as JSON; a change without a body (not GET) carries c's CSRF token when it
 * has one.
 */
export async function api(c, method, p, body) {
  const headers = { Origin: c.baseUrl };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  else if (method !== 'GET' && c.csrfToken) headers['x-csrf-token'] = c.csrfToken;
  return c.request(p, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** The field ids an error summary in the page's HTML links to, in order. */
export function errorSummary(text) {
  return [...text.matchAll(/<li><a href="#([^"]+)">([^<]+)<\/a><\/li>/g)].map((m) => m[1]);
}
