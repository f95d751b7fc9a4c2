import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { DoorService } from '../../access/doorService.ts';
import type { SnapshotStore } from '../../access/snapshots.ts';
import type { DoorTokenRepo } from '../../store/doorTokens.ts';
import { decodeImage, ImageError, type DecodeLimits } from '../../vision/decode.ts';
import { Conflict, NotFound } from '../../core/errors.ts';
import { ErrorReply } from '../schemas.ts';
import { requireUser } from '../auth.ts';
import { fingerprintRoutes, type FingerprintRouteDeps } from './fingerprintRoutes.ts';

export interface DoorRouteDeps {
  doors: DoorService;
  tokens: DoorTokenRepo;
  snapshots: SnapshotStore;
  /** Where the kiosk page's files are. */
  kioskDir: string;
  frameLimits: DecodeLimits;
  /** People's fingers on the doors' readers. */
  fingerprints: FingerprintRouteDeps;
}

const Factor = Type.Enum(['pin', 'fob', 'finger', 'face']);
const ViewSchema = Type.Object({
  state: Type.Enum(['idle', 'looking', 'waiting', 'granted', 'denied', 'locked_out'], { description: 'looking: a step that takes the face; waiting: one that takes a PIN, card or finger' }),
  until: Type.Optional(Type.Integer()),
  accept: Type.Optional(Type.Array(Factor, { description: "the step's factors, any one of which passes it" })),
  name: Type.Optional(Type.String()),
  prompt: Type.Optional(Type.String({ description: 'while looking, on a door in challenge mode: what the person must do now, e.g. "Turn your head to your left, then blink twice"' })),
});
const DoorSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  mode: Type.String(),
  chain: Type.Array(Type.Array(Factor), { description: 'the steps the door asks for, in order; each a list of alternatives' }),
  direction: Type.String(),
  view: ViewSchema,
  lock: Type.String(),
  camera: Type.Enum(['online', 'offline', 'none']),
  contact: Type.Enum(['open', 'closed', 'unknown']),
  fingerprint: Type.Enum(['online', 'offline', 'untrusted', 'none'], { description: 'the fingerprint reader; untrusted: a sensor Vigil does not know answers (swapped), no finger counts' }),
  lastAccess: Type.Union([Type.Object({ type: Type.String(), personId: Type.Union([Type.String(), Type.Null()]), at: Type.Integer() }), Type.Null()]),
});
const DoorId = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$' }) });
const KIOSK_FILES: Record<string, string> = { 'kiosk.js': 'text/javascript; charset=utf-8', 'kiosk.css': 'text/css; charset=utf-8' };

