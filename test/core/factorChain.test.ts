import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import Value from 'typebox/value';
import {
  CHAIN_FACTORS,
  ChainConfigSchema,
  chainForMode,
  chainSteps,
  doorSees,
  initialChain,
  stepChain,
  type ChainEffect,
  type ChainFactor,
  type ChainInput,
  type ChainSettings,
  type ChainState,
  type ChainStep,
  type FactorResult,
} from '../../src/core/factorChain.ts';

const settings = (steps: ChainStep[], maxFailures = 5): ChainSettings => ({ steps, maxFailures, lockoutBaseMs: 30_000, lockoutMaxMs: 900_000 });

function run(cfg: ChainSettings, inputs: ChainInput[], from: ChainState = initialChain) {
  let state = from;
  const effects: ChainEffect[][] = [];
  for (const input of inputs) {
    const r = stepChain(state, input, cfg);
    state = r.state;
    effects.push(r.effects);
  }
  return { state, effects, all: effects.flat() };
}

/** A passing factor of `person` for a step that accepts `factor`. */
function good(factor: ChainFactor, person: string, duress = false): FactorResult {
  switch (factor) {
    case 'pin':
    case 'fob':
      return { factor, personId: person, duress: factor === 'pin' && duress, scheduleOk: true };
    case 'finger':
      return { factor, personId: person, duress, scheduleOk: true, score: 120 };
    case 'face':
      return { factor, personId: person, live: true, scheduleOk: true, score: 0.8 };
  }
}

type BadKind = 'nobody' | 'someone_else' | 'not_live' | 'outside_schedule';
function bad(factor: ChainFactor, kind: BadKind): FactorResult {
  const r = good(factor, 'ada');
  switch (kind) {
    case 'nobody':
      return { ...r, personId: null };
    case 'someone_else':
      return { ...r, personId: 'bob' };
    case 'not_live':
      return r.factor === 'face' ? { ...r, live: false } : { ...r, personId: null };
    case 'outside_schedule':
      return { ...r, scheduleOk: false };
  }
}

const arbFactorSet = fc.subarray([...CHAIN_FACTORS], { minLength: 1 });
const arbStep = fc.record({ accept: arbFactorSet, timeoutMs: fc.integer({ min: 1000, max: 30_000 }) });
const arbChain = fc.array(arbStep, { minLength: 1, maxLength: 5 });

const arbResult: fc.Arbitrary<FactorResult> = fc.oneof(
  fc.record({ factor: fc.constantFrom('pin' as const, 'fob' as const), personId: fc.constantFrom('ada', 'bob', null), duress: fc.boolean(), scheduleOk: fc.boolean() }),
  fc.record({ factor: fc.constant('finger' as const), personId: fc.constantFrom('ada', 'bob', null), duress: fc.boolean(), scheduleOk: fc.boolean(), score: fc.option(fc.integer({ min: 0, max: 300 })) }),
  fc.record({ factor: fc.constant('face' as const), personId: fc.constantFrom('ada', 'bob', null), live: fc.boolean(), scheduleOk: fc.boolean(), score: fc.option(fc.double({ min: 0, max: 1, noNaN: true })) }),
);
/** Inputs spaced 0-40 s apart, so that some land after a step's deadline. */
const arbInputs = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 40_000 }), fc.option(arbResult, { freq: 5 })), { maxLength: 40 })
  .map((items) => {
    let at = 1_000_000;
    return items.map(([dt, result]): ChainInput => {
      at += dt;
      return result ? { type: 'factor', result, at } : { type: 'tick', at };
    });
  });

const passes = (r: FactorResult, person: string) => r.personId === person && r.scheduleOk && (r.factor !== 'face' || r.live);

