import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { CodeGuard } from '../../src/core/codeGuard.ts';

const opts = { maxFailures: 3, lockMs: 1000, maxLockMs: 5000 };

test('wrong codes up to the limit lock the source out; the lockout doubles, up to the cap; a right code starts over', () => {
  const g = new CodeGuard(opts);
  assert.equal(g.record('mqtt', false, 0), null);
  assert.equal(g.record('mqtt', false, 1), null);
  assert.equal(g.lockedUntil('mqtt', 2), null, 'two wrong codes are not yet a lockout');
  assert.equal(g.record('mqtt', false, 2), 1002, 'the third locks for lockMs');
  assert.equal(g.lockedUntil('mqtt', 1001), 1002);
  assert.equal(g.lockedUntil('mqtt', 1002), null, 'and lets go at its end');
  assert.equal(g.lockedUntil('http:alice', 500), null, 'other sources are not affected');
  for (const [at, until] of [
    [2000, 4000],
    [5000, 9000],
    [10_000, 15_000],
    [20_000, 25_000],
  ] as const) {
    g.record('mqtt', false, at);
    g.record('mqtt', false, at);
    assert.equal(g.record('mqtt', false, at), until, `a lockout at ${at} lasts until ${until} (doubling, capped at maxLockMs)`);
  }
  g.record('mqtt', true, 30_000);
  g.record('mqtt', false, 30_001);
  g.record('mqtt', false, 30_001);
  assert.equal(g.record('mqtt', false, 30_001), 31_001, 'after a right code the back-off starts from lockMs again');
});

test('property: a source is never locked out while fewer than maxFailures codes since its last right one were wrong', () => {
  fc.assert(
    fc.property(fc.array(fc.boolean(), { maxLength: 60 }), (tries) => {
      const g = new CodeGuard(opts);
      let wrongInARow = 0;
      let everLocked = false;
      tries.forEach((ok, i) => {
        const began = g.record('s', ok, i);
        wrongInARow = ok ? 0 : wrongInARow + 1;
        if (began !== null) {
          everLocked = true;
          assert.ok(wrongInARow >= opts.maxFailures && wrongInARow % opts.maxFailures === 0);
        } else if (!everLocked) assert.equal(g.lockedUntil('s', i), null);
      });
    }),
  );
});
