import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isFresh } from '../../scripts/build-state.mjs';
import { tmpDir } from '../helpers.ts';

test('a build is fresh only while no source is newer than its stamp', (t) => {
  const tmp = tmpDir();
  t.after(() => tmp.cleanup());
  const src = path.join(tmp.dir, 'src');
  const stamp = path.join(tmp.dir, 'dist', '.built');
  mkdirSync(path.join(src, 'deep', 'er'), { recursive: true });
  const file = path.join(src, 'deep', 'er', 'a.ts');
  writeFileSync(file, '');
  assert.equal(isFresh(stamp, src), false, 'never built');
  mkdirSync(path.dirname(stamp));
  writeFileSync(stamp, '');
  const now = Date.now() / 1000;
  utimesSync(file, now - 10, now - 10);
  utimesSync(stamp, now - 5, now - 5);
  assert.equal(isFresh(stamp, src), true);
  utimesSync(file, now, now);
  assert.equal(isFresh(stamp, src), false, 'a source edited (or pulled) after the build');
  rmSync(src, { recursive: true });
  assert.equal(isFresh(stamp, src), true, 'an image with dist/ and no sources');
});
