// Challenge–response liveness, pure: the door draws a random action after the credential, the
// camera's burst is measured frame by frame, and this decides whether the face did that action,
// after the prompt, in time, and stayed the enrolled person's face while doing it.
//
// What it stops: a photo (it cannot act) and a pre-recorded video (it does the prompted actions,
// in order, after the prompt, only by chance: 1 in 5 for one action, 1 in 20 for two distinct
// ones). What it cannot stop: an attacker who sees the prompt and then plays clips of those very
// actions, or a live puppet; the passive cues are for those.
import { randomInt } from 'node:crypto';

export const ACTIONS = ['turn_left', 'turn_right', 'look_up', 'blink_twice', 'open_mouth'] as const;
export type ChallengeAction = (typeof ACTIONS)[number];

/** What the door asks, in words for the kiosk and an external display. */
export const PROMPTS: Record<ChallengeAction, string> = {
  turn_left: 'Turn your head to your left',
  turn_right: 'Turn your head to your right',
  look_up: 'Look up',
  blink_twice: 'Blink twice',
  open_mouth: 'Open your mouth',
};

/** The same, short enough for a 16-character LCD line. */
export const SHORT_PROMPTS: Record<ChallengeAction, string> = {
  turn_left: 'Turn head left',
  turn_right: 'Turn head right',
  look_up: 'Look up',
  blink_twice: 'Blink twice',
  open_mouth: 'Open mouth',
};

export interface Challenge {
  /** Done in this order; two in a row are never the same. */
  actions: ChallengeAction[];
  /** When the prompt was shown (ms, same clock as the frames). */
  promptedAt: number;
}

/** How many different challenges of `steps` actions from `actions` there are: a recording passes at most one. */
export const challengeCount = (steps: number, actions: number = ACTIONS.length): number => (steps < 1 ? 0 : actions * (actions - 1) ** (steps - 1));

/** The prompt in words: "Turn your head to your left, then blink twice". */
export const promptText = (c: Pick<Challenge, 'actions'>): string =>
  c.actions.map((a, i) => (i === 0 ? PROMPTS[a] : PROMPTS[a].charAt(0).toLowerCase() + PROMPTS[a].slice(1))).join(', then ');

/**
 * Draws `steps` actions from `from` with a CSPRNG (a recording cannot know them in advance), no
 * action twice in a row.
 */
export function drawChallenge(promptedAt: number, steps = 1, pick: (n: number) => number = randomInt, from: readonly ChallengeAction[] = ACTIONS): Challenge {
  if (!Number.isInteger(steps) || steps < 1 || steps > 5) throw new RangeError(`a challenge has 1 to 5 actions, not ${steps}`);
  if (new Set(from).size < 2) throw new RangeError('a challenge needs at least two different actions to draw from');
  const actions: ChallengeAction[] = [];
  for (let k = 0; k < steps; k++) {
    const choices = [...new Set(from)].filter((a) => a !== actions[k - 1]);
    const i = pick(choices.length);
    const action = choices[i];
    if (action === undefined) throw new RangeError(`challenge index ${i} out of range`);
    actions.push(action);
  }
  return { actions, promptedAt };
}

/** One analysed frame of the face at the door. */
export interface ChallengeFrame {
  at: number;
  /** Degrees; positive = the person turned to their own left. */
  yaw: number;
  /** Degrees; positive = looking up. */
  pitch: number;
  /** Eye opening over eye width (drops in a blink); null when not measured (no blink can be seen then). */
  eyes: number | null;
  /** Mouth opening over mouth width. */
  mouth: number;
  /** This frame's face matched the enrolled person (1:1). */
  match: boolean;
}

export interface ChallengeRules {
  /** No one reacts faster than this: motion that starts earlier was under way before the prompt. */
  minReactionMs: number;
  /** Each action must be complete this long after the prompt (or the previous action). */
  windowMs: number;
  /** Neutral frames taken from at most this long before the prompt. */
  baselineMs: number;
  turnDeg: number;
  pitchDeg: number;
  /** Rise of the mouth ratio over the neutral face. */
  mouthOpen: number;
  /** Eyes closed below this fraction of their neutral opening, open again above the second. */
  eyesClosed: number;
  eyesOpen: number;
  /** Fraction of an action's full size that counts as having started it. */
  startFraction: number;
  /**
   * Fraction of its full size at which another movement counts as doing another action (at most 1:
   * a finished action must count, or two challenges could pass one burst). Above startFraction,
   * because a big turn drags the pitch estimate along a little.
   */
  otherFraction: number;
  /** Longest gap between analysed frames from the neutral frame to the end of the action: a face swap must not hide in one. */
  maxGapMs: number;
}

