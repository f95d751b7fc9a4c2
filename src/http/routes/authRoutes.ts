import type { FastifyPluginAsync } from 'fastify';
import { Forbidden, TooManyRequests, Unauthenticated } from '../../core/errors.ts';
import Type from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Session, SessionRepo } from '../../store/sessions.ts';
import type { UserRepo } from '../../store/users.ts';
import { dummyHash, hashPassword, verifyPassword } from '../../store/passwords.ts';
import { SESSION_COOKIE, requireUser } from '../auth.ts';
import { ErrorReply, UserSchema } from '../schemas.ts';
import type { NewEvent } from '../../core/events.ts';

export interface AuthRouteDeps {
  users: UserRepo;
  sessions: SessionRepo;
  sessionHours: number;
  secureCookies: boolean;
  loginAttemptsPerMinute: number;
  /** Sign-ins and failed sign-ins go to the event log. */
  record: (e: NewEvent) => Promise<unknown>;
}

const Credentials = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 256 }),
});
const SessionReply = Type.Object({ user: UserSchema, csrfToken: Type.String(), expiresAt: Type.Integer() });

export const authRoutes: FastifyPluginAsync<AuthRouteDeps> = async (app, d) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const cookieOptions = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: d.secureCookies };
  // Across all account names from one address: so that guessing with made-up names can neither
  // go on for ever nor flood the log with failures (refusals past it are not logged).
  const perAddress = app.createRateLimit({ max: d.loginAttemptsPerMinute * 3, timeWindow: 60_000, keyGenerator: (req) => req.ip });

  r.post(
    '/api/auth/login',
    {
      config: {
        access: 'public',
        audit: 'none',
        // Per address and account: guessing one account's password is slow, and one household
        // behind a NAT does not lock everyone else out.
        rateLimit: {
          max: d.loginAttemptsPerMinute,
          timeWindow: '1 minute',
          hook: 'preHandler',
          keyGenerator: (req) => `${req.ip}|${(req.body as { username?: string } | undefined)?.username ?? ''}`,
        },
      },
      schema: { tags: ['auth'], summary: 'Sign in; sets the session cookie', body: Credentials, response: { 200: SessionReply, 401: ErrorReply, 429: ErrorReply } },
    },
    async (req, reply) => {
      const limit = await perAddress(req);
      if (!limit.isAllowed && limit.isExceeded) throw new TooManyRequests('too many sign-in attempts from this address; wait a minute');
      const found = await d.users.findByName(req.body.username);
      // Unknown users cost the same hash as known ones, so timing tells nothing.
      const ok = await verifyPassword(found?.passwordHash ?? (await dummyHash()), req.body.password);
      if (!found || !ok) {
        // A name that is no account is not kept: people type their password into the name field.
        const username = found ? found.username : null;
        req.log.warn({ username }, 'sign-in failed');
        await d.record({ type: 'SignInFailed', details: { username, from: req.ip, reason: found ? 'wrong_password' : 'unknown_user' } });
        throw new Unauthenticated('wrong username or password');
      }
      const s = await d.sessions.create(found.id, d.sessionHours * 3600_000);
      await d.record({ type: 'SignedIn', details: { username: found.username, from: req.ip } });
      reply.setCookie(SESSION_COOKIE, s.token, { ...cookieOptions, expires: new Date(s.expiresAt) });
      const { passwordHash: _, ...user } = found;
      return { user, csrfToken: s.csrf, expiresAt: s.expiresAt };
    },
  );

  r.get(
    '/api/auth/me',
    { config: { access: 'viewer' }, schema: { tags: ['auth'], summary: 'The signed-in user and the CSRF token to send back', response: { 200: SessionReply } } },
    async (req) => {
      const user = requireUser(req);
      const s = req.session as Session;
      return { user, csrfToken: s.csrf, expiresAt: s.expiresAt };
    },
  );

  r.get(
    '/api/auth/session',
    {
      config: { access: 'public' },
      schema: { tags: ['auth'], summary: 'Whether this browser is signed in (never 401, so a sign-in page can ask quietly)', response: { 200: Type.Object({ session: Type.Union([SessionReply, Type.Null()]) }) } },
    },
    async (req) => {
      const token = req.cookies[SESSION_COOKIE];
      const s = token ? await d.sessions.find(token) : undefined;
      return { session: s ? { user: s.user, csrfToken: s.csrf, expiresAt: s.expiresAt } : null };
    },
  );

  r.post(
    '/api/auth/logout',
    { config: { access: 'viewer', audit: 'none' }, schema: { tags: ['auth'], summary: 'Sign out this session', response: { 204: Type.Null() } } },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await d.sessions.delete(token);
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/auth/logout-all',
    { config: { access: 'viewer', audit: { subject: 'sessions', action: 'revoked' } }, schema: { tags: ['auth'], summary: 'Sign out every session of this user', response: { 204: Type.Null() } } },
    async (req, reply) => {
      await d.sessions.deleteForUser(requireUser(req).id);
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/auth/password',
    {
      config: { access: 'viewer', audit: { subject: 'account', action: 'changed' }, rateLimit: { max: d.loginAttemptsPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: 'Change your password; signs out every other session',
        body: Type.Object({ current: Type.String({ minLength: 1, maxLength: 256 }), next: Type.String({ minLength: 10, maxLength: 256 }) }),
        response: { 204: Type.Null(), 403: ErrorReply },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const found = await d.users.findByName(user.username);
      if (!found || !(await verifyPassword(found.passwordHash, req.body.current))) {
        throw new Forbidden('current password is wrong');
      }
      await d.users.setPassword(user.id, await hashPassword(req.body.next));
      await d.sessions.deleteForUser(user.id);
      const token = req.cookies[SESSION_COOKIE];
      if (token) reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.code(204).send(null);
    },
  );
};
