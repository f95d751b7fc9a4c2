import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SessionRepo, Session } from '../store/sessions.ts';
import { roleAtLeast, type Role, type User } from '../store/users.ts';
import { secretsEqual } from '../store/passwords.ts';

export const SESSION_COOKIE = 'vigil_session';
export const CSRF_HEADER = 'x-csrf-token';

/** Who may call a route. Routes that say nothing are admin-only: authenticated by default. 'door': a kiosk with its door's bearer token. */
export type Access = 'public' | 'door' | Role;

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Also accept `Authorization: Bearer <http.metricsToken>` (for Prometheus). */
    metricsToken?: boolean;
  }
  interface FastifyRequest {
    session: Session | null;
    /** The door whose kiosk token came with the request. */
    doorId: string | null;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function requireUser(req: FastifyRequest): User {
  if (!req.session) throw new Error('route reached without a session');
  return req.session.user;
}

function deny(reply: FastifyReply, status: 401 | 403, message: string) {
  return reply.code(status).send({ statusCode: status, error: status === 401 ? 'Unauthorized' : 'Forbidden', message });
}

export function registerAuth(app: FastifyInstance, sessions: SessionRepo, metricsToken: string, doorOfToken: (token: string) => Promise<string | undefined>): void {
  app.decorateRequest('session', null);
  app.decorateRequest('doorId', null);
  app.addHook('onRequest', async (req, reply) => {
    const cfg = req.routeOptions.config;
    // Outside /api there are only the panel's and kiosk's files, which anyone may load; the API
    // behind them is what needs a session.
    const access: Access = cfg.access ?? (req.url === '/api' || req.url.startsWith('/api/') ? 'admin' : 'public');
    if (access === 'public') return;
    if (access === 'door') {
      // A bearer token is not sent by browsers on their own, so it needs no CSRF check.
      const auth = req.headers.authorization ?? '';
      const doorId = auth.startsWith('Bearer ') ? await doorOfToken(auth.slice(7)) : undefined;
      if (!doorId) return deny(reply, 401, 'a valid door token is needed (Authorization: Bearer ...)');
      req.doorId = doorId;
      return;
    }
    if (cfg.metricsToken && metricsToken) {
      const auth = req.headers.authorization ?? '';
      if (auth.startsWith('Bearer ') && secretsEqual(auth.slice(7), metricsToken)) return;
    }
    const token = req.cookies[SESSION_COOKIE];
    const session = token ? await sessions.find(token) : undefined;
    if (!session) return deny(reply, 401, 'sign in first');
    if (!roleAtLeast(session.user.role, access)) return deny(reply, 403, `needs the ${access} role`);
    // Cookies ride along on cross-site requests; the token in a header cannot.
    if (UNSAFE.has(req.method)) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !secretsEqual(sent, session.csrf)) return deny(reply, 403, `missing or wrong ${CSRF_HEADER} header`);
    }
    req.session = session;
  });
}
