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

/** True when `stamp` exists and no file under `src` is newer; an absent `src` (an image that ships only dist/) counts as fresh. */
export function isFresh(stamp, src) {
  let built;
  try {
    built = statSync(stamp).mtimeMs;
  } catch {
    return false;
  }
  return !existsSync(src) || built >= newest(src);
}

export function distIsFresh() {
  return isFresh(stampFile, path.join(root, 'src'));
}
