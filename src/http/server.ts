import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { declarePublic, registerAuth, type RouteEntry } from './auth.ts';
import { registerAudit } from './audit.ts';
import { limitConnections, securityHeaders, strictBodies, TIMEOUTS, trustProxySetting } from './hardening.ts';
import type { NewEvent } from '../core/events.ts';
import type { SessionRepo } from '../store/sessions.ts';
import type { Diagnostics } from '../core/diagnostics.ts';
import { DomainError, listenError } from '../core/errors.ts';
import { errorReply } from './errorReply.ts';
import type { RouteSet } from './routeSet.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with its declared access and audit (complete once the app is ready). */
    routeTable: RouteEntry[];
  }
}

export interface HttpDeps {
  log: FastifyBaseLogger;
  http: { trustProxy: string; maxConnectionsPerAddress: number; secureCookies: boolean };
  /** Appends to the event log, durably (the audit trail). */
  record: (e: NewEvent) => Promise<unknown>;
  sessions: SessionRepo;
  metricsToken: string;
  diagnostics: Diagnostics;
  /** The door a kiosk's token belongs to. */
  doorForToken: (token: string) => Promise<string | undefined>;
  /** What the modules serve, each route with its declared access (see auth.ts). */
  routes: RouteSet[];
}

export async function buildHttp(d: HttpDeps): Promise<FastifyInstance> {
  const trustProxy = trustProxySetting(d.http.trustProxy);
  const app = Fastify({
    loggerInstance: d.log,
    bodyLimit: 64 * 1024,
    trustProxy,
    connectionTimeout: TIMEOUTS.connectionTimeout,
    keepAliveTimeout: TIMEOUTS.keepAliveTimeout,
    requestTimeout: TIMEOUTS.requestTimeout,
    maxRequestsPerSocket: TIMEOUTS.maxRequestsPerSocket,
  });
  strictBodies(app);
  limitConnections(app.server, d.http.maxConnectionsPerAddress, trustProxy, () => d.diagnostics.count('http_connection_refused'));

  app.setErrorHandler((err: Error & { statusCode?: number }, req, reply) => {
    const body = errorReply(err);
    if (body.statusCode === 500) req.log.error({ err }, 'request failed');
    // A busy face engine says when to come back (Retry-After).
    if (err instanceof DomainError) reply.headers(err.headers);
    return reply.code(body.statusCode).send(body);
  });

  await securityHeaders(app, d.http.secureCookies);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Vigil API', version: '1', description: 'Sign in with POST /api/auth/login; send the returned csrfToken as X-CSRF-Token on every change.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'vigil_session' } } },
      security: [{ session: [] }],
    },
  });
  app.decorate('routeTable', registerAuth(app, d.sessions, d.metricsToken, d.doorForToken));
  registerAudit(app, d.record);
  // The docs themselves are public; every other route states its own access.
  await app.register(async (docs) => {
    declarePublic(docs);
    await docs.register(swaggerUi, { routePrefix: '/api/docs' });
  });

  for (const routes of d.routes) await routes(app);
  // Route declarations are checked here, so a missing one stops start-up with its own message.
  await app.ready();
  return app;
}

export async function listenHttp(app: FastifyInstance, host: string, port: number): Promise<number> {
  try {
    await app.listen({ host, port });
  } catch (err) {
    throw listenError(err, 'The web server', host, port, 'Pick another port with http.port (VIGIL_HTTP_PORT=8081).');
  }
  const addr = app.server.address();
  return typeof addr === 'object' && addr ? addr.port : port;
}
