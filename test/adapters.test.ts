import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import YAML from 'yaml';
import Value from 'typebox/value';
import { MASK, formOf, maskSecrets, secretFields, type Adapter } from '../src/core/adapters.ts';
import { settingsFromForm } from '../src/core/adapterForm.ts';
import { loadConfig } from '../src/config/load.ts';
import { SensorFormatSchema } from '../src/config/schema.ts';
import { FORMAT_LIST } from '../src/mqtt/formats/index.ts';
import { CHANNELS, CHANNEL_TYPES, checkSettings } from '../src/notify/channelTypes.ts';
import { LOCKS, createLock, type LockConfig } from '../src/access/locks/index.ts';
import { adapterRoutes } from '../src/http/routes/adapterRoutes.ts';
import type { GpioChip } from '../src/hardware/gpio.ts';
import type { Outbound } from '../src/net/outbound.ts';
import { Topics } from '../src/mqtt/topics.ts';

/** Any adapter of any kind, whatever its settings. */
type AnyAdapter = Pick<Adapter, 'type' | 'label' | 'settings' | 'form'> & { readonly example: object };
const REGISTRIES: Record<string, readonly AnyAdapter[]> = { sensorFormats: FORMAT_LIST, channels: CHANNELS, locks: LOCKS };

/** The config file loader, on a config holding `body` (the same TypeBox schema the HTTP API validates with). */
function load(body: unknown) {
  const dir = mkdtempSync(path.join(tmpdir(), 'vigil-adapters-'));
  try {
    const file = path.join(dir, 'vigil.yaml');
    writeFileSync(file, YAML.stringify(body));
    return loadConfig({ dataDir: dir, file, env: {} });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What a person types for a value (lists comma-separated). */
const typed = (v: unknown) => (Array.isArray(v) ? v.join(', ') : v === undefined ? '' : String(v as string | number | boolean));

for (const [registry, adapters] of Object.entries(REGISTRIES)) {
  test(`${registry}: every adapter has a unique type, a label, valid example settings and a form for every setting without a default`, () => {
    assert.equal(new Set(adapters.map((a) => a.type)).size, adapters.length);
    for (const a of adapters) {
      assert.ok(a.label, a.type);
      const example = Value.Default(a.settings, structuredClone(a.example));
      assert.deepEqual([...Value.Errors(a.settings, example)], [], `${a.type}: its example is valid`);
      const form = formOf(a);
      const props = a.settings.properties as Record<string, { default?: unknown }>;
      for (const key of a.settings.required ?? []) if (props[key]?.default === undefined) assert.ok(form.fields.some((f) => f.key === key), `${a.type}: the panel asks for ${key}`);
    }
  });

  test(`${registry}: the panel's form turns each adapter's example back into the same settings, and its secrets are password fields that come back masked`, () => {
    for (const a of adapters) {
      const form = formOf(a);
      const example = a.example as Record<string, unknown>;
      const fromForm = settingsFromForm(form, (key) => typed(example[key]));
      const inForm = Object.fromEntries(form.fields.flatMap((f) => (example[f.key] === undefined || example[f.key] === '' ? [] : [[f.key, example[f.key]]])));
      assert.deepEqual(fromForm, inForm, `${a.type}: the form round-trips`);
      const secrets = secretFields(a.settings);
      // Masking goes by the declaration; this only catches a secret someone forgot to declare.
      for (const k of Object.keys(a.settings.properties)) if (/secret|token|password|key$/i.test(k)) assert.ok(secrets.includes(k), `${a.type}: ${k} looks like a secret: mark it writeOnly`);
      assert.deepEqual(form.fields.filter((f) => f.secret).map((f) => f.key), secrets.filter((k) => form.fields.some((f) => f.key === k)), `${a.type}: the form's password fields are the schema's writeOnly ones`);
      const masked = maskSecrets(a.settings, example);
      for (const k of secrets) {
        assert.ok(example[k], `${a.type}: the example sets the secret ${k}, so masking is tested`);
        assert.equal(masked[k], MASK, `${a.type}: ${k} is masked`);
      }
      for (const [k, v] of Object.entries(masked)) if (!secrets.includes(k)) assert.deepEqual(v, example[k], `${a.type}: ${k} is not a secret`);
    }
  });
}

test('every sensor format is accepted by the sensor schema of the config file and the API, with its type', () => {
  for (const f of FORMAT_LIST) {
    const format = { type: f.type, ...f.example };
    assert.ok(Value.Check(SensorFormatSchema, Value.Default(SensorFormatSchema, structuredClone(format))), f.type);
    const config = load({ sensors: [{ id: 's1', name: 'Hall', format }] });
    assert.equal(config.sensors[0]?.format?.type, f.type);
    assert.deepEqual(f.topics(config.sensors[0]!.format!).length > 0, true, `${f.type} subscribes to its topics`);
  }
});

test('every channel is accepted by the API (its type in the enum, its settings checked by its own schema)', () => {
  for (const c of CHANNELS) {
    assert.ok(CHANNEL_TYPES.includes(c.type));
    assert.deepEqual(checkSettings(c.type, c.example), { ok: true, settings: Value.Default(c.settings, structuredClone(c.example)) }, c.type);
  }
});

test('every lock is accepted by the door schema of the config file and builds a lock of its kind', () => {
  const chip = { output: () => Promise.reject(new Error('no hardware in this test')) } as unknown as GpioChip;
  const outbound = {} as Outbound;
  for (const l of LOCKS) {
    const config = load({ doors: [{ id: 'front', name: 'Front', mode: 'pin_only', lock: { type: l.type, ...l.example } }] });
    const lock = config.doors[0]!.lock as LockConfig;
    assert.equal(lock.type, l.type);
    const built = createLock(lock, { doorId: 'front', chip: () => chip, mqtt: { link: { publish: () => undefined, connected: false }, topics: new Topics('vigil') }, outbound });
    assert.equal(built.kind, l.type);
  }
  assert.throws(() => load({ doors: [{ id: 'front', name: 'Front', mode: 'pin_only', lock: { type: 'teleport' } }] }), /lock/, 'an unknown lock is refused');
});

test('GET /api/adapters serves every registry as forms', async () => {
  const app = Fastify();
  await app.register(adapterRoutes);
  const res = await app.inject({ method: 'GET', url: '/api/adapters' });
  await app.close();
  assert.equal(res.statusCode, 200);
  const body = res.json<Record<string, Array<{ type: string }>>>();
  for (const [registry, adapters] of Object.entries(REGISTRIES)) assert.deepEqual(body[registry]?.map((f) => f.type), adapters.map((a) => a.type), registry);
});
