import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TILE_ABOVE, TILE_SIZE, cropWithMargin, dedupe, detectionRegions, iou, type Box } from '../../src/vision/regions.ts';

test('small frames are searched whole; large ones also in overlapping tiles that cover every pixel', () => {
  assert.deepEqual(detectionRegions(640, 480), [[0, 0, 640, 480]]);
  fc.assert(
    fc.property(fc.integer({ min: TILE_ABOVE + 1, max: 6000 }), fc.integer({ min: 200, max: 4000 }), (w, h) => {
      const [whole, ...tiles] = detectionRegions(w, h);
      assert.deepEqual(whole, [0, 0, w, h]);
      assert.ok(tiles.length >= 2);
      for (const [x, y, tw, th] of tiles) {
        assert.ok(x >= 0 && y >= 0 && x + tw <= w && y + th <= h, 'inside the frame');
        assert.ok(tw <= TILE_SIZE && th <= TILE_SIZE);
      }
      // Every pixel column and row is in some tile.
      for (const px of [0, Math.floor(w / 2), w - 1]) assert.ok(tiles.some(([x, , tw]) => px >= x && px < x + tw));
      for (const py of [0, Math.floor(h / 2), h - 1]) assert.ok(tiles.some(([, y, , th]) => py >= y && py < y + th));
    }),
  );
});

test('iou and dedupe: the same face seen twice is kept once, the better one', () => {
  const a: Box = [0, 0, 100, 100];
  assert.equal(iou(a, a), 1);
  assert.equal(iou(a, [200, 200, 10, 10]), 0);
  assert.ok(Math.abs(iou(a, [50, 0, 100, 100]) - 1 / 3) < 1e-9);
  const kept = dedupe([
    { box: [0, 0, 100, 100] as Box, score: 0.7, id: 'a' },
    { box: [5, 5, 100, 100] as Box, score: 0.9, id: 'b' },
    { box: [400, 0, 100, 100] as Box, score: 0.6, id: 'c' },
  ]);
  assert.deepEqual(kept.map((k) => k.id), ['b', 'c']);
});

test('cropWithMargin copies the region into a black frame', () => {
  const img = { data: new Uint8Array(4 * 3 * 3).map((_, i) => i), width: 4, height: 3 };
  const c = cropWithMargin(img, [1, 1, 2, 2], 1);
  assert.deepEqual([c.width, c.height], [4, 4]);
  assert.deepEqual([...c.data.slice(0, 3)], [0, 0, 0]);
  const at = (x: number, y: number) => [...c.data.slice((y * 4 + x) * 3, (y * 4 + x) * 3 + 3)];
  assert.deepEqual(at(1, 1), [...img.data.slice((1 * 4 + 1) * 3, (1 * 4 + 1) * 3 + 3)]);
  assert.deepEqual(at(2, 2), [...img.data.slice((2 * 4 + 2) * 3, (2 * 4 + 2) * 3 + 3)]);
});
