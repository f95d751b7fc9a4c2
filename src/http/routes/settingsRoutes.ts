import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Store } from '../../store/db.ts';
import { RetentionSchema, type SnapshotRetention } from '../../access/snapshotRetention.ts';
import type { HaLogin } from '../../mqtt/integrationLogin.ts';
import { ErrorReply } from '../schemas.ts';

export interface SettingsRouteDeps {
  store: Store;
  retention: Pick<SnapshotRetention, 'current' | 'set'>;
  mqtt: { builtIn: boolean; address: string; prefix: string };
  /** Refuses (409) with an external broker, whose accounts are not Vigil's to hand out. */
  issueHaLogin: (host: string) => Promise<HaLogin>;
}

const HaLoginReply = Type.Object({
  broker: Type.Object({ host: Type.String(), port: Type.Integer(), tls: Type.Boolean(), tlsFingerprint: Type.Union([Type.String(), Type.Null()]) }),
  username: Type.String(),
  password: Type.String(),
  discoveryPrefix: Type.String(),
});

export const settingsRoutes: FastifyPluginAsync<SettingsRouteDeps> = async (app, d) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/settings',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['settings'],
        summary: 'Retention, and how MQTT and the database are set up (the file and environment own the latter)',
        response: {
          200: Type.Object({
            retention: RetentionSchema,
            mqtt: Type.Object({ builtIn: Type.Boolean(), address: Type.String(), prefix: Type.String() }),
            database: Type.Object({ kind: Type.String(), location: Type.String() }),
          }),
        },
      },
    },
    async () => ({ retention: await d.retention.current(), mqtt: d.mqtt, database: { kind: d.store.dialect, location: d.store.location } }),
  );

  r.put(
    '/api/settings/retention',
    { config: { access: 'admin', audit: { subject: 'retention', action: 'changed' } }, schema: { tags: ['settings'], summary: 'How long snapshots are kept', body: RetentionSchema, response: { 200: RetentionSchema } } },
    async (req) => {
      await d.retention.set(req.body);
      return req.body;
    },
  );

  r.post(
    '/api/settings/homeassistant',
    {
      config: { access: 'admin', audit: { subject: 'homeassistant_login', action: 'issued' } },
      schema: {
        tags: ['settings'],
        summary: "A new MQTT login for Home Assistant on the built-in broker (shown once; the old one stops working): it may read Vigil's states and send alarm and door commands",
        response: { 200: HaLoginReply, 409: ErrorReply },
      },
    },
    async (req) => d.issueHaLogin(req.hostname),
  );

  r.get('/api/system/backup', { config: { access: 'admin', audit: { subject: 'backup', action: 'exported' } }, schema: { tags: ['settings'], summary: 'A consistent copy of the database, taken while Vigil runs' } }, async (_req, reply) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'vigil-backup-'));
    const file = path.join(dir, 'backup');
    try {
      await d.store.backup(file);
    } catch (err) {
      await rm(dir, { recursive: true, force: true });
      throw err;
    }
    const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
    const name = d.store.dialect === 'sqlite' ? `vigil-${stamp}.db` : `vigil-${stamp}.pgdump`;
    const stream = createReadStream(file);
    stream.on('close', () => void rm(dir, { recursive: true, force: true }));
    return reply.type('application/octet-stream').header('content-disposition', `attachment; filename="${name}"`).send(stream);
  });
};
