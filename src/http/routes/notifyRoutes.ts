import type { FastifyPluginAsync } from 'fastify';
import { InvalidInput, NotFound } from '../../core/errors.ts';
import Type, { type Static } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ChannelRulesSchema } from '../../core/notifyRules.ts';
import type { Channel, NotifyRepo } from '../../store/notify.ts';
import { CHANNEL_TYPES, channelAdapter, checkSettings } from '../../notify/channelTypes.ts';
import { maskSecrets, unmaskSecrets } from '../../core/adapters.ts';
import type { NotifyService } from '../../notify/notifyService.ts';
import { DeliveryError } from '../../notify/message.ts';
import { ErrorReply } from '../schemas.ts';
import { requireUser } from '../auth.ts';

export interface NotifyRouteDeps {
  repo: NotifyRepo;
  service: NotifyService;
  vapidPublicKey: string;
}

const ChannelBody = Type.Object(
  {
    type: Type.Enum(CHANNEL_TYPES),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    settings: Type.Record(Type.String(), Type.Unknown()),
    rules: ChannelRulesSchema,
    enabled: Type.Boolean({ default: true }),
  },
  { additionalProperties: false },
);
const ChannelReply = Type.Object({ id: Type.String(), createdAt: Type.Integer(), ...ChannelBody.properties });
const Delivery = Type.Object({
  id: Type.Integer(),
  channelId: Type.String(),
  channel: Type.Union([Type.String(), Type.Null()]),
  seqs: Type.Array(Type.Integer()),
  status: Type.String(),
  attempts: Type.Integer(),
  nextAt: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.Integer(),
  sentAt: Type.Union([Type.Integer(), Type.Null()]),
});
const Subscription = Type.Object(
  {
    endpoint: Type.String({ pattern: '^https?://', maxLength: 2048 }),
    keys: Type.Object({ p256dh: Type.String({ minLength: 16, maxLength: 200 }), auth: Type.String({ minLength: 8, maxLength: 100 }) }),
    expirationTime: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
  },
  { additionalProperties: false },
);
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** Secrets (the fields each channel's schema marks writeOnly) stay on the server: the panel sees a mask. */
const masked = (c: Channel) => {
  const adapter = channelAdapter(c.type);
  return { ...c, type: adapter.type, settings: maskSecrets(adapter.settings, c.settings) };
};

export const notifyRoutes: FastifyPluginAsync<NotifyRouteDeps> = async (app, d) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/api/push/key', { config: { access: 'viewer' }, schema: { tags: ['notify'], summary: 'The VAPID public key browsers subscribe with', response: { 200: Type.Object({ publicKey: Type.String() }) } } }, async () => ({
    publicKey: d.vapidPublicKey,
  }));

  r.post(
    '/api/push/subscriptions',
    { config: { access: 'viewer', audit: { subject: 'push_subscription', action: 'created' } }, schema: { tags: ['notify'], summary: "Notify this browser (its PushSubscription's JSON)", body: Subscription, response: { 201: Type.Null(), 400: ErrorReply } } },
    async (req, reply) => {
      // Any signed-in viewer may add one: an address the outbound policy refuses is turned away
      // here, as a channel's is (a name is checked again when the push connects).
      const refused = d.service.refusedTarget({ endpoint: req.body.endpoint });
      if (refused) throw new InvalidInput(`push subscription: ${refused}`);
      await d.repo.subscribe(requireUser(req).id, { endpoint: req.body.endpoint, p256dh: req.body.keys.p256dh, auth: req.body.keys.auth });
      return reply.code(201).send(null);
    },
  );

  r.delete(
    '/api/push/subscriptions',
    {
      config: { access: 'viewer', audit: { subject: 'push_subscription', action: 'deleted' } },
      schema: { tags: ['notify'], summary: 'Stop notifying this browser', body: Type.Object({ endpoint: Type.String({ maxLength: 2048 }) }, { additionalProperties: false }), response: { 204: Type.Null(), 404: ErrorReply } },
    },
    async (req, reply) => {
      if (!(await d.repo.unsubscribe(req.body.endpoint, requireUser(req).id))) throw new NotFound('no such subscription');
      return reply.code(204).send(null);
    },
  );

  r.get('/api/notify/channels', { config: { access: 'admin' }, schema: { tags: ['notify'], summary: 'Notification channels (secrets masked)', response: { 200: Type.Array(ChannelReply) } } }, async () => (await d.repo.channels()).map(masked));

  const channel = async (id: string): Promise<Channel> => {
    const found = (await d.repo.channels()).find((c) => c.id === id);
    if (!found) throw new NotFound('no such channel');
    return found;
  };
  const save = async (body: Static<typeof ChannelBody>, id?: string): Promise<string> => {
    const old = id ? (await d.repo.channels()).find((c) => c.id === id) : undefined;
    const raw = unmaskSecrets(channelAdapter(body.type).settings, body.settings, old?.settings);
    const checked = checkSettings(body.type, raw);
    if (!checked.ok) throw new InvalidInput(`settings for a ${body.type} channel: ${checked.errors.join('; ')}`);
    const refused = d.service.refusedTarget(checked.settings);
    if (refused) throw new InvalidInput(`settings for a ${body.type} channel: ${refused}`);
    const saved = await d.repo.saveChannel({ ...body, settings: checked.settings, ...(id ? { id } : {}) });
    await d.service.reloadChannels();
    return saved;
  };
  const channelReply = async (id: string) => masked(await channel(id));

  r.post('/api/notify/channels', { config: { access: 'admin', audit: { subject: 'notify_channel', action: 'created' } }, schema: { tags: ['notify'], summary: 'Add a channel', body: ChannelBody, response: { 201: ChannelReply, 400: ErrorReply } } }, async (req, reply) => {
    return reply.code(201).send(await channelReply(await save(req.body)));
  });

  r.put('/api/notify/channels/:id', { config: { access: 'admin', audit: { subject: 'notify_channel', action: 'changed' } }, schema: { tags: ['notify'], summary: 'Change a channel', params: IdParams, body: ChannelBody, response: { 200: ChannelReply, 400: ErrorReply, 404: ErrorReply } } }, async (req) => {
    await channel(req.params.id);
    return channelReply(await save(req.body, req.params.id));
  });

  r.delete('/api/notify/channels/:id', { config: { access: 'admin', audit: { subject: 'notify_channel', action: 'deleted' } }, schema: { tags: ['notify'], summary: 'Delete a channel and its unsent messages', params: IdParams, response: { 204: Type.Null(), 404: ErrorReply } } }, async (req, reply) => {
    if (!(await d.repo.deleteChannel(req.params.id))) throw new NotFound('no such channel');
    await d.service.reloadChannels();
    return reply.code(204).send(null);
  });

  r.post(
    '/api/notify/channels/:id/test',
    { config: { access: 'admin', audit: 'none' }, schema: { tags: ['notify'], summary: 'Send a test message now (web push: to your own browsers)', params: IdParams, response: { 200: Type.Object({ ok: Type.Boolean(), error: Type.Optional(Type.String()) }), 404: ErrorReply } } },
    async (req) => {
      const target = await channel(req.params.id);
      try {
        await d.service.test(target, requireUser(req).id);
        return { ok: true };
      } catch (err) {
        if (err instanceof DeliveryError) return { ok: false, error: err.message };
        throw err;
      }
    },
  );

  r.get(
    '/api/notify/deliveries',
    { config: { access: 'admin' }, schema: { tags: ['notify'], summary: 'The latest messages and how their delivery went', response: { 200: Type.Array(Delivery) } } },
    async () => {
      const names = new Map((await d.repo.channels()).map((c) => [c.id, c.name]));
      return (await d.repo.recent()).map((i) => ({ ...i, channel: names.get(i.channelId) ?? null }));
    },
  );
};
