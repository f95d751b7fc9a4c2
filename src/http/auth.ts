import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { SessionRepo, Session } from '../store/sessions.ts';
import { roleAtLeast, type Role, type User } from '../store/users.ts';
import { secretsEqual } from '../store/passwords.ts';
import { Forbidden, StartupError, Unauthenticated } from '../core/errors.ts';
import { errorReply } from './errorReply.ts';
import type { AuditSpec } from '../core/audit.ts';

export const SESSION_COOKIE = 'vigil_session';
export const CSRF_HEADER = 'x-csrf-token';

/** Who may call a route. 'door': a kiosk with its door's bearer token. */
export type Access = 'public' | 'door' | Role;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every route must say who may call it; a route that does not stops start-up. */
    access?: Access;
    /**
     * What a successful call changes, for the audit trail in the event log. Every route that may
     * change something (any method but GET/HEAD) must say: a spec, or 'none' when it changes no
     * configuration or credential (or logs its own event, like arming or unlocking).
     */
    audit?: AuditSpec | 'none';
    /** Also accept `Authorization: Bearer <http.metricsToken>` (for Prometheus). */
    metricsToken?: boolean;
  }
  interface FastifyRequest {
    session: Session | null;
    /** The door whose kiosk token came with the request. */
    doorId: string | null;
  }
}

export const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** One row of the route table: what the access checks and the route-matrix test work from. */
export interface RouteEntry {
  method: string;
  url: string;
  access: Access | undefined;
  audit: AuditSpec | 'none' | undefined;
  metricsToken: boolean;
}

export function requireUser(req: FastifyRequest): User {
  if (!req.session) throw new Unauthenticated('sign in first');
  return req.session.user;
}

function deny(reply: FastifyReply, status: 401 | 403, message: string) {
  return reply.code(status).send(errorReply(status === 401 ? new Unauthenticated(message) : new Forbidden(message)));
}

function bearer(req: FastifyRequest): string | undefined {
  const auth = req.headers.authorization;
  return auth?.startsWith('Bearer ') ? auth.slice(7) : undefined;
}

/** Marks every route a plugin registers (static files, the API docs) as public. */
export function declarePublic(scope: FastifyInstance): void {
  scope.addHook('onRoute', (route) => {
    route.config = { ...(route.config ?? {}), access: route.config?.access ?? 'public' };
  });
}

function methods(route: RouteOptions): string[] {
  return Array.isArray(route.method) ? route.method : [route.method];
}

/**
 * Access is decided from the route that matched (its declared level), never from the address as
 * sent: the router decodes `%61pi` to `api`, so a check on the raw URL can be walked around.
 * Returns the live route table, complete once the app is ready.
 */
export function registerAuth(app: FastifyInstance, sessions: SessionRepo, metricsToken: string, doorOfToken: (token: string) => Promise<string | undefined>): RouteEntry[] {
  const routes: RouteOptions[] = [];
  const table: RouteEntry[] = [];
  app.decorateRequest('session', null);
  app.decorateRequest('doorId', null);
  // Hooks of nested plugins run after this one and may still declare access; so the table is
  // read, and checked, once every route is in.
  app.addHook('onRoute', (route) => void routes.push(route));
  app.addHook('onReady', async () => {
    const undeclared: string[] = [];
    for (const route of routes) {
      const cfg = route.config ?? {};
      for (const method of methods(route)) {
        table.push({ method, url: route.url, access: cfg.access, audit: cfg.audit, metricsToken: cfg.metricsToken === true });
        if (!cfg.access) undeclared.push(`${method} ${route.url}: no access level`);
        else if (UNSAFE_METHODS.has(method) && !cfg.audit) undeclared.push(`${method} ${route.url}: no audit declaration`);
      }
    }
    if (undeclared.length) throw new StartupError(`routes must declare who may call them and what they change:\n  ${undeclared.join('\n  ')}`);
  });

  app.addHook('onRequest', async (req, reply) => {
    // Only the not-found handler has no route; it answers 404 and shows nothing.
    if (req.is404) return;
    const cfg = req.routeOptions.config;
    const access = cfg.access;
    if (!access) return deny(reply, 401, 'this route declares no access level');
    if (access === 'public') return;
    if (access === 'door') {
      // A bearer token is not sent by browsers on their own, so it needs no CSRF check.
      const token = bearer(req);
      const doorId = token ? await doorOfToken(token) : undefined;
      if (!doorId) return deny(reply, 401, 'a valid door token is needed (Authorization: Bearer ...)');
      req.doorId = doorId;
      return;
    }
    if (cfg.metricsToken && metricsToken) {
      const token = bearer(req);
      if (token && secretsEqual(token, metricsToken)) return;
    }
    const token = req.cookies[SESSION_COOKIE];
    const session = token ? await sessions.find(token) : undefined;
    if (!session) return deny(reply, 401, 'sign in first');
    if (!roleAtLeast(session.user.role, access)) return deny(reply, 403, `needs the ${access} role`);
    // Cookies ride along on cross-site requests; the token in a header cannot.
    if (UNSAFE_METHODS.has(req.method)) {
      const sent = req.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !secretsEqual(sent, session.csrf)) return deny(reply, 403, `missing or wrong ${CSRF_HEADER} header`);
    }
    req.session = session;
  });
  return table;
}