export const DEFAULT_CHALLENGE_RULES: ChallengeRules = {
  minReactionMs: 200,
  windowMs: 3000,
  baselineMs: 800,
  turnDeg: 10,
  pitchDeg: 6,
  // Mouth and eyes as the face engine reads them (lips from the mesh, eye outlines from the iris
  // model), measured on the attack set's clips (eval/attacks.ts): lips a third of the eye distance
  // apart raise the mouth ratio by 0.13 to 0.46, every other movement by at most 0.04; a one-frame
  // blink leaves 35 to 63 % of the neutral eye opening, a turn or look up no less than 81 % (75 %
  // through a phone screen). A real blink shuts the eye further than that.
  mouthOpen: 0.15,
  eyesClosed: 0.7,
  eyesOpen: 0.85,
  startFraction: 0.5,
  otherFraction: 0.75,
  maxGapMs: 700,
};

export type ChallengeFailure = 'no_neutral_frame' | 'started_before_prompt' | 'not_done' | 'wrong_action' | 'face_changed' | 'frame_gap' | 'eyes_unmeasured';

export type ChallengeResult =
  | { pass: true; onsetMs: number; doneMs: number }
  | { pass: false; failure: ChallengeFailure; reason: string };

type Signal = 'left' | 'right' | 'up' | 'down' | 'mouth';

