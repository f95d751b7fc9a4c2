import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { DOOR_MODES, initialAccess, stepAccess, type AccessInput, type AccessSettings, type AccessState, type DoorMode } from '../../src/core/access.ts';

const cfg = (mode: DoorMode): AccessSettings => ({ mode, faceWindowMs: 5000, maxFailures: 3, lockoutBaseMs: 30_000, lockoutMaxMs: 600_000 });
const T = 1_000_000;
const pin = (personId: string | null, extra: Partial<{ duress: boolean; scheduleOk: boolean }> = {}): AccessInput => ({ type: 'credential', result: { factor: 'pin', personId, duress: false, scheduleOk: true, ...extra }, at: T });
const fob = (personId: string | null): AccessInput => ({ type: 'credential', result: { factor: 'fob', personId, duress: false, scheduleOk: true }, at: T });
const face = (personId: string | null, live = true, at = T + 1000): AccessInput => ({ type: 'face', result: { personId, score: 0.95, live }, at });

function run(mode: DoorMode, inputs: AccessInput[], start: AccessState = initialAccess) {
  let s = start;
  const effects = [];
  for (const i of inputs) {
    const r = stepAccess(s, i, cfg(mode));
    s = r.state;
    effects.push(...r.effects);
  }
  return { s, effects };
}

test('PIN + face: the right PIN and the same live face open; anything less is denied with the reason', () => {
  const ok = run('pin_face', [pin('ada'), face('ada')]);
  assert.deepEqual(ok.effects.at(-1), { type: 'grant', personId: 'ada', factors: ['pin', 'face'], score: 0.95, duress: false });
  assert.deepEqual(run('pin_face', [pin('ada'), face('bob')]).effects.at(-1), { type: 'deny', reason: 'face_mismatch', personId: 'ada', factors: ['pin'] });
  assert.deepEqual(run('pin_face', [pin('ada'), face(null)]).effects.at(-1), { type: 'deny', reason: 'face_mismatch', personId: 'ada', factors: ['pin'] });
  assert.deepEqual(run('pin_face', [pin('ada'), face('ada', false)]).effects.at(-1), { type: 'deny', reason: 'not_live', personId: 'ada', factors: ['pin', 'face'] });
  assert.deepEqual(run('pin_face', [pin(null), face('ada')]).effects.at(-1), { type: 'deny', reason: 'unknown_credential', personId: null, factors: [] });
  assert.deepEqual(run('pin_face', [pin('ada', { scheduleOk: false }), face('ada')]).effects.at(-1), { type: 'deny', reason: 'outside_schedule', personId: 'ada', factors: ['pin'] });
  assert.deepEqual(run('pin_face', [fob('ada')]).effects.at(-1), { type: 'deny', reason: 'wrong_factor', personId: 'ada', factors: ['fob'] });
  assert.deepEqual(run('pin_face', [face('ada')]).effects, [], 'a face alone does nothing at a PIN door');
});

test('a wrong PIN looks exactly like a right one until the end: the door asks for the face either way', () => {
  const wrong = run('pin_face', [pin(null)]);
  const right = run('pin_face', [pin('ada')]);
  assert.deepEqual(wrong.effects.map((e) => e.type), ['await_face']);
  assert.deepEqual(right.effects.map((e) => e.type), ['await_face']);
  const wrongEnd = run('pin_face', [{ type: 'tick', at: T + 5000 }], wrong.s).effects.at(-1);
  assert.deepEqual(wrongEnd, { type: 'deny', reason: 'unknown_credential', personId: null, factors: [] });
  assert.deepEqual(run('pin_only', [pin(null)]).effects.at(-1), { type: 'deny', reason: 'unknown_credential', personId: null, factors: [] });
});

test('the face must come within the window', () => {
  const late = run('pin_face', [pin('ada'), { type: 'tick', at: T + 4999 }, { type: 'tick', at: T + 5000 }]);
  assert.deepEqual(late.effects.at(-1), { type: 'deny', reason: 'timeout', personId: 'ada', factors: ['pin'] });
  assert.equal(late.s.phase, 'idle');
  assert.deepEqual(run('pin_face', [pin('ada'), face('ada', true, T + 6000)]).effects.at(-1)?.type, 'deny');
});

test('fob + face, face only, PIN only', () => {
  assert.deepEqual(run('fob_face', [fob('ada'), face('ada')]).effects.at(-1), { type: 'grant', personId: 'ada', factors: ['fob', 'face'], score: 0.95, duress: false });
  assert.equal(run('fob_face', [pin('ada')]).effects.at(-1)?.type, 'deny');
  assert.deepEqual(run('face_only', [face('ada')]).effects.at(-1), { type: 'grant', personId: 'ada', factors: ['face'], score: 0.95, duress: false });
  assert.deepEqual(run('face_only', [face(null)]).effects.at(-1), { type: 'deny', reason: 'unknown_face', personId: null, factors: ['face'] });
  assert.deepEqual(run('face_only', [face('ada', false)]).effects.at(-1), { type: 'deny', reason: 'not_live', personId: 'ada', factors: ['face'] });
  assert.deepEqual(run('pin_only', [pin('ada')]).effects.at(-1), { type: 'grant', personId: 'ada', factors: ['pin'], score: null, duress: false });
});

