import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { TILE_ABOVE, TILE_SIZE, clipped, containment, cropWithMargin, iou, mergeDetections, sameFace, tileRegions, type Box, type Detection } from '../../src/vision/regions.ts';
import { searchFrame, shareOut, tilesWorthSearching } from '../../src/vision/search.ts';

test('small frames get no tiles; large ones overlapping tiles that cover every pixel', () => {
  assert.deepEqual(tileRegions(640, 480), []);
  assert.deepEqual(tileRegions(TILE_ABOVE, 700), []);
  fc.assert(
    fc.property(fc.integer({ min: TILE_ABOVE + 1, max: 6000 }), fc.integer({ min: 1, max: 4000 }), (w, h) => {
      const tiles = tileRegions(w, h);
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

test('iou and containment', () => {
  const a: Box = [0, 0, 100, 100];
  assert.equal(iou(a, a), 1);
  assert.equal(iou(a, [200, 200, 10, 10]), 0);
  assert.ok(Math.abs(iou(a, [50, 0, 100, 100]) - 1 / 3) < 1e-9);
  assert.equal(containment(a, [10, 10, 20, 20]), 1);
  assert.equal(containment(a, [90, 0, 20, 100]), 0.5);
  assert.equal(containment(a, [0, 0, 0, 0]), 0);
});

test('the issue\'s case: a whole-frame box and a tile box inside it are one face; the whole one is kept', () => {
  const whole = { box: [195, 121, 1043, 1042] as Box, score: 0.8, complete: true, id: 'whole' };
  const tile = { box: [554, 432, 622, 675] as Box, score: 0.95, complete: false, id: 'tile' };
  assert.ok(iou(whole.box, tile.box) < 0.4, 'IoU alone does not see it');
  assert.deepEqual(mergeDetections([tile, whole]).map((k) => k.id), ['whole']);
});

test('merging: the same face seen twice is kept once, the whole-seen then the more confident; different faces all stay', () => {
  const kept = mergeDetections([
    { box: [0, 0, 100, 100] as Box, score: 0.7, complete: true, id: 'a' },
    { box: [5, 5, 100, 100] as Box, score: 0.9, complete: true, id: 'b' },
    { box: [400, 0, 100, 100] as Box, score: 0.6, complete: true, id: 'c' },
    { box: [395, 0, 100, 100] as Box, score: 0.99, complete: false, id: 'd' },
  ]);
  assert.deepEqual(kept.map((k) => k.id), ['b', 'c']);
  // Properties: no two kept boxes are one face; every dropped box is one face with a kept one that ranks at least as high.
  const box = fc.tuple(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 600 }));
  const det = fc.record({ box, score: fc.double({ min: 0, max: 1, noNaN: true }), complete: fc.boolean() });
  fc.assert(
    fc.property(fc.array(det, { maxLength: 30 }), (items) => {
      const out = mergeDetections(items);
      for (let i = 0; i < out.length; i++) for (let j = i + 1; j < out.length; j++) assert.ok(!sameFace((out[i] as Detection).box, (out[j] as Detection).box));
      const rank = (d: Detection) => Number(d.complete) * 2 + d.score;
      for (const it of items) if (!out.includes(it)) assert.ok(out.some((k) => sameFace(k.box, it.box) && rank(k) >= rank(it)));
    }),
  );
});

test('a box is cut off when it reaches an inner edge of its tile, not an edge of the image', () => {
  const tile: Box = [540, 540, 720, 720];
  assert.equal(clipped([600, 600, 100, 100], tile, 2048, 1536), false);
  assert.equal(clipped([541, 600, 100, 100], tile, 2048, 1536), true, 'left edge');
  assert.equal(clipped([1180, 600, 80, 100], tile, 2048, 1536), true, 'right edge');
  assert.equal(clipped([600, 1200, 100, 80], tile, 2048, 1536), true, 'bottom edge');
  assert.equal(clipped([0, 0, 50, 50], [0, 0, 720, 720], 2048, 1536), false, 'the image edge is no cut');
  assert.equal(clipped([0, 0, 2048, 1536], [0, 0, 2048, 1536], 2048, 1536), false, 'the whole frame cuts nothing');
});

test('tiles are searched only in a large frame in which no face was big', () => {
  assert.deepEqual(tilesWorthSearching(640, 480, []), []);
  assert.equal(tilesWorthSearching(2048, 1536, []).length, 12);
  assert.equal(tilesWorthSearching(2048, 1536, [[100, 100, 100, 120]]).length, 12, 'small faces: there may be more');
  assert.deepEqual(tilesWorthSearching(2048, 1536, [[100, 100, 300, 360]]), [], 'a near face: a portrait');
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 20 })), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 4 }), (sizes, parts) => {
      const tiles = sizes.map(([x, y]): Box => [x * 10, y * 10, 5, 5]);
      const groups = shareOut(tiles, parts);
      assert.ok(groups.length <= parts);
      assert.deepEqual(groups.flat().map(String).sort(), tiles.map(String).sort(), 'every tile exactly once');
    }),
  );
});

test('searchFrame: whole frame first, tiles only when worth it, duplicates across passes merged', async () => {
  const searched: Box[][] = [];
  const face = (box: Box, detection = 0.9, complete = true) => ({ face: { box, quality: { detection } }, complete });
  // A portrait: one pass.
  await searchFrame(1536, 2048, async (r) => (searched.push(r), [face([300, 400, 900, 1000])]), 2);
  assert.equal(searched.length, 1);
  // A small face far away, found by the whole frame (so the tiles are told of it), and two more only
  // the tiles see, one of them by both threads.
  searched.length = 0;
  const out = await searchFrame(2048, 1536, async (r, known) => {
    searched.push(r);
    if (r.length === 1 && r[0]?.[2] === 2048) return [face([700, 500, 150, 180], 0.7)];
    assert.deepEqual(known, [[700, 500, 150, 180]]);
    return [face([1100, 100, 60, 60], r.some((t) => t[0] === 1080) ? 0.8 : 0.6, r.some((t) => t[0] === 1080)), face([100, 1300, 50, 50])];
  }, 2);
  assert.equal(searched.length, 3, 'the whole frame, then two threads\' shares');
  assert.deepEqual(out.map((f) => [f.box, f.quality.detection]), [[[700, 500, 150, 180], 0.7], [[100, 1300, 50, 50], 0.9], [[1100, 100, 60, 60], 0.8]]);
  assert.deepEqual(await searchFrame(1, 2048, async () => [face([0, 0, 1, 1])]), [], 'a strip holds no face');
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
