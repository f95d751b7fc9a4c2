import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ACTIONS, checkChallenge, DEFAULT_CHALLENGE_RULES as R, drawChallenge, type ChallengeAction, type ChallengeFrame } from '../../src/core/challenge.ts';

const NEUTRAL = { yaw: 2, pitch: -3, eyes: 0.3, mouth: 0.05 };
const P = 10_000;

/** A person doing `action` after the prompt at P: neutral frames, then a ramp from `onset` to `full` ms after P, then held. */
function acting(action: ChallengeAction, o: { onset?: number; full?: number; fps?: number; until?: number; from?: number } = {}): ChallengeFrame[] {
  const onset = o.onset ?? 500, full = o.full ?? 1100, step = 1000 / (o.fps ?? 10);
  const out: ChallengeFrame[] = [];
  for (let t = o.from ?? -600; t <= (o.until ?? 2500); t += step) {
    const k = Math.max(0, Math.min(1, (t - onset) / (full - onset)));
    const f: ChallengeFrame = { at: P + t, ...NEUTRAL, match: true };
    if (action === 'turn_left') f.yaw += 25 * k;
    if (action === 'turn_right') f.yaw -= 25 * k;
    if (action === 'look_up') f.pitch += 15 * k;
    if (action === 'open_mouth') f.mouth += 0.5 * k;
    // Two blinks: eyes shut for one frame at onset and again 400 ms later.
    if (action === 'blink_twice' && (Math.abs(t - onset) < step / 2 || Math.abs(t - onset - 400) < step / 2)) f.eyes = 0.05;
    out.push(f);
  }
  return out;
}

test('each action done after the prompt passes its own prompt and no other', () => {
  for (const done of ACTIONS) {
    for (const asked of ACTIONS) {
      const r = checkChallenge({ action: asked, promptedAt: P }, acting(done));
      assert.equal(r.pass, done === asked, `did ${done}, asked ${asked}: ${JSON.stringify(r)}`);
      if (done !== asked) assert.equal(r.pass ? '' : r.failure, 'wrong_action', `did ${done}, asked ${asked}`);
    }
  }
});

test('the reason names the movement and the timing', () => {
  const r = checkChallenge({ action: 'turn_left', promptedAt: P }, acting('turn_right'));
  assert.deepEqual(r, { pass: false, failure: 'wrong_action', reason: 'asked to turn your head to your left, the face turned right' });
  const ok = checkChallenge({ action: 'turn_left', promptedAt: P }, acting('turn_left'));
  assert.ok(ok.pass && ok.onsetMs >= R.minReactionMs && ok.doneMs <= R.windowMs, JSON.stringify(ok));
  assert.deepEqual(checkChallenge({ action: 'blink_twice', promptedAt: P }, acting('blink_twice', { until: 600 })), {
    pass: false,
    failure: 'not_done',
    reason: 'within 3.5 s of the prompt the face blinked 1 time',
  });
});

test('a movement under way before the person could have seen the prompt is a recording, not an answer', () => {
  for (const action of ['turn_left', 'turn_right', 'look_up', 'open_mouth'] as const) {
    const r = checkChallenge({ action, promptedAt: P }, acting(action, { onset: -400, full: 200 }));
    assert.equal(r.pass ? '' : r.failure, 'started_before_prompt', action);
  }
});

test('too slow, too small or out of view: not done', () => {
  assert.equal(checkChallenge({ action: 'turn_left', promptedAt: P }, acting('turn_left', { onset: 3200, full: 4200, until: 5000 })).pass, false);
  const small = acting('turn_left').map((f) => ({ ...f, yaw: NEUTRAL.yaw + (f.yaw - NEUTRAL.yaw) * 0.4 }));
  assert.equal(checkChallenge({ action: 'turn_left', promptedAt: P }, small).pass, false);
  assert.equal(checkChallenge({ action: 'turn_left', promptedAt: P }, acting('turn_left', { until: 650 })).pass, false);
});

test('no frame from just before the prompt: no neutral face to compare with', () => {
  const r = checkChallenge({ action: 'turn_left', promptedAt: P }, acting('turn_left', { from: 300 }));
  assert.equal(r.pass ? '' : r.failure, 'no_neutral_frame');
  assert.equal(checkChallenge({ action: 'turn_left', promptedAt: P }, []).pass, false);
});

test('a face that stops matching during the action fails, even for one frame (no swap mid-burst)', () => {
  fc.assert(
    fc.property(fc.constantFrom(...ACTIONS), fc.nat(), (action, pick) => {
      const frames = acting(action);
      const ok = checkChallenge({ action, promptedAt: P }, frames);
      assert.ok(ok.pass);
      // Any frame from the last neutral one (the one just before the person can react) to the end of the action.
      const span = frames.filter((f) => f.at >= P + R.minReactionMs && f.at <= P + ok.doneMs);
      const victim = span[pick % span.length] as ChallengeFrame;
      const swapped = frames.map((f) => (f === victim ? { ...f, match: false } : f));
      const r = checkChallenge({ action, promptedAt: P }, swapped);
      assert.equal(r.pass ? '' : r.failure, 'face_changed');
    }),
  );
  // After the action is done, the face is no longer the challenge's business (tailgating watches that).
  const late = acting('turn_left').map((f) => (f.at > P + 2000 ? { ...f, match: false } : f));
  assert.equal(checkChallenge({ action: 'turn_left', promptedAt: P }, late).pass, true);
});

