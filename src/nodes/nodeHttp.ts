import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import Type from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { registerAuth } from '../http/auth.ts';
import { registerAudit } from '../http/audit.ts';
import { securityHeaders, strictBodies, TIMEOUTS } from '../http/hardening.ts';
import { errorReply } from '../http/errorReply.ts';
import { doorRoutes, type DoorRouteDeps } from '../http/routes/doorRoutes.ts';
import type { SessionRepo } from '../store/sessions.ts';
import type { NewEvent } from '../core/events.ts';

export interface NodeHttpDeps {
  log: FastifyBaseLogger;
  /** The node has no accounts: every session route refuses; the kiosk works with its door token. */
  sessions: SessionRepo;
  doors: DoorRouteDeps;
  record: (e: NewEvent) => Promise<unknown>;
  secureCookies: boolean;
  health: () => Promise<{ nodeId: string; hubReachable: boolean; snapshotVersion: number; spoolDepth: number }>;
}

/** The node's web server: the kiosk of its doors (the same routes as the hub's) and its health. */
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
  registerAuth(app, d.sessions, '', (token) => d.doors.tokens.door(token));
  registerAudit(app, d.record);
  await app.register(doorRoutes, d.doors);
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
