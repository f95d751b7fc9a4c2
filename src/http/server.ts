import { ImageError } from '../vision/decode.ts';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { declarePublic, registerAuth, type RouteEntry } from './auth.ts';
import { registerAudit } from './audit.ts';
import { limitConnections, securityHeaders, strictBodies, TIMEOUTS, trustProxySetting } from './hardening.ts';
import type { NewEvent } from '../core/events.ts';
import { authRoutes, type AuthRouteDeps } from './routes/authRoutes.ts';
import { eventRoutes, type EventRouteDeps } from './routes/eventRoutes.ts';
import { sensorRoutes, type SensorRouteDeps } from './routes/sensorRoutes.ts';
import { alarmRoutes } from './routes/alarmRoutes.ts';
import { systemRoutes, type SystemRouteDeps } from './routes/systemRoutes.ts';
import { peopleRoutes, type PeopleRouteDeps } from './routes/peopleRoutes.ts';
import { doorRoutes, type DoorRouteDeps } from './routes/doorRoutes.ts';
import type { SessionRepo } from '../store/sessions.ts';
import type { AlarmService } from '../alarm/alarmService.ts';
import { listenError } from '../core/errors.ts';
import { errorReply } from './errorReply.ts';
import { panelRoutes } from './routes/panelRoutes.ts';
import { alertRoutes, type AlertRouteDeps } from './routes/alertRoutes.ts';
import { settingsRoutes, type SettingsRouteDeps } from './routes/settingsRoutes.ts';
import { notifyRoutes, type NotifyRouteDeps } from './routes/notifyRoutes.ts';
import { remoteRoutes, type RemoteRouteDeps } from './routes/remoteRoutes.ts';
import { userRoutes } from './routes/userRoutes.ts';
import { faceThumbnailRoutes, type FaceThumbnailDeps } from './routes/faceThumbnailRoutes.ts';
import { nodeRoutes, type NodeRouteDeps } from './routes/nodeRoutes.ts';

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
  auth: AuthRouteDeps;
  events: Omit<EventRouteDeps, 'streams'>;
  sensors: SensorRouteDeps;
  alarm: AlarmService;
  people: PeopleRouteDeps;
  faceThumbnails: FaceThumbnailDeps;
  doors: DoorRouteDeps;
  alerts: AlertRouteDeps;
  settings: SettingsRouteDeps;
  notify: NotifyRouteDeps;
  remote: RemoteRouteDeps;
  nodes: NodeRouteDeps;
  /** The built panel (web/dist); absent = API only. */
  panelDir: string;
  system: Omit<SystemRouteDeps, 'streams'>;
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
  limitConnections(app.server, d.http.maxConnectionsPerAddress, trustProxy, () => d.system.diagnostics.count('http_connection_refused'));
  const streams = new Set<unknown>();

  app.setErrorHandler((err: Error & { statusCode?: number }, req, reply) => {
    const body = errorReply(err);
    if (body.statusCode === 500) req.log.error({ err }, 'request failed');
    // A busy face engine says when to come back (Retry-After).
    if (err instanceof ImageError) reply.headers(err.headers);
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
  app.decorate('routeTable', registerAuth(app, d.sessions, d.metricsToken, (token) => d.doors.tokens.door(token)));
  registerAudit(app, d.record);
  // The docs themselves are public; every other route states its own access.
  await app.register(async (docs) => {
    declarePublic(docs);
    await docs.register(swaggerUi, { routePrefix: '/api/docs' });
  });

  await app.register(authRoutes, d.auth);
  await app.register(eventRoutes, { ...d.events, streams });
  await app.register(sensorRoutes, d.sensors);
  await app.register(alarmRoutes, { alarm: d.alarm });
  await app.register(peopleRoutes, d.people);
  await app.register(faceThumbnailRoutes, d.faceThumbnails);
  await app.register(userRoutes, { users: d.auth.users, sessions: d.sessions });
  await app.register(doorRoutes, d.doors);
  await app.register(alertRoutes, d.alerts);
  await app.register(settingsRoutes, d.settings);
  await app.register(notifyRoutes, d.notify);
  await app.register(remoteRoutes, d.remote);
  await app.register(nodeRoutes, d.nodes);
  await app.register(systemRoutes, { ...d.system, streams });
  await app.register(panelRoutes, { dir: d.panelDir });
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
