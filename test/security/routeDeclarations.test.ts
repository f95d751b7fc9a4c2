// Deny by default, at start-up: the web server refuses to start with a route that does not say
// who may call it, or a write route that does not say what it changes for the audit trail. The
// real server builder and a real (SQLite) session store; only the offending route is made up.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildHttp, type HttpDeps } from '../../src/http/server.ts';
import { SessionRepo } from '../../src/store/sessions.ts';
import { Diagnostics } from '../../src/core/diagnostics.ts';
import { StartupError } from '../../src/core/errors.ts';
import type { RouteSet } from '../../src/http/routeSet.ts';
import { silentLog, storeBackends, type OpenedStore } from '../helpers.ts';

describe('routes must declare access and audit, or start-up fails', () => {
  let opened: OpenedStore;
  before(async () => {
    opened = await storeBackends()[0]!.open();
  });
  after(async () => {
    await opened.cleanup();
  });

  const build = (routes: RouteSet): Promise<FastifyInstance> => {
    const deps: HttpDeps = {
      log: silentLog(),
      http: { trustProxy: '', maxConnectionsPerAddress: 64, secureCookies: false },
      record: async () => {},
      sessions: new SessionRepo(opened.store.db),
      metricsToken: '',
      diagnostics: new Diagnostics(),
      doorForToken: async () => undefined,
      routes: [routes],
    };
    return buildHttp(deps);
  };

  const startupError = (pattern: RegExp) => (err: unknown) => {
    assert.ok(err instanceof StartupError, `a StartupError, not ${String(err)}`);
    assert.match(err.message, pattern);
    return true;
  };

  test('a route with no access level stops start-up, naming the route', async () => {
    await assert.rejects(
      build(async (app) => {
        app.get('/api/forgotten', async () => ({ secret: true }));
      }),
      startupError(/GET \/api\/forgotten: no access level/),
    );
  });

  test('a route inside a plugin (its own scope) is checked too', async () => {
    await assert.rejects(
      build((app) =>
        app.register(async (scope) => {
          scope.get('/api/nested/:id', { config: {} }, async () => ({}));
        }),
      ),
      startupError(/GET \/api\/nested\/:id: no access level/),
    );
  });

  test('a write route with no audit declaration stops start-up, for every unsafe method', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      await assert.rejects(
        build(async (app) => {
          app.route({ method, url: '/api/unaudited', config: { access: 'admin' }, handler: async () => ({}) });
        }),
        startupError(new RegExp(`${method} /api/unaudited: no audit declaration`)),
        method,
      );
    }
  });

  test('declared routes start, and the route table lists them as declared', async () => {
    const app = await build(async (r) => {
      r.get('/api/declared', { config: { access: 'viewer' } }, async () => ({}));
      r.post('/api/declared', { config: { access: 'admin', audit: { subject: 'retention', action: 'changed' } } }, async () => ({}));
      r.post('/api/declared/ping', { config: { access: 'operator', audit: 'none' } }, async () => ({}));
    });
    try {
      const mine = app.routeTable.filter((e) => e.url.startsWith('/api/declared')).map(({ method, url, access, audit }) => ({ method, url, access, audit }));
      assert.deepEqual(
        mine.filter((e) => e.method !== 'HEAD'),
        [
          { method: 'GET', url: '/api/declared', access: 'viewer', audit: undefined },
          { method: 'POST', url: '/api/declared', access: 'admin', audit: { subject: 'retention', action: 'changed' } },
          { method: 'POST', url: '/api/declared/ping', access: 'operator', audit: 'none' },
        ],
      );
      assert.equal((await app.inject({ method: 'GET', url: '/api/declared' })).statusCode, 401, 'declared, and enforced');
    } finally {
      await app.close();
    }
  });
});