const median = (a: number[]): number => {
  const s = [...a].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

const fail = (failure: ChallengeFailure, reason: string): ChallengeResult => ({ pass: false, failure, reason });

/** Each movement's size relative to the neutral face, as a fraction of its full size (1 = done). */
function signals(f: ChallengeFrame, base: ChallengeFrame, r: ChallengeRules): Record<Signal, number> {
  return {
    left: (f.yaw - base.yaw) / r.turnDeg,
    right: (base.yaw - f.yaw) / r.turnDeg,
    up: (f.pitch - base.pitch) / r.pitchDeg,
    down: (base.pitch - f.pitch) / r.pitchDeg,
    mouth: (f.mouth - base.mouth) / r.mouthOpen,
  };
}

const MOVES: Record<ChallengeAction, Signal | null> = { turn_left: 'left', turn_right: 'right', look_up: 'up', open_mouth: 'mouth', blink_twice: null };
const SIGNALS: readonly Signal[] = ['left', 'right', 'up', 'down', 'mouth'];
const NAMES: Record<Signal, string> = { left: 'turned left', right: 'turned right', up: 'looked up', down: 'looked down', mouth: 'opened the mouth' };

/**
 * Did the burst do the challenge? The neutral face is taken from the frames just before the
 * person could have reacted; each action is measured from it and must be complete within the
 * window after the previous one (the first: after the prompt, not started before the person
 * could react). Until an action is done, no other movement may reach three quarters of an action's size,
 * nor may the eyes blink twice (the previous action may linger: the head comes back). So a
 * burst can pass at most one challenge of a given length: a recording of someone turning and
 * blinking does many things, but only in one order. Every frame from the neutral one to the end
 * must be the enrolled person's face, with no long gap between frames (a swap could hide there).
 */
export function checkChallenge(challenge: Challenge, burst: readonly ChallengeFrame[], rules: ChallengeRules = DEFAULT_CHALLENGE_RULES): ChallengeResult {
  const frames = [...burst].sort((a, b) => a.at - b.at);
  const p = challenge.promptedAt;
  const reactAt = p + rules.minReactionMs;
  const { actions } = challenge;
  if (!actions.length) return fail('not_done', 'the challenge has no action');
  const neutral = frames.filter((f) => f.at <= reactAt && f.at >= p - rules.baselineMs);
  if (!neutral.length) return fail('no_neutral_frame', 'no frame of the face from just before the prompt');
  const neutralEyes = neutral.flatMap((f) => (f.eyes === null ? [] : [f.eyes]));
  // A blink asked for cannot be judged on frames whose eyes were not measured: refused, never passed
  // (nor failed as "not done": the person may well have blinked).
  if (actions.includes('blink_twice') && (!neutralEyes.length || frames.some((f) => f.at > reactAt && f.eyes === null))) {
    return fail('eyes_unmeasured', 'the eyes were not measured on the frames, so a blink cannot be seen');
  }
  const base: ChallengeFrame = {
    at: p,
    yaw: median(neutral.map((f) => f.yaw)),
    pitch: median(neutral.map((f) => f.pitch)),
    eyes: neutralEyes.length ? median(neutralEyes) : null,
    mouth: median(neutral.map((f) => f.mouth)),
    match: true,
  };
  const first = MOVES[actions[0] as ChallengeAction];
  // A movement already half done when the person could not yet have reacted: the face was moving anyway.
  if (first && neutral.some((f) => signals(f, base, rules)[first] >= rules.startFraction)) {
    return fail('started_before_prompt', `the face ${NAMES[first]} before it could have seen the prompt`);
  }
  let step = 0;
  let stepFrom = p;
  let onset: ChallengeFrame | undefined;
  let done: ChallengeFrame | undefined;
  let blinks = 0;
  let closed = false;
  const notDone = (action: ChallengeAction): ChallengeResult => {
    const target = MOVES[action];
    const what = target ? `never ${NAMES[target]} far enough` : `blinked ${blinks} time${blinks === 1 ? '' : 's'}`;
    return fail('not_done', `within ${(rules.windowMs / 1000).toFixed(1)} s ${step ? `of the previous action` : 'of the prompt'} the face ${what}`);
  };
  for (const f of frames) {
    if (f.at <= reactAt) continue;
    const action = actions[step] as ChallengeAction;
    if (f.at > stepFrom + rules.windowMs) return notDone(action);
    const target = MOVES[action];
    const previous = step ? MOVES[actions[step - 1] as ChallengeAction] : null;
    const s = signals(f, base, rules);
    const other = SIGNALS.find((k) => k !== target && k !== previous && s[k] >= rules.otherFraction);
    if (other) return fail('wrong_action', `asked to ${PROMPTS[action].toLowerCase()}, the face ${NAMES[other]}`);
    // Blinks are counted whatever was asked: two of them are the blink action, done or not asked for.
    // (Where the eyes are not measured, no blink can be asked: the door's draw has none.)
    if (f.eyes !== null && base.eyes !== null) {
      if (!closed && f.eyes < rules.eyesClosed * base.eyes) {
        closed = true;
        if (!target && step === 0) onset ??= f;
      } else if (closed && f.eyes > rules.eyesOpen * base.eyes) {
        closed = false;
        blinks++;
      }
    }
    if (target) {
      if (blinks >= 2) return fail('wrong_action', `asked to ${PROMPTS[action].toLowerCase()}, the face blinked twice`);
      if (step === 0 && !onset && s[target] >= rules.startFraction) onset = f;
    }
    if (target ? s[target] >= 1 : blinks === 2) {
      step++;
      stepFrom = f.at;
      blinks = 0;
      if (step === actions.length) {
        done = f;
        break;
      }
    }
  }
  if (!done || !onset) return notDone(actions[Math.min(step, actions.length - 1)] as ChallengeAction);
  // Identity and continuity over the actions themselves: from the last neutral frame to the end.
  const lastNeutral = neutral[neutral.length - 1] as ChallengeFrame;
  const end = done.at;
  const span = frames.filter((f) => f.at >= lastNeutral.at && f.at <= end);
  if (span.some((f) => !f.match)) return fail('face_changed', 'a frame of the action did not match the enrolled face');
  for (let i = 1; i < span.length; i++) {
    const gap = (span[i] as ChallengeFrame).at - (span[i - 1] as ChallengeFrame).at;
    if (gap > rules.maxGapMs) return fail('frame_gap', `${gap} ms without a frame during the action`);
  }
  return { pass: true, onsetMs: onset.at - p, doneMs: end - p };
}
