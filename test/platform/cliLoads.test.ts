// `vigil --help` answers at once because the CLI imports a command's modules only when that
// command runs (src/cli/main.ts). A stray top-level import of the web server, the image library,
// the face engine or the MQTT broker would undo that silently; this records what a child process
// actually loads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tmpDir } from '../helpers.ts';
import { distIsFresh } from '../../scripts/build-state.mjs';

const RECORDER = path.resolve('test/fixtures/recordModules.mjs');
const HEAVY = ['fastify', 'sharp', '@vladmandic/human', 'aedes', '@tensorflow/tfjs-backend-wasm'];

/** The packages (under node_modules) a node process loads running `args`. */
function packagesLoaded(args: string[]): { packages: Set<string>; output: string } {
  const t = tmpDir();
  try {
    const file = path.join(t.dir, 'modules.txt');
    const output = execFileSync(process.execPath, ['--import', RECORDER, ...args], { env: { ...process.env, VIGIL_TEST_MODULES_OUT: file }, encoding: 'utf8', timeout: 60_000 });
    const packages = new Set<string>();
    for (const url of readFileSync(file, 'utf8').split('\n')) {
      const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
      if (m?.[1]) packages.add(m[1]);
    }
    return { packages, output };
  } finally {
    t.cleanup();
  }
}

const heavyIn = (packages: Set<string>) => HEAVY.filter((p) => packages.has(p));

test('the recorder sees a heavy module when one is loaded (so the checks below can fail)', () => {
  const { packages } = packagesLoaded(['--import', 'tsx', '--input-type=module', '--eval', "await import('./src/http/server.ts')"]);
  assert.ok(heavyIn(packages).includes('fastify'), [...packages].join(', '));
});

test('vigil --help from the sources loads commander and none of the heavy modules', () => {
  const { packages, output } = packagesLoaded(['--import', 'tsx', 'src/cli/main.ts', '--help']);
  assert.match(output, /Usage: vigil/);
  assert.ok(packages.has('commander'));
  assert.deepEqual(heavyIn(packages), []);
});

test('vigil --help from dist/ (as installed) loads none of the heavy modules', { skip: !distIsFresh() && 'dist/ is not built or older than src/ (node scripts/build.mjs)' }, () => {
  const { packages, output } = packagesLoaded(['bin/vigil.js', '--help']);
  assert.match(output, /Usage: vigil/);
  assert.ok(!packages.has('tsx'), 'the compiled CLI, not the sources through tsx');
  assert.deepEqual(heavyIn(packages), []);
});