describe('factor chain: properties over random chains', () => {
  test('no chain grants with a step missing: every grant has a passing factor of that person for each step, in order and in time', () => {
    fc.assert(
      fc.property(arbChain, arbInputs, fc.integer({ min: 1, max: 6 }), (steps, inputs, maxFailures) => {
        const cfg = settings(steps, maxFailures);
        let state: ChainState = initialChain;
        let attempt: Array<{ result: FactorResult; at: number }> = [];
        for (const input of inputs) {
          const before = state;
          const { state: next, effects } = stepChain(state, input, cfg);
          state = next;
          if (input.type === 'factor' && before.phase !== 'locked_out') attempt.push({ result: input.result, at: input.at });
          for (const e of effects) {
            if (e.type !== 'grant') continue;
            assert.equal(e.factors.length, steps.length, 'one factor per step');
            // Independent check: a subsequence of this attempt's inputs passes step after step.
            let from = 0;
            let lastAt = attempt[0]?.at ?? 0;
            steps.forEach((step, i) => {
              const k = attempt.findIndex((a, j) => j >= from && step.accept.includes(a.result.factor) && passes(a.result, e.personId) && (i === 0 || a.at - lastAt <= step.timeoutMs));
              assert.ok(k >= 0, `step ${i} (${step.accept.join('|')}) has no passing input`);
              assert.ok(step.accept.includes(e.factors[i] as ChainFactor), `the grant names an accepted factor for step ${i}`);
              assert.ok(i > 0 || k === 0, 'the attempt starts with the first step');
              lastAt = (attempt[k] as { at: number }).at;
              from = k + 1;
            });
          }
          if (effects.some((e) => e.type === 'grant' || e.type === 'deny' || e.type === 'lockout')) attempt = [];
        }
      }),
      { numRuns: 3000 },
    );
  });

  test('a duress factor anywhere raises DuressAlarm at once (once per attempt), whether or not the door opens', () => {
    fc.assert(
      fc.property(arbChain, arbInputs, (steps, inputs) => {
        const cfg = settings(steps);
        let state: ChainState = initialChain;
        let raisedThisAttempt = false;
        for (const input of inputs) {
          const before = state;
          const { state: next, effects } = stepChain(state, input, cfg);
          state = next;
          const alarms = effects.filter((e) => e.type === 'duress');
          assert.ok(alarms.length <= 1);
          if (input.type === 'factor') {
            const r = input.result;
            const isDuress = (r.factor === 'pin' || r.factor === 'finger') && r.duress && r.personId !== null;
            if (isDuress) {
              const already = before.phase === 'running' && raisedThisAttempt;
              assert.ok(already || alarms.length === 1, 'a duress factor raised the alarm');
              if (alarms[0]) assert.deepEqual(alarms[0], { type: 'duress', personId: r.personId, factor: r.factor });
            } else {
              assert.equal(alarms.length, 0, 'no alarm without a duress factor');
            }
          }
          if (alarms.length) raisedThisAttempt = true;
          for (const e of effects) if (e.type === 'grant' && e.duress) assert.ok(raisedThisAttempt, 'a duress grant comes with its alarm');
          if (state.phase !== 'running') raisedThisAttempt = false;
        }
      }),
      { numRuns: 3000 },
    );
  });

  test('a failure at any step looks the same at the door: same prompts at the same times, denied only after the last step', () => {
    const arbBad = fc.constantFrom<BadKind>('nobody', 'someone_else', 'not_live', 'outside_schedule');
    fc.assert(
      fc.property(
        arbChain,
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 5, maxLength: 5 }),
        fc.array(fc.nat(), { minLength: 5, maxLength: 5 }),
        arbBad,
        (steps, gaps, picks, kind) => {
          const cfg = settings(steps, 2);
          const chosen = steps.map((s, i) => s.accept[(picks[i] as number) % s.accept.length] as ChainFactor);
          let at = 5_000;
          const times = steps.map((_s, i) => (at += gaps[i] as number));
          const inputs = (failAt: number | null): ChainInput[] =>
            // At the first step someone else is simply someone else; from the second on, a different person fails.
            chosen.map((f, i) => ({ type: 'factor', result: i === failAt ? bad(f, i === 0 && kind === 'someone_else' ? 'nobody' : kind) : good(f, 'ada'), at: times[i] as number }));
          const seen = (failAt: number | null) => run(cfg, inputs(failAt)).effects.map((es) => es.map(doorSees).filter((v) => v !== null));
          const ok = seen(null);
          assert.deepEqual(ok.at(-1), [{ show: 'granted' }]);
          const failed = ok.map((v, i) => (i === ok.length - 1 ? [{ show: 'denied' }] : v));
          for (let k = 0; k < steps.length; k++) assert.deepEqual(seen(k), failed, `failing step ${k} of ${steps.length} (${kind})`);
        },
      ),
      { numRuns: 2000 },
    );
  });

  test('each step has its own timeout: a late factor denies, and so does the tick at the deadline', () => {
    fc.assert(
      fc.property(arbChain.filter((s) => s.length >= 2), fc.nat(), fc.integer({ min: 1, max: 5000 }), (steps, pick, late) => {
        const cfg = settings(steps);
        const k = 1 + (pick % (steps.length - 1));
        let at = 0;
        const inputs: ChainInput[] = steps.map((s, i) => {
          at += i === k ? s.timeoutMs + late : 10;
          return { type: 'factor', result: good(s.accept[0] as ChainFactor, 'ada'), at };
        });
        const { all } = run(cfg, inputs);
        assert.ok(!all.some((e) => e.type === 'grant'), 'no grant after a missed deadline');
        const denial = all.find((e) => e.type === 'deny');
        assert.equal(denial?.type === 'deny' && denial.reason, 'timeout');

        const upTo = run(cfg, inputs.slice(0, k));
        assert.equal(upTo.state.phase, 'running');
        const deadline = upTo.state.phase === 'running' ? upTo.state.deadline : 0;
        assert.deepEqual(stepChain(upTo.state, { type: 'tick', at: deadline - 1 }, cfg).effects, []);
        const tick = stepChain(upTo.state, { type: 'tick', at: deadline }, cfg);
        assert.deepEqual(tick.effects.map(doorSees), [{ show: 'denied' }]);
        assert.equal(tick.state.phase, 'idle');
      }),
      { numRuns: 1000 },
    );
  });

  test('counted failures lock the terminal out after maxFailures, whichever step failed; the lockout ends at its deadline', () => {
    fc.assert(
      fc.property(arbChain, fc.integer({ min: 1, max: 4 }), fc.nat(), (steps, maxFailures, pick) => {
        const cfg = settings(steps, maxFailures);
        let state: ChainState = initialChain;
        let at = 0;
        let lockout: ChainEffect | undefined;
        for (let attempt = 0; attempt < maxFailures; attempt++) {
          const failAt = (pick + attempt) % steps.length;
          for (let i = 0; i < steps.length; i++) {
            const f = steps[i]?.accept[0] as ChainFactor;
            const r = stepChain(state, { type: 'factor', result: i === failAt ? bad(f, 'nobody') : good(f, 'ada'), at: (at += 10) }, cfg);
            state = r.state;
            lockout ??= r.effects.find((e) => e.type === 'lockout');
          }
          if (attempt < maxFailures - 1) assert.equal(lockout, undefined);
        }
        assert.ok(lockout && lockout.type === 'lockout');
        assert.equal(state.phase, 'locked_out');
        const during = stepChain(state, { type: 'factor', result: good(steps[0]?.accept[0] as ChainFactor, 'ada'), at: at + 1 }, cfg);
        assert.deepEqual(during.effects.map(doorSees), [{ show: 'denied' }]);
        const after = stepChain(state, { type: 'tick', at: lockout.until }, cfg);
        assert.equal(after.state.phase, 'idle');
      }),
      { numRuns: 1000 },
    );
  });
});

