// Whether dist/ (the compiled CLI and server) is at least as new as every file in src/. Written
// for bin/vigil.js, which runs on every command: a stat of each source file costs a millisecond
// or two, and it means an edited or freshly pulled checkout never runs a stale build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
export const stampFile = path.join(root, 'dist', '.built');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

export function distIsFresh() {
  let built;
  try {
    built = statSync(stampFile).mtimeMs;
  } catch {
    return false;
  }
  // An installed image may ship dist/ without the sources: then dist/ is all there is.
  const src = path.join(root, 'src');
  return !existsSync(src) || built >= newest(src);
}
