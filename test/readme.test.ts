import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ConfigSchema, DoorConfigSchema, SensorConfigSchema } from '../src/config/schema.ts';

// The README's configuration table is the user's reference: it must list every key there is.
test('README documents every configuration key with its environment variable', () => {
  const readme = readFileSync('README.md', 'utf8');
  const sections = (ConfigSchema as unknown as { properties: Record<string, { properties?: Record<string, unknown> }> }).properties;
  for (const [section, schema] of Object.entries(sections)) {
    for (const key of Object.keys(schema.properties ?? {})) {
      if (section === 'sensors') continue;
      const env = `VIGIL_${section.toUpperCase()}_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
      assert.ok(readme.includes(`\`${section}.${key}\``), `${section}.${key} missing from README`);
      assert.ok(readme.includes(env), `${env} missing from README`);
    }
  }
  assert.ok(readme.includes('npm test'));
});

test('README shows every door and sensor setting in its examples', () => {
  const readme = readFileSync('README.md', 'utf8');
  for (const [list, schema] of [['doors', DoorConfigSchema], ['sensors', SensorConfigSchema]] as const) {
    for (const key of Object.keys((schema as unknown as { properties: Record<string, unknown> }).properties)) {
      assert.match(readme, new RegExp(`\\s${key}:`), `${list}[].${key} missing from the README's example`);
    }
  }
});
