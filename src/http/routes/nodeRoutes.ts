import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { NotFound, Unauthenticated } from '../../core/errors.ts';
import { auditEvent } from '../../core/audit.ts';
import type { NewEvent } from '../../core/events.ts';
import type { NodeRepo } from '../../store/nodes.ts';
import type { NodeAdmin } from '../../nodes/nodeAdmin.ts';
import { NODE_ID } from '../../nodes/protocol.ts';
import { ErrorReply } from '../schemas.ts';

export interface NodeRouteDeps {
  repo: NodeRepo;
  admin: NodeAdmin;
  /** A node was added or removed: the hub publishes (or takes away) its replica. */
  changed(removed?: string): void;
  /** Join attempts one address may make a minute (as sign-ins). */
  joinAttemptsPerMinute: number;
  record: (e: NewEvent) => Promise<unknown>;
}

const DoorId = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$' });
const NodeSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  doors: Type.Array(Type.String()),
  createdAt: Type.Integer(),
  joinedAt: Type.Union([Type.Integer(), Type.Null()]),
  joinPending: Type.Boolean({ description: 'a join token was made and is still good' }),
  online: Type.Boolean(),
  lastSeen: Type.Union([Type.Integer(), Type.Null()]),
  snapshotVersion: Type.Integer({ description: 'the replica version last published to the node' }),
  snapshotApplied: Type.Integer({ description: 'the replica version the node says it applied' }),
  spoolDepth: Type.Integer({ description: "events the node holds that the hub has not acked" }),
  ackedSeq: Type.Integer(),
});
const Id = Type.Object({ id: Type.String({ pattern: NODE_ID.source }) });

/** Door nodes: admins add and remove them; a node joins once with its token. */
export const nodeRoutes: FastifyPluginAsync<NodeRouteDeps> = async (app, d) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/api/nodes', { config: { access: 'admin' }, schema: { tags: ['nodes'], summary: 'Door nodes and their health', response: { 200: Type.Array(NodeSchema) } } }, () => d.repo.list());

  r.post(
    '/api/nodes',
    {
      config: { access: 'admin', audit: { subject: 'node', action: 'created' } },
      schema: {
        tags: ['nodes'],
        summary: 'Add a door node for these doors of the hub configuration; the reply holds its one-time join token (good for 24 h, shown once)',
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), doors: Type.Array(DoorId, { minItems: 1, maxItems: 64 }) }, { additionalProperties: false }),
        response: { 201: Type.Object({ id: Type.String(), token: Type.String() }), 400: ErrorReply, 409: ErrorReply },
      },
    },
    async (req, reply) => reply.code(201).send(await d.admin.add(req.body.name, req.body.doors)),
  );

  r.delete(
    '/api/nodes/:id',
    { config: { access: 'admin', audit: { subject: 'node', action: 'deleted' } }, schema: { tags: ['nodes'], summary: 'Remove a door node: its key and MQTT login stop working', params: Id, response: { 204: Type.Null(), 404: ErrorReply } } },
    async (req, reply) => {
      if (!(await d.admin.remove(req.params.id))) throw new NotFound('no such node');
      d.changed(req.params.id);
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/nodes/join',
    {
      config: {
        access: 'public',
        // The node's own login is logged by the handler (who: the node, not a session).
        audit: 'none',
        rateLimit: { max: d.joinAttemptsPerMinute, timeWindow: '1 minute', keyGenerator: (req) => req.ip },
      },
      schema: {
        tags: ['nodes'],
        summary: 'A door node joins with its one-time token: its key, MQTT login and doors (the token then stops working)',
        body: Type.Object({ token: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            nodeId: Type.String(),
            key: Type.String(),
            prefix: Type.String(),
            mqtt: Type.Object({ url: Type.String(), username: Type.String(), password: Type.String(), pinnedCert: Type.Optional(Type.String()) }),
            doors: Type.Array(Type.Record(Type.String(), Type.Unknown())),
          }),
          401: ErrorReply,
          429: ErrorReply,
        },
      },
    },
    async (req) => {
      const host = new URL(`http://${req.headers.host ?? '127.0.0.1'}`).hostname.replace(/^\[|\]$/g, '');
      const joined = await d.admin.join(req.body.token, host);
      if (!joined) {
        req.log.warn('door node join refused: unknown, used or expired token');
        throw new Unauthenticated('this join token is unknown, used or expired');
      }
      await d.record(auditEvent({ subject: 'node_login', action: 'issued', target: joined.nodeId, by: `node:${joined.nodeId}`, from: req.ip }));
      d.changed();
      return joined;
    },
  );
};