test('a gap in the frames during the action fails: a swap could hide in it', () => {
  const frames = acting('turn_left').filter((f) => f.at < P + 300 || f.at > P + 1050);
  const r = checkChallenge({ action: 'turn_left', promptedAt: P }, frames);
  assert.equal(r.pass ? '' : r.failure, 'frame_gap');
});

test('frames may arrive out of order', () => {
  const frames = acting('look_up').reverse();
  assert.equal(checkChallenge({ action: 'look_up', promptedAt: P }, frames).pass, true);
});

test('two blinks asked for a turn is another action; one blink is allowed', () => {
  const blinkTwiceThenTurn = acting('turn_left', { onset: 1200, full: 1800 }).map((f) => ({ ...f, eyes: acting('blink_twice', { onset: 300 }).find((g) => g.at === f.at)?.eyes ?? f.eyes }));
  assert.equal(checkChallenge({ action: 'turn_left', promptedAt: P }, blinkTwiceThenTurn).pass, false);
  const oneBlink = acting('turn_left').map((f) => (f.at === P + 400 ? { ...f, eyes: 0.05 } : f));
  assert.equal(checkChallenge({ action: 'turn_left', promptedAt: P }, oneBlink).pass, true);
});

// The odds: whatever a recording does, it can pass at most one of the prompts, so a random prompt
// lets it through with probability at most 1 / ACTIONS.length.
const arbFrame = fc.record({
  at: fc.integer({ min: P - 1000, max: P + 4000 }),
  yaw: fc.double({ min: -40, max: 40, noNaN: true }),
  pitch: fc.double({ min: -30, max: 30, noNaN: true }),
  eyes: fc.double({ min: 0, max: 0.5, noNaN: true }),
  mouth: fc.double({ min: 0, max: 1, noNaN: true }),
  match: fc.boolean(),
});

test('property: any burst passes at most one of the prompts', () => {
  fc.assert(
    fc.property(fc.array(arbFrame, { maxLength: 40 }), (frames) => {
      const passed = ACTIONS.filter((action) => checkChallenge({ action, promptedAt: P }, frames).pass);
      assert.ok(passed.length <= 1, passed.join(', '));
    }),
    { numRuns: 3000 },
  );
  // Also on bursts that are mostly real actions with noise, where passing is common.
  fc.assert(
    fc.property(fc.constantFrom(...ACTIONS), fc.constantFrom(...ACTIONS), fc.integer({ min: 200, max: 2000 }), fc.integer({ min: -400, max: 1500 }), (a, b, gap, shift) => {
      const first = acting(a);
      const second = acting(b, { onset: 500 + gap, full: 1100 + gap, until: 4000 });
      const mixed = second.map((f, i) => {
        const g = first[i] ?? first[first.length - 1] as ChallengeFrame;
        return { ...f, at: f.at + shift, yaw: g.yaw + f.yaw - NEUTRAL.yaw, pitch: g.pitch + f.pitch - NEUTRAL.pitch, eyes: Math.min(g.eyes, f.eyes), mouth: g.mouth + f.mouth - NEUTRAL.mouth };
      });
      const passed = ACTIONS.filter((action) => checkChallenge({ action, promptedAt: P }, mixed).pass);
      assert.ok(passed.length <= 1, `${a} then ${b}: ${passed.join(', ')}`);
    }),
  );
});

test('property: the verdict does not depend on the clock (shifting the prompt and the frames together)', () => {
  fc.assert(
    fc.property(fc.constantFrom(...ACTIONS), fc.constantFrom(...ACTIONS), fc.integer({ min: -1e9, max: 1e9 }), (done, asked, shift) => {
      const frames = acting(done).map((f) => ({ ...f, at: f.at + shift }));
      assert.deepEqual(checkChallenge({ action: asked, promptedAt: P + shift }, frames), checkChallenge({ action: asked, promptedAt: P }, acting(done)));
    }),
  );
});

test('drawChallenge: every action can come up, chosen by the random source; nothing else', () => {
  assert.deepEqual(ACTIONS.map((_, i) => drawChallenge(5, () => i).action), [...ACTIONS]);
  assert.equal(drawChallenge(5, () => 0).promptedAt, 5);
  assert.throws(() => drawChallenge(5, () => ACTIONS.length), RangeError);
  const seen = new Set(Array.from({ length: 200 }, () => drawChallenge(0).action));
  assert.equal(seen.size, ACTIONS.length, 'the CSPRNG draws all of them');
});
