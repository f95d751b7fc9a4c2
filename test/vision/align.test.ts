import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applySimilarity, fitSimilarity, warpChip, type Point } from '../../src/vision/align.ts';

test('property: fitSimilarity recovers any rotation, scale and shift exactly', () => {
  fc.assert(
    fc.property(fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }), fc.double({ min: 0.1, max: 10, noNaN: true }), fc.double({ min: -500, max: 500, noNaN: true }), fc.double({ min: -500, max: 500, noNaN: true }), (angle, scale, tx, ty) => {
      const t = { a: scale * Math.cos(angle), b: scale * Math.sin(angle), tx, ty };
      const src: Point[] = [[10, 20], [80, 25], [45, 90]];
      const fitted = fitSimilarity(src, src.map((p) => applySimilarity(t, p)));
      for (const k of ['a', 'b', 'tx', 'ty'] as const) assert.ok(Math.abs(fitted[k] - t[k]) < 1e-6 * Math.max(1, Math.abs(t[k])), k);
    }),
  );
});

test('fitSimilarity refuses degenerate input', () => {
  assert.throws(() => fitSimilarity([[1, 1]], [[2, 2]]), /two/);
  assert.throws(() => fitSimilarity([[1, 1], [1, 1]], [[0, 0], [5, 5]]), /coincide/);
});

test('warpChip samples through the transform: identity copies, a shift moves, outside is black', () => {
  const w = 8, h = 8;
  const data = new Uint8Array(w * h * 3);
  for (let i = 0; i < w * h; i++) data.set([i, 255 - i, 7], i * 3);
  const img = { data, width: w, height: h };
  const same = warpChip(img, { a: 1, b: 0, tx: 0, ty: 0 }, 8);
  assert.deepEqual([...same.slice(0, 6)], [0, 255, 7, 1, 254, 7]);
  // Chip pixel (x, y) shows image pixel (x + 2, y): the transform maps the image 2 px to the left.
  const shifted = warpChip(img, { a: 1, b: 0, tx: -2, ty: 0 }, 8);
  assert.deepEqual([...shifted.slice(0, 3)], [2, 253, 7]);
  assert.deepEqual([...shifted.slice(7 * 3, 7 * 3 + 3)], [0, 0, 0]);
  const half = warpChip(img, { a: 1, b: 0, tx: -0.5, ty: 0 }, 8);
  assert.equal(half[0], 0.5, 'bilinear between pixel 0 and 1');
});