test('a duress PIN opens as usual and says so to the log, not to the door', () => {
  for (const mode of ['pin_face', 'pin_only'] as const) {
    const r = run(mode, mode === 'pin_face' ? [pin('ada', { duress: true }), face('ada')] : [pin('ada', { duress: true })]);
    const g = r.effects.at(-1);
    assert.equal(g?.type, 'grant');
    assert.equal(g?.type === 'grant' && g.duress, true);
  }
});

test('failures lock the terminal out, with growing back-off; a success resets it', () => {
  const three = run('pin_only', [pin(null), pin(null), pin(null)]);
  assert.deepEqual(three.effects.at(-1), { type: 'lockout', until: T + 30_000, lockouts: 1 });
  assert.equal(three.s.phase, 'locked_out');
  // While locked out, even the right credential is refused and does not count.
  assert.deepEqual(run('pin_only', [pin('ada')], three.s).effects, [{ type: 'deny', reason: 'locked_out', personId: null, factors: [] }]);
  const later = run('pin_face', [{ type: 'tick', at: T + 30_000 }, pin(null), face(null), pin('ada'), face('bob'), pin('ada'), face('ada', false)], three.s);
  // The third failure is the face at T + 1000; the second lockout lasts twice as long.
  assert.deepEqual(later.effects.at(-1), { type: 'lockout', until: T + 1000 + 60_000, lockouts: 2 });
  const reset = run('pin_face', [{ type: 'tick', at: T + 61_000 }, pin('ada'), face('ada', true, T + 1000)], later.s);
  assert.equal(reset.effects.at(-1)?.type, 'grant');
  assert.deepEqual(reset.s, initialAccess);
  assert.equal(run('pin_only', [pin('ada', { scheduleOk: false }), pin('ada', { scheduleOk: false }), pin('ada', { scheduleOk: false })]).s.phase, 'idle', 'a known person outside their hours is no attacker');
});

// Property-based: whatever arrives, in whatever order, the invariants hold.
const inputArb = fc.oneof(
  fc.record({ type: fc.constant('credential' as const), factor: fc.constantFrom('pin' as const, 'fob' as const), personId: fc.constantFrom(null, 'ada', 'bob'), duress: fc.boolean(), scheduleOk: fc.boolean(), dt: fc.nat(10_000) }),
  fc.record({ type: fc.constant('face' as const), personId: fc.constantFrom(null, 'ada', 'bob'), live: fc.boolean(), dt: fc.nat(10_000) }),
  fc.record({ type: fc.constant('tick' as const), dt: fc.nat(100_000) }),
);

test('property: a grant always has every factor the mode demands, a live face where a face is needed, and never happens while locked out', () => {
  fc.assert(
    fc.property(fc.constantFrom(...DOOR_MODES), fc.array(inputArb, { maxLength: 40 }), (mode, steps) => {
      let s: AccessState = initialAccess;
      let now = T;
      let lastCredential: { personId: string | null; factor: string; duress: boolean; at: number } | null = null;
      let lockoutUntil = 0;
      for (const st of steps) {
        now += st.dt;
        const input: AccessInput =
          st.type === 'credential'
            ? { type: 'credential', result: { factor: st.factor, personId: st.personId, duress: st.duress, scheduleOk: st.scheduleOk }, at: now }
            : st.type === 'face'
              ? { type: 'face', result: { personId: st.personId, score: 0.9, live: st.live }, at: now }
              : { type: 'tick', at: now };
        const before = s;
        const r = stepAccess(s, input, cfg(mode));
        s = r.state;
        if (input.type === 'credential' && before.phase !== 'locked_out') lastCredential = { ...input.result, at: now };
        for (const e of r.effects) {
          if (e.type === 'lockout') {
            assert.ok(e.until > lockoutUntil, 'each lockout ends later than the one before');
            lockoutUntil = e.until;
          }
          if (e.type !== 'grant') continue;
          assert.notEqual(before.phase, 'locked_out');
          const needs: string[] = { pin_face: ['pin', 'face'], fob_face: ['fob', 'face'], face_only: ['face'], pin_only: ['pin'] }[mode];
          assert.deepEqual(e.factors, needs);
          if (needs.includes('face')) {
            assert.ok(input.type === 'face' && input.result.live && input.result.personId === e.personId, 'the face seen is the person let in, and live');
          }
          if (mode !== 'face_only') {
            assert.ok(lastCredential && lastCredential.personId === e.personId, 'the credential was theirs');
            assert.equal(e.duress, lastCredential.duress);
            if (mode !== 'pin_only') assert.ok(now - lastCredential.at <= 5000, 'within the face window');
          }
        }
        if (s.phase === 'awaiting_face') assert.ok(s.deadline > now || input.type !== 'tick');
      }
    }),
    { numRuns: 3000 },
  );
});
