import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import Type from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { registerAuth } from '../http/auth.ts';
import { registerAudit } from '../http/audit.ts';
import { securityHeaders, strictBodies, TIMEOUTS } from '../http/hardening.ts';
import { errorReply } from '../http/errorReply.ts';
import type { RouteSet } from '../http/routeSet.ts';
import type { SessionRepo } from '../store/sessions.ts';
import type { NewEvent } from '../core/events.ts';

export interface NodeHttpDeps {
  log: FastifyBaseLogger;
  /** The node has no accounts: every session route refuses; the kiosk works with its door token. */
  sessions: SessionRepo;
  /** What the node's modules serve (the doors' kiosk routes among them; the rest need an account and refuse). */
  routes: RouteSet[];
  doorForToken: (token: string) => Promise<string | undefined>;
  record: (e: NewEvent) => Promise<unknown>;
  secureCookies: boolean;
  health: () => Promise<{ nodeId: string; hubReachable: boolean; snapshotVersion: number; spoolDepth: number }>;
}

/** The node's web server: the same routes its modules serve on the hub (the kiosk of its doors works; the rest need an account, and a node has none) and its health. */
export async function buildNodeHttp(d: NodeHttpDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: d.log,
    bodyLimit: 64 * 1024,
    connectionTimeout: TIMEOUTS.connectionTimeout,
    keepAliveTimeout: TIMEOUTS.keepAliveTimeout,
    requestTimeout: TIMEOUTS.requestTimeout,
    maxRequestsPerSocket: TIMEOUTS.maxRequestsPerSocket,
  });
  strictBodies(app);
  app.setErrorHandler((err: Error & { statusCode?: number }, req, reply) => {
    const body = errorReply(err);
    if (body.statusCode === 500) req.log.error({ err }, 'request failed');
    return reply.code(body.statusCode).send(body);
  });
  await securityHeaders(app, d.secureCookies);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  registerAuth(app, d.sessions, '', d.doorForToken);
  registerAudit(app, d.record);
  for (const routes of d.routes) await routes(app);
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: { response: { 200: Type.Object({ nodeId: Type.String(), hubReachable: Type.Boolean(), snapshotVersion: Type.Integer(), spoolDepth: Type.Integer() }) } },
    },
    () => d.health(),
  );
  await app.ready();
  return app;
}
