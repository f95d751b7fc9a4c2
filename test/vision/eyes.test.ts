import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { decodeImage, type RgbImage } from '../../src/vision/decode.ts';
import { largestFace } from '../../src/vision/engine.ts';
import { WorkerPool } from '../../src/vision/workerPool.ts';
import { silentLog } from '../helpers.ts';

// The per-frame `eyes` option, through the real worker pool to the engine: the iris model runs only
// when asked, and never changes what recognition sees (the chip is aligned on the mesh without it).
let pool: WorkerPool;
let frame: RgbImage;
before(async () => {
  pool = await WorkerPool.start(1, silentLog());
  const png = await sharp(readFileSync('test/fixtures/faces/people__obama__obama2.jpg')).resize(640, 480, { fit: 'contain', background: '#6e6e6e' }).png().toBuffer();
  frame = await decodeImage(png);
});
after(async () => {
  await pool?.close();
});

test('a frame analysed with eyes carries the iris model\'s mesh; its embedding, landmarks and mesh are those of the frame without', async () => {
  const plain = largestFace(await pool.analyze(frame));
  const withEyes = largestFace(await pool.analyze(frame, { eyes: true }));
  const again = largestFace(await pool.analyze(frame, { eyes: false }));
  assert.ok(plain && withEyes && again, 'the face is found every time');
  assert.equal(plain.irisMesh, null, 'no iris model unless asked');
  assert.equal(again.irisMesh, null, 'asking once does not leave it on');
  assert.ok(withEyes.irisMesh, 'the iris model ran');
  assert.deepEqual(withEyes.landmarks, plain.landmarks);
  assert.deepEqual(withEyes.embedding, plain.embedding);
  assert.deepEqual(withEyes.mesh, plain.mesh);
  // The single-frame scores come from the pass without the iris model, which never leaves them off.
  assert.deepEqual([withEyes.antispoof, withEyes.liveness, again.antispoof, again.liveness], [plain.antispoof, plain.liveness, plain.antispoof, plain.liveness]);
  assert.ok(plain.antispoof > 0 && plain.liveness > 0);
  // The iris model did redraw the eye outline (left eye's outer corner and lower lid), and nothing below the nose.
  const eyeMoved = [33, 145, 159].some((i) => Math.abs((withEyes.irisMesh as Float32Array)[3 * i + 1]! - plain.mesh[3 * i + 1]!) > 0.01);
  assert.ok(eyeMoved, 'the iris mesh differs at the eyes');
  for (const i of [1, 13, 14, 61, 291]) assert.equal(withEyes.irisMesh[3 * i], plain.mesh[3 * i], `point ${i} is the mesh's own`);
});
