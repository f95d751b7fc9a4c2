import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const SRC = path.resolve('src');

/** Every relative import (type-only ones too) of every file under a folder of src/, resolved to a path under src/. */
function imports(folder: string): Array<{ from: string; to: string }> {
  const files = readdirSync(path.join(SRC, folder), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));
  return files.flatMap((f) => {
    const file = path.join(SRC, folder, f);
    return [...readFileSync(file, 'utf8').matchAll(/(?:import|export)[^'";]*?from\s+'(\.[^']+)'/g)].map((m) => ({ from: path.relative(SRC, file), to: path.relative(SRC, path.resolve(path.dirname(file), m[1]!)) }));
  });
}

test('mqtt does not import access (the lock interface is core/lock.ts), so access -> mqtt is one way', () => {
  assert.deepEqual(imports('mqtt').filter((i) => i.to.startsWith('access/')), []);
});

test("the adapter registries' files do not import the config schema that is derived from them", () => {
  const adapters = [...imports('mqtt/formats'), ...imports('notify/channels'), ...imports('access/locks'), ...imports('core')];
  assert.deepEqual(adapters.filter((i) => i.to.startsWith('config/')), []);
});
