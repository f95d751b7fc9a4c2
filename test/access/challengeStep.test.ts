import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ChallengeStep, livenessMode, type DoorPrompt, type SessionFrame } from '../../src/access/challengeStep.ts';
import { rotatedMesh } from '../meshMotion.ts';

const P = 50_000;

/** A real mesh acting: neutral until 400 ms after P, then turning left (25 degrees by 1000 ms), then looking up from 1600 ms. */
function frames(o: { swapAt?: number; scores?: number } = {}): SessionFrame[] {
  const out: SessionFrame[] = [];
  for (let t = -600; t <= 3000; t += 200) {
    const left = Math.max(0, Math.min(1, (t - 400) / 600)) - Math.max(0, Math.min(1, (t - 1600) / 600));
    const up = Math.max(0, Math.min(1, (t - 1600) / 600));
    out.push({ at: P + t, mesh: rotatedMesh(25 * left, 18 * up), irisMesh: null, match: t !== o.swapAt, antispoof: o.scores ?? 0.9, liveness: o.scores ?? 0.9 });
  }
  return out;
}

function step(pickSeq: number[], isLive = (s: { antispoof: number }) => s.antispoof >= 0.3) {
  const published: Array<DoorPrompt | null> = [];
  const picks = [...pickSeq];
  const s = new ChallengeStep({ doorId: 'front', steps: pickSeq.length, isLive, publish: (p) => published.push(p), pick: () => picks.shift() ?? 0 });
  return { s, published };
}

test('the mode: as configured, else a challenge where the kiosk can show it', () => {
  assert.equal(livenessMode({ kiosk: true }), 'challenge');
  assert.equal(livenessMode({ kiosk: false }), 'passive');
  assert.equal(livenessMode({ kiosk: true, liveness: 'passive' }), 'passive');
  assert.equal(livenessMode({ kiosk: false, liveness: 'challenge' }), 'challenge');
});

test('begin shows the drawn prompt on every display, end takes it off', () => {
  // turn_left, then (from the four others) look_up.
  const { s, published } = step([0, 1]);
  assert.equal(s.prompt(), null);
  const c = s.begin(P, P + 5000);
  assert.deepEqual(c, { actions: ['turn_left', 'look_up'], promptedAt: P });
  const shown = { doorId: 'front', text: 'Turn your head to your left, then look up', actions: ['turn_left', 'look_up'], until: P + 5000 };
  assert.deepEqual(s.prompt(), shown);
  s.end();
  s.end();
  assert.deepEqual(published, [shown, null], 'one prompt, taken off once');
  assert.equal(s.prompt(), null);
});

test('a real mesh doing the asked actions passes; the wrong order, a swapped face, or photo-like scores do not', () => {
  const { s } = step([0, 1]);
  s.begin(P, P + 5000);
  const ok = s.judge(frames());
  assert.ok(ok.pass, JSON.stringify(ok));
  assert.equal(s.judge(frames({ swapAt: 1200 })).pass ? '' : (s.judge(frames({ swapAt: 1200 })) as { failure: string }).failure, 'face_changed');
  const flat = s.judge(frames({ scores: 0.1 }));
  assert.deepEqual(flat, { pass: false, failure: 'single_frame', reason: 'the single-frame antispoof check failed' });

  const other = step([2, 0]);
  other.s.begin(P, P + 5000);
  assert.equal(other.s.judge(frames()).pass, false, 'asked to look up first, the face turned left');
});

test('with no challenge asked, nothing passes', () => {
  const { s } = step([0]);
  assert.equal(s.judge(frames()).pass, false);
  s.begin(P, P + 5000);
  s.end();
  assert.equal(s.judge(frames()).pass, false);
});

test('a door that may ask for a blink needs the iris model on every challenge frame; one that never does, on none', () => {
  assert.equal(step([0]).s.needsEyes, true, 'all actions (the default) include the blink');
  const noBlink = new ChallengeStep({ doorId: 'front', steps: 1, actions: ['turn_left', 'look_up'], isLive: () => true, publish: () => undefined });
  assert.equal(noBlink.needsEyes, false);
  const blink = new ChallengeStep({ doorId: 'front', steps: 1, actions: ['turn_left', 'blink_twice'], isLive: () => true, publish: () => undefined });
  assert.equal(blink.needsEyes, true);
});
