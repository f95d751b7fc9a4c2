import type { FastifyPluginAsync } from 'fastify';
import { Conflict, NotFound } from '../../core/errors.ts';
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


/** Panel accounts and their roles, for admins. Vigil always keeps at least one admin. */
export const userRoutes: FastifyPluginAsync<UserRouteDeps> = async (app, d) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const account = async (id: string): Promise<Account> => {
    const a = await d.users.get(id);
    if (!a) throw new NotFound('no such account');
    return a;
  };
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
      if (await d.users.findByName(req.body.username)) throw new Conflict('an account with this name exists');
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
    async (req) => {
      const target = await account(req.params.id);
      if (req.body.role !== 'admin' && (await lastAdmin(target))) throw new Conflict('this is the last admin; make another admin first');
      await d.users.setRole(target.id, req.body.role);
      return account(target.id);
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
    async (req) => {
      const target = await account(req.params.id);
      if (target.id === requireUser(req).id) throw new Conflict('change your own password under Account, with your current one');
      const password = generatePassword();
      await d.users.setPassword(target.id, await hashPassword(password));
      await d.sessions.deleteForUser(target.id);
      return { password };
    },
  );

  r.delete(
    '/api/users/:id',
    { config: { access: 'admin', audit: { subject: 'account', action: 'deleted' } }, schema: { tags: ['users'], summary: 'Remove an account with its sessions', params: IdParams, response: { 204: Type.Null(), 404: ErrorReply, 409: ErrorReply } } },
    async (req, reply) => {
      const target = await account(req.params.id);
      if (target.id === requireUser(req).id) throw new Conflict('you cannot remove your own account');
      if (await lastAdmin(target)) throw new Conflict('this is the last admin');
      await d.users.delete(target.id);
      return reply.code(204).send(null);
    },
  );
};
