// Builds what `vigil` runs: the TypeScript in src/ to JavaScript in dist/ (type errors are
// `npm run typecheck`'s job, so this only transpiles), and the web panel. Skips what is up to
// date, so `npm install`, `npm start` and the test runner can all call it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { distIsFresh, root, stampFile } from './build-state.mjs';

if (!distIsFresh()) {
  // The stamp gets the time the build started: a source saved during the build is newer.
  const started = new Date();
  rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json'), '--noCheck'], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
  // The face engine's worker entry registers tsx before loading worker.ts; compiled, it loads worker.js.
  writeFileSync(path.join(root, 'dist/vision/workerEntry.mjs'), "await import('./worker.js');\n");
  mkdirSync(path.dirname(stampFile), { recursive: true });
  writeFileSync(stampFile, '');
  utimesSync(stampFile, started, started);
  console.log('compiled src/ into dist/');
}

const web = spawnSync(process.execPath, [path.join(root, 'scripts/build-web.mjs')], { stdio: 'inherit' });
process.exit(web.status ?? 1);
