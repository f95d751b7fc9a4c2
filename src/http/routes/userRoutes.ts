import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import Type from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ROLES, type Account, type UserRepo } from '../../store/users.ts';
import type { SessionRepo } from '../../store/sessions.ts';
import { generatePassword, hashPassword } from '../../store/passwords.ts';
import { ErrorReply } from '../schemas.ts';
import { requireUser } from '../auth.ts';

export interface UserRouteDeps {
  users: UserRepo;
  sessions: SessionRepo;
}

const AccountSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  role: Type.Enum(ROLES),
  createdAt: Type.Integer(),
  passwordChangedAt: Type.Union([Type.Integer(), Type.Null()], { description: 'null: still the password it was created with' }),
});
const Username = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$', description: 'letters, digits, . _ @ -; up to 64' });
const Password = Type.String({ minLength: 10, maxLength: 256 });
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const NewPassword = Type.Object({ password: Type.String({ description: 'shown this once' }) });

const notFound = { statusCode: 404, error: 'Not Found', message: 'no such account' };
const conflict = (reply: FastifyReply, message: string) => reply.code(409).send({ statusCode: 409, error: 'Conflict', message });

/** Panel accounts and their roles, for admins. Vigil always keeps at least one admin. */
export const userRoutes: FastifyPluginAsync<UserRouteDeps> = async (app, d) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const lastAdmin = async (a: Account) => a.role === 'admin' && (await d.users.countAdmins()) <= 1;

  r.get('/api/users', { config: { access: 'admin' }, schema: { tags: ['users'], summary: 'Every panel account, by name', response: { 200: Type.Array(AccountSchema) } } }, async () => d.users.list());

  r.post(
    '/api/users',
    {
      config: { access: 'admin', audit: { subject: 'account', action: 'created' } },
      schema: {
        tags: ['users'],
        summary: 'Add an account; without a password one is made and returned, shown this once',
        body: Type.Object({ username: Username, role: Type.Enum(ROLES), password: Type.Optional(Password) }, { additionalProperties: false }),
        response: { 201: Type.Object({ user: AccountSchema, password: Type.Union([Type.String(), Type.Null()]) }), 409: ErrorReply },
      },
    },
    async (req, reply) => {
      if (await d.users.findByName(req.body.username)) return conflict(reply, 'an account with this name exists');
      const made = req.body.password === undefined ? generatePassword() : null;
      const user = await d.users.create(req.body.username, await hashPassword(req.body.password ?? (made as string)), req.body.role);
      return reply.code(201).send({ user: { ...user, passwordChangedAt: null }, password: made });
    },
  );

  r.patch(
    '/api/users/:id',
    {
      config: { access: 'admin', audit: { subject: 'account', action: 'changed' } },
      schema: {
        tags: ['users'],
        summary: "Change an account's role (takes effect on its next request)",
        params: IdParams,
        body: Type.Object({ role: Type.Enum(ROLES) }, { additionalProperties: false }),
        response: { 200: AccountSchema, 404: ErrorReply, 409: ErrorReply },
      },
    },
    async (req, reply) => {
      const account = await d.users.get(req.params.id);
      if (!account) return reply.code(404).send(notFound);
      if (req.body.role !== 'admin' && (await lastAdmin(account))) return conflict(reply, 'this is the last admin; make another admin first');
      await d.users.setRole(account.id, req.body.role);
      return (await d.users.get(account.id)) ?? reply.code(404).send(notFound);
    },
  );

  r.post(
    '/api/users/:id/password',
    {
      config: { access: 'admin', audit: { subject: 'account', action: 'changed' } },
      schema: {
        tags: ['users'],
        summary: 'Give an account a new password (made here, shown this once); signs it out everywhere',
        params: IdParams,
        response: { 200: NewPassword, 404: ErrorReply, 409: ErrorReply },
      },
    },
    async (req, reply) => {
      const account = await d.users.get(req.params.id);
      if (!account) return reply.code(404).send(notFound);
      if (account.id === requireUser(req).id) return conflict(reply, 'change your own password under Account, with your current one');
      const password = generatePassword();
      await d.users.setPassword(account.id, await hashPassword(password));
      await d.sessions.deleteForUser(account.id);
      return { password };
    },
  );

  r.delete(
    '/api/users/:id',
    { config: { access: 'admin', audit: { subject: 'account', action: 'deleted' } }, schema: { tags: ['users'], summary: 'Remove an account with its sessions', params: IdParams, response: { 204: Type.Null(), 404: ErrorReply, 409: ErrorReply } } },
    async (req, reply) => {
      const account = await d.users.get(req.params.id);
      if (!account) return reply.code(404).send(notFound);
      if (account.id === requireUser(req).id) return conflict(reply, 'you cannot remove your own account');
      if (await lastAdmin(account)) return conflict(reply, 'this is the last admin');
      await d.users.delete(account.id);
      return reply.code(204).send(null);
    },
  );
};
