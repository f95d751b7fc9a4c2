import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import Fastify from 'fastify';
import { loadConfig } from '../../src/config/load.ts';
import { DEFAULT_ENTRY_DELAY, SensorConfigSchema } from '../../src/config/schema.ts';
import { tmpDir } from '../helpers.ts';

test('a door sensor waits 30 s for the code by default, a window none; a given delay is kept', () => {
  const t = tmpDir();
  const file = path.join(t.dir, 'vigil.yaml');
  writeFileSync(file, 'sensors:\n  - {id: front, name: Front door}\n  - {id: kw, name: Kitchen window, kind: window}\n  - {id: back, name: Back door, kind: door, entryDelay: 0}\n');
  const c = loadConfig({ file, dataDir: t.dir, env: {} });
  assert.deepEqual(c.sensors.map((s) => [s.id, s.entryDelay]), [['front', 30], ['kw', 0], ['back', 0]]);
  t.cleanup();
});

test('the HTTP API gives the same defaults (Fastify with the validator options Vigil uses)', async () => {
  const app = Fastify({ ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true } } });
  app.post('/s', { schema: { body: SensorConfigSchema } }, async (req) => req.body);
  const post = async (body: object) => app.inject({ method: 'POST', url: '/s', payload: body });
  const delay = async (body: object) => ((await post(body)).json() as { entryDelay: number }).entryDelay;
  assert.equal(await delay({ id: 'front', name: 'Front door' }), DEFAULT_ENTRY_DELAY.door);
  assert.equal(await delay({ id: 'kw', name: 'Kitchen window', kind: 'window' }), DEFAULT_ENTRY_DELAY.window);
  assert.equal(await delay({ id: 'g', name: 'Garage', kind: 'window', entryDelay: 12 }), 12);
  assert.equal((await post({ id: 'x', name: 'X', entryDelay: 601 })).statusCode, 400);
  await app.close();
});
