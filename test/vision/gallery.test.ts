import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { Gallery } from '../../src/vision/gallery.ts';

function unit(seed: number): Float32Array {
  // A deterministic pseudo-random unit vector.
  const v = new Float32Array(128);
  let x = seed * 9301 + 49297;
  for (let i = 0; i < 128; i++) {
    x = (x * 9301 + 49297) % 233280;
    v[i] = x / 233280 - 0.5;
  }
  const n = Math.hypot(...v);
  return v.map((y) => y / n);
}
const cos = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + v * (b[i] as number), 0);

test('property: int8 scores stay within 0.01 of the float cosine', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 1e6 }), (s1, s2) => {
      const a = unit(s1), b = unit(s2);
      const g = new Gallery(1);
      g.add('t', 'p', a);
      const m = g.verify('p', b);
      assert.ok(m && Math.abs(m.score - cos(a, b)) < 0.01, `${m?.score} vs ${cos(a, b)}`);
    }),
    { numRuns: 300 },
  );
});

test('identify returns the best template per person, best first; verify looks at one person only', () => {
  const g = new Gallery(2);
  for (let i = 0; i < 50; i++) g.add(`t${i}`, `p${i % 10}`, unit(i));
  assert.equal(g.size, 50);
  const probe = unit(23);
  const top = g.identify(probe, 3);
  assert.equal(top[0]?.personId, 'p3');
  assert.equal(top[0]?.templateId, 't23');
  assert.ok((top[0]?.score ?? 0) > 0.99);
  assert.equal(new Set(top.map((m) => m.personId)).size, top.length);
  assert.ok((top[1]?.score ?? 1) <= (top[0]?.score ?? 0));
  assert.equal(g.identify(probe, 5, 0.99).length, 1);
  assert.ok((g.verify('p4', probe)?.score ?? 1) < 0.5);
  assert.equal(g.verify('nobody', probe), null);
});

test('remove and removePerson keep the matrix dense and consistent', () => {
  const g = new Gallery(4);
  for (let i = 0; i < 20; i++) g.add(`t${i}`, `p${i % 4}`, unit(i));
  g.remove('t0');
  g.remove('t0');
  g.removePerson('p1');
  assert.equal(g.size, 20 - 1 - 5);
  assert.equal(g.verify('p1', unit(1)), null);
  assert.equal(g.identify(unit(19), 1)[0]?.templateId, 't19', 'the row moved into a hole is still found');
  g.add('t19', 'p3', unit(99));
  assert.ok((g.verify('p3', unit(99))?.score ?? 0) > 0.99, 're-adding a template id replaces it');
  const fresh = new Gallery();
  fresh.add('x', 'px', unit(5));
  g.replaceWith(fresh);
  assert.equal(g.size, 1);
  assert.equal(g.identify(unit(5), 1)[0]?.personId, 'px');
  assert.throws(() => g.add('bad', 'p', new Float32Array(3)), /128/);
});