export const doorRoutes: FastifyPluginAsync<DoorRouteDeps> = async (app, d) => {
  app.addContentTypeParser('image/jpeg', { parseAs: 'buffer', bodyLimit: d.frameLimits.maxBytes }, (_req, body, done) => done(null, body));
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  await app.register(fingerprintRoutes, d.fingerprints);

  r.get('/api/doors', { config: { access: 'viewer' }, schema: { tags: ['doors'], summary: 'Every door and its state', response: { 200: Type.Array(DoorSchema) } } }, async () => d.doors.list());

  r.post(
    '/api/doors/:id/unlock',
    {
      config: { access: 'operator', audit: 'none' },
      schema: { tags: ['doors'], summary: 'Open the door now (logged as DoorUnlocked with who did it)', params: DoorId, response: { 200: Type.Object({ ok: Type.Boolean() }), 404: ErrorReply } },
    },
    async (req) => {
      const t = d.doors.terminal(req.params.id);
      if (!t) throw new NotFound('no such door');
      return { ok: await t.remoteUnlock(requireUser(req).username) };
    },
  );

  r.post(
    '/api/doors/:id/token',
    {
      config: { access: 'admin', audit: { subject: 'door_token', action: 'issued' } },
      schema: {
        tags: ['doors'],
        summary: "Make the door's kiosk token (shown once; replaces the old one)",
        params: DoorId,
        response: { 201: Type.Object({ token: Type.String(), kioskUrl: Type.String() }), 404: ErrorReply },
      },
    },
    async (req, reply) => {
      if (!d.doors.has(req.params.id)) throw new NotFound('no such door');
      const token = await d.tokens.issue(req.params.id);
      return reply.code(201).send({ token, kioskUrl: `/kiosk#token=${token}` });
    },
  );

  r.delete(
    '/api/doors/:id/token',
    { config: { access: 'admin', audit: { subject: 'door_token', action: 'revoked' } }, schema: { tags: ['doors'], summary: "Revoke the door's kiosk token", params: DoorId, response: { 204: Type.Null(), 404: ErrorReply } } },
    async (req, reply) => {
      if (!d.doors.has(req.params.id)) throw new NotFound('no such door');
      await d.tokens.revoke(req.params.id);
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/snapshots/:day/:file',
    {
      config: { access: 'viewer' },
      schema: { tags: ['events'], summary: "An event's snapshot (the name in its details.snapshot)", params: Type.Object({ day: Type.String(), file: Type.String() }) },
    },
    async (req, reply) => {
      const jpeg = await d.snapshots.read(`${req.params.day}/${req.params.file}`);
      if (!jpeg) throw new NotFound('no such snapshot');
      return reply.type('image/jpeg').header('cache-control', 'private, max-age=86400').send(jpeg);
    },
  );

  // The kiosk: a page anyone may load; everything it does needs the door token.
  const kioskLimit = { rateLimit: { max: 30, timeWindow: 60_000 } };

  r.get(
    '/api/terminal',
    { config: { access: 'door' }, schema: { tags: ['kiosk'], summary: "The kiosk's door and what it shows", response: { 200: Type.Object({ door: Type.Object({ id: Type.String(), name: Type.String(), mode: Type.String(), takesFrames: Type.Boolean() }), view: ViewSchema }) } } },
    async (req) => {
      const t = d.doors.terminal(req.doorId as string);
      const s = t?.status();
      if (!t || !s) throw new NotFound('this door is no longer configured');
      return { door: { id: s.id, name: s.name, mode: s.mode, takesFrames: d.doors.takesKioskFrames(s.id) }, view: s.view };
    },
  );

  r.post(
    '/api/terminal/credential',
    {
      config: { access: 'door', audit: 'none', ...kioskLimit },
      schema: {
        tags: ['kiosk'],
        summary: 'A PIN typed (or fob read) at the kiosk',
        body: Type.Object({ factor: Type.Enum(['pin', 'fob']), value: Type.String({ minLength: 1, maxLength: 32 }) }, { additionalProperties: false }),
        response: { 200: ViewSchema, 404: ErrorReply },
      },
    },
    async (req) => {
      const t = d.doors.terminal(req.doorId as string);
      if (!t) throw new NotFound('no such door');
      return t.credential(req.body.factor, req.body.value, 'kiosk');
    },
  );

  r.post(
    '/api/terminal/frame',
    {
      config: { access: 'door', audit: 'none', rateLimit: { max: 1200, timeWindow: 60_000 } },
      schema: { tags: ['kiosk'], summary: "A camera frame from the kiosk (image/jpeg body); answers with what to show", consumes: ['image/jpeg'], response: { 200: ViewSchema, 400: ErrorReply, 409: ErrorReply, 413: ErrorReply, 415: ErrorReply, 503: ErrorReply } },
    },
    async (req) => {
      if (!Buffer.isBuffer(req.body)) throw new ImageError('unsupported_format', 'send the frame as image/jpeg');
      if (!d.doors.takesKioskFrames(req.doorId as string)) throw new Conflict('this door has its own camera');
      return d.doors.kioskFrame(req.doorId as string, await decodeImage(req.body, d.frameLimits));
    },
  );

  r.get('/kiosk', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) =>
    reply
      .type('text/html; charset=utf-8')
      // The kiosk needs the camera of the device it runs on, and nothing from elsewhere.
      .header('content-security-policy', "default-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:; style-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'")
      .header('permissions-policy', 'camera=(self)')
      .send(await readFile(path.join(d.kioskDir, 'index.html'))),
  );
  r.get('/kiosk/:file', { config: { access: 'public' }, schema: { hide: true, params: Type.Object({ file: Type.String() }) } }, async (req, reply) => {
    const type = KIOSK_FILES[req.params.file];
    if (!type) throw new NotFound('no such file');
    return reply.type(type).send(await readFile(path.join(d.kioskDir, req.params.file)));
  });
};
