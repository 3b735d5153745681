import assert from 'node:assert/strict';
import { it } from 'node:test';
import { forEachBackend } from './lib/server.mjs';

forEachBackend('healthz', (ctx) => {
  it('GET /healthz answers 200 {"status":"ok"}', async () => {
    const res = await ctx.client().get('/healthz');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') || '', /application\/json/);
    assert.deepEqual(res.json(), { status: 'ok' });
  });

  it('GET /nonexistent answers 404', async () => {
    const res = await ctx.client().get('/nonexistent');
    assert.equal(res.status, 404);
  });
});