describe("factor chain: the seed's door and today's modes", () => {
  const seed = settings(chainSteps(['fob', 'pin', ['finger', 'face']]));

  test('card, PIN, then finger: granted with the sensor score; the face would do as well', () => {
    const viaFinger = run(seed, [
      { type: 'factor', result: good('fob', 'ada'), at: 0 },
      { type: 'factor', result: good('pin', 'ada'), at: 3000 },
      { type: 'factor', result: good('finger', 'ada'), at: 5000 },
    ]);
    assert.deepEqual(viaFinger.effects[0], [{ type: 'prompt', step: 1, accept: ['pin'], until: 20_000, candidate: 'ada' }]);
    assert.deepEqual(viaFinger.effects[1], [{ type: 'prompt', step: 2, accept: ['finger', 'face'], until: 18_000, candidate: 'ada' }]);
    assert.deepEqual(viaFinger.effects[2], [{ type: 'grant', personId: 'ada', factors: ['fob', 'pin', 'finger'], scores: { finger: 120 }, duress: false }]);
    const viaFace = run(seed, [
      { type: 'factor', result: good('fob', 'ada'), at: 0 },
      { type: 'factor', result: good('pin', 'ada'), at: 3000 },
      { type: 'factor', result: good('face', 'ada'), at: 5000 },
    ]);
    assert.equal(viaFace.all.at(-1)?.type, 'grant');
  });

  test("the emergency finger opens as usual and raises DuressAlarm; Bob's finger after Ada's card does not open", () => {
    const duress = run(seed, [
      { type: 'factor', result: good('fob', 'ada'), at: 0 },
      { type: 'factor', result: good('pin', 'ada'), at: 3000 },
      { type: 'factor', result: good('finger', 'ada', true), at: 5000 },
    ]);
    assert.deepEqual(duress.effects[2], [
      { type: 'duress', personId: 'ada', factor: 'finger' },
      { type: 'grant', personId: 'ada', factors: ['fob', 'pin', 'finger'], scores: { finger: 120 }, duress: true },
    ]);
    const wrong = run(seed, [
      { type: 'factor', result: good('fob', 'ada'), at: 0 },
      { type: 'factor', result: good('pin', 'ada'), at: 3000 },
      { type: 'factor', result: good('finger', 'bob'), at: 5000 },
    ]);
    assert.deepEqual(wrong.effects[2], [{ type: 'deny', reason: 'person_mismatch', personId: 'ada', factors: ['fob', 'pin'], scores: {} }]);
  });

  test('an unknown card still asks for the PIN and the finger, then says no; a card swiped during the PIN step is ignored', () => {
    const r = run(seed, [
      { type: 'factor', result: bad('fob', 'nobody'), at: 0 },
      { type: 'factor', result: good('fob', 'bob'), at: 1000 },
      { type: 'factor', result: good('pin', 'ada'), at: 3000 },
      { type: 'factor', result: good('finger', 'ada'), at: 5000 },
    ]);
    assert.deepEqual(r.effects.map((es) => es.map(doorSees)), [
      [{ show: 'prompt', accept: ['pin'], until: 20_000 }],
      [],
      [{ show: 'prompt', accept: ['finger', 'face'], until: 18_000 }],
      [{ show: 'denied' }],
    ]);
    assert.deepEqual(r.all.at(-1), { type: 'deny', reason: 'unknown_credential', personId: null, factors: [], scores: {} });
  });

  test("today's modes as chains: pin_face asks the face within faceWindow, face_only decides on the face alone", () => {
    assert.deepEqual(chainSteps(chainForMode('pin_face', 7)), [
      { accept: ['pin'], timeoutMs: 20_000 },
      { accept: ['face'], timeoutMs: 7000 },
    ]);
    const faceOnly = settings(chainSteps(chainForMode('face_only')));
    assert.deepEqual(run(faceOnly, [{ type: 'factor', result: good('face', 'ada'), at: 0 }]).all, [{ type: 'grant', personId: 'ada', factors: ['face'], scores: { face: 0.8 }, duress: false }]);
    assert.deepEqual(run(faceOnly, [{ type: 'factor', result: bad('face', 'not_live'), at: 0 }]).all, [{ type: 'deny', reason: 'not_live', personId: 'ada', factors: [], scores: {} }]);
    assert.deepEqual(run(faceOnly, [{ type: 'factor', result: good('pin', 'ada'), at: 0 }]).all, [{ type: 'deny', reason: 'wrong_factor', personId: 'ada', factors: [], scores: {} }]);
  });

  test('the config schema takes the compact notation and refuses nonsense', () => {
    for (const ok of [['face'], ['fob', 'finger'], ['fob', 'pin', ['finger', 'face']], ['pin', { factors: ['face'], timeout: 8 }]]) assert.ok(Value.Check(ChainConfigSchema, ok), JSON.stringify(ok));
    for (const no of [[], ['iris'], [['pin', 'pin']], [[]], [{ factors: ['pin'] }], [{ factors: ['pin'], timeout: 0 }], ['pin', 'pin', 'pin', 'pin', 'pin', 'pin', 'pin'], 'pin']) {
      assert.ok(!Value.Check(ChainConfigSchema, no), JSON.stringify(no));
    }
    assert.deepEqual(chainSteps(['fob', 'pin', ['finger', 'face']]), [
      { accept: ['fob'], timeoutMs: 20_000 },
      { accept: ['pin'], timeoutMs: 20_000 },
      { accept: ['finger', 'face'], timeoutMs: 15_000 },
    ]);
  });
});
