// A door's factor chain as a pure state machine: an ordered list of steps, each a set of accepted
// factors with its own timeout ([fob, pin, [finger, face]] is the seed's door). Lookups happen
// outside (PIN and fob hashes, the fingerprint sensor's search, the face engine); this module only
// decides. Time enters through the inputs' `at`, nothing here does I/O.
//
// Rules that hold for every chain (property-tested in test/core/factorChain.test.ts):
// - a grant needs one passing factor for every step, in order, all of the same person, each in time;
// - a failure at any step looks the same at the door: the remaining steps are still prompted, and
//   the answer comes only after the last one (or its timeout);
// - a duress factor (duress PIN, emergency finger) that identifies someone raises a silent alarm at
//   once, whatever the chain, and still opens the door when the rest of the chain passes.
import Type, { type Static } from 'typebox';

export const CHAIN_FACTORS = ['pin', 'fob', 'finger', 'face'] as const;
export type ChainFactor = (typeof CHAIN_FACTORS)[number];

export interface ChainStep {
  /** Any one of these passes the step. */
  accept: readonly ChainFactor[];
  /** How long the door waits for this step once the previous one is done (ignored for the first step: the door waits there for ever). */
  timeoutMs: number;
}

export interface ChainSettings {
  steps: readonly ChainStep[];
  /** Consecutive counted failures that lock the terminal. */
  maxFailures: number;
  /** First lockout, doubled for each further lockout before a grant, ms. */
  lockoutBaseMs: number;
  lockoutMaxMs: number;
}

/** What the lookup outside found for one presented factor. */
export type FactorResult =
  | {
      factor: 'pin' | 'fob';
      /** Whose credential it is, or null when it matched nobody. */
      personId: string | null;
      /** A duress PIN. */
      duress: boolean;
      /** The person's schedule allows this door now. */
      scheduleOk: boolean;
    }
  | {
      factor: 'finger';
      /** Whose finger the sensor found (its slot looked up in the store), or null. */
      personId: string | null;
      /** The person's emergency finger. */
      duress: boolean;
      scheduleOk: boolean;
      /** The sensor's match score, when it found one. */
      score: number | null;
    }
  | {
      factor: 'face';
      /** With a candidate: the candidate when the camera verified them (1:1), else null. Without: whom the face belongs to (1:N), or null. */
      personId: string | null;
      live: boolean;
      scheduleOk: boolean;
      score: number | null;
    };

export type ChainDenyReason =
  | 'wrong_factor'
  | 'unknown_credential'
  | 'unknown_finger'
  | 'unknown_face'
  | 'person_mismatch'
  | 'face_mismatch'
  | 'not_live'
  | 'outside_schedule'
  | 'timeout'
  | 'locked_out';

export type ChainScores = Partial<Record<'finger' | 'face', number>>;

export type ChainState =
  | { phase: 'idle'; failures: number; lockouts: number }
  | {
      phase: 'running';
      failures: number;
      lockouts: number;
      /** Index of the step the door waits for. */
      step: number;
      deadline: number;
      /** Whom the first identifying step found; later steps must be the same person. Null when it found nobody. */
      candidate: string | null;
      /** Factors that passed so far, one per step. */
      passed: ChainFactor[];
      scores: ChainScores;
      /** A duress factor of the candidate passed: the grant is flagged. */
      duress: boolean;
      /** DuressAlarm already raised in this attempt (once is enough). */
      alarmed: boolean;
      /** Set once a step failed: the chain goes on to the end, then denies with this reason. */
      doomed: ChainDenyReason | null;
    }
  | { phase: 'locked_out'; failures: number; lockouts: number; deadline: number };

export type ChainInput = { type: 'factor'; result: FactorResult; at: number } | { type: 'tick'; at: number };

export type ChainEffect =
  /** Show the prompt for this step; `candidate` is for the terminal only (1:1 face verify), never for the screen. */
  | { type: 'prompt'; step: number; accept: readonly ChainFactor[]; until: number; candidate: string | null }
  | { type: 'grant'; personId: string; factors: ChainFactor[]; scores: ChainScores; duress: boolean }
  | { type: 'deny'; reason: ChainDenyReason; personId: string | null; factors: ChainFactor[]; scores: ChainScores }
  /** Silent: log DuressAlarm and alert, show nothing different at the door. */
  | { type: 'duress'; personId: string; factor: 'pin' | 'finger' }
  | { type: 'lockout'; until: number; lockouts: number };

export interface ChainStepResult {
  state: ChainState;
  effects: ChainEffect[];
}

export const initialChain: ChainState = { phase: 'idle', failures: 0, lockouts: 0 };

/** Denials that look like guessing count towards a lockout; a known person at the wrong time or with the wrong kind of credential does not. */
const COUNTS: Record<ChainDenyReason, boolean> = {
  unknown_credential: true,
  unknown_finger: true,
  unknown_face: true,
  person_mismatch: true,
  face_mismatch: true,
  not_live: true,
  timeout: true,
  wrong_factor: false,
  outside_schedule: false,
  locked_out: false,
};

type Running = Extract<ChainState, { phase: 'running' }>;

function deny(s: ChainState, reason: ChainDenyReason, personId: string | null, factors: ChainFactor[], scores: ChainScores, at: number, cfg: ChainSettings, before: ChainEffect[] = []): ChainStepResult {
  const effects: ChainEffect[] = [...before, { type: 'deny', reason, personId, factors, scores }];
  const failures = s.failures + (COUNTS[reason] ? 1 : 0);
  if (failures >= cfg.maxFailures) {
    const until = at + Math.min(cfg.lockoutMaxMs, cfg.lockoutBaseMs * 2 ** s.lockouts);
    effects.push({ type: 'lockout', until, lockouts: s.lockouts + 1 });
    return { state: { phase: 'locked_out', failures: 0, lockouts: s.lockouts + 1, deadline: until }, effects };
  }
  return { state: { phase: 'idle', failures, lockouts: s.lockouts }, effects };
}

/** Why this presented factor fails for this candidate, or null when it passes. */
function verdict(r: FactorResult, candidate: string | null, first: boolean): ChainDenyReason | null {
  if (!r.personId) {
    if (r.factor === 'face') return first ? 'unknown_face' : 'face_mismatch';
    return r.factor === 'finger' ? 'unknown_finger' : 'unknown_credential';
  }
  if (!first && r.personId !== candidate) return r.factor === 'face' ? 'face_mismatch' : 'person_mismatch';
  if (r.factor === 'face' && !r.live) return 'not_live';
  if (!r.scheduleOk) return 'outside_schedule';
  return null;
}

function duressOf(r: FactorResult): { personId: string; factor: 'pin' | 'finger' } | null {
  if ((r.factor === 'pin' || r.factor === 'finger') && r.duress && r.personId) return { personId: r.personId, factor: r.factor };
  return null;
}

function withScore(scores: ChainScores, r: FactorResult): ChainScores {
  if ((r.factor === 'finger' || r.factor === 'face') && r.score !== null) return { ...scores, [r.factor]: r.score };
  return scores;
}

/** The step after `s.step` is done: prompt the next, or answer when it was the last. */
function advance(s: Running, at: number, cfg: ChainSettings, effects: ChainEffect[]): ChainStepResult {
  const next = s.step + 1;
  const step = cfg.steps[next];
  if (!step) {
    if (s.doomed || !s.candidate) return deny(s, s.doomed ?? 'unknown_credential', s.candidate, s.passed, s.scores, at, cfg, effects);
    return {
      state: { phase: 'idle', failures: 0, lockouts: 0 },
      effects: [...effects, { type: 'grant', personId: s.candidate, factors: s.passed, scores: s.scores, duress: s.duress }],
    };
  }
  const until = at + step.timeoutMs;
  return {
    state: { ...s, step: next, deadline: until },
    effects: [...effects, { type: 'prompt', step: next, accept: step.accept, until, candidate: s.candidate }],
  };
}

export function stepChain(s: ChainState, input: ChainInput, cfg: ChainSettings): ChainStepResult {
  const none: ChainStepResult = { state: s, effects: [] };
  if (s.phase === 'locked_out') {
    if (input.type === 'tick') return input.at >= s.deadline ? { state: { phase: 'idle', failures: 0, lockouts: s.lockouts }, effects: [] } : none;
    // Even locked out, a duress code is a cry for help.
    const d = duressOf(input.result);
    const alarm: ChainEffect[] = d ? [{ type: 'duress', ...d }] : [];
    return { state: s, effects: [...alarm, { type: 'deny', reason: 'locked_out', personId: null, factors: [], scores: {} }] };
  }
  if (input.type === 'tick') {
    if (s.phase === 'running' && input.at >= s.deadline) return deny(s, s.doomed ?? 'timeout', s.candidate, s.passed, s.scores, input.at, cfg);
    return none;
  }
  const r = input.result;
  const d = duressOf(r);
  const alarmed = s.phase === 'running' && s.alarmed;
  const alarm: ChainEffect[] = d && !alarmed ? [{ type: 'duress', ...d }] : [];

  if (s.phase === 'idle') {
    const first = cfg.steps[0];
    if (!first || !first.accept.includes(r.factor)) return deny(s, 'wrong_factor', r.personId, [], {}, input.at, cfg, alarm);
    const failed = verdict(r, null, true);
    const running: Running = {
      phase: 'running',
      failures: s.failures,
      lockouts: s.lockouts,
      step: 0,
      deadline: input.at,
      candidate: r.personId,
      passed: failed ? [] : [r.factor],
      scores: failed ? {} : withScore({}, r),
      duress: !failed && d !== null,
      alarmed: d !== null,
      doomed: failed,
    };
    return advance(running, input.at, cfg, alarm);
  }

  // Running: a factor this step does not take is noise (a card swiped while the PIN is typed), except a duress one.
  const step = cfg.steps[s.step];
  if (input.at > s.deadline) return deny(s, s.doomed ?? 'timeout', s.candidate, s.passed, s.scores, input.at, cfg, alarm);
  if (!step || !step.accept.includes(r.factor)) return { state: { ...s, alarmed: alarmed || d !== null }, effects: alarm };
  const failed = s.doomed ?? (s.candidate ? verdict(r, s.candidate, false) : 'unknown_credential');
  const running: Running = {
    ...s,
    alarmed: alarmed || d !== null,
    doomed: failed,
    passed: failed ? s.passed : [...s.passed, r.factor],
    scores: failed ? s.scores : withScore(s.scores, r),
    duress: s.duress || (!failed && d !== null),
  };
  return advance(running, input.at, cfg, alarm);
}

/** What the person at the door can see of an effect: the prompt and the answer, nothing of why. */
export type DoorSees = { show: 'prompt'; accept: readonly ChainFactor[]; until: number } | { show: 'granted' } | { show: 'denied' } | { show: 'locked_out'; until: number } | null;

export function doorSees(e: ChainEffect): DoorSees {
  switch (e.type) {
    case 'prompt':
      return { show: 'prompt', accept: e.accept, until: e.until };
    case 'grant':
      return { show: 'granted' };
    case 'deny':
      return { show: 'denied' };
    case 'lockout':
      return { show: 'locked_out', until: e.until };
    case 'duress':
      return null;
  }
}

// --- Configuration -------------------------------------------------------------------------------

/** Seconds a step waits by default: time to find a card or type a PIN is longer than a glance at the camera. */
export const DEFAULT_STEP_TIMEOUT_S: Record<ChainFactor, number> = { fob: 20, pin: 20, finger: 15, face: 5 };

const FactorName = Type.Enum(CHAIN_FACTORS, { description: 'pin (keypad or kiosk), fob (RFID card or fob: Wiegand, USB, MFRC522), finger (fingerprint sensor), face (camera)' });
const FactorSet = Type.Array(FactorName, { minItems: 1, maxItems: CHAIN_FACTORS.length, uniqueItems: true });

export const ChainStepConfigSchema = Type.Union([
  FactorName,
  FactorSet,
  Type.Object(
    {
      factors: FactorSet,
      timeout: Type.Number({ minimum: 1, maximum: 300, description: 'seconds the door waits for this step after the previous one' }),
    },
    { additionalProperties: false },
  ),
]);

/** A door's chain, e.g. `[fob, pin, [finger, face]]`; a step is one factor, a list of alternatives, or `{factors, timeout}`. */
export const ChainConfigSchema = Type.Array(ChainStepConfigSchema, {
  minItems: 1,
  maxItems: 6,
  description: 'ordered steps; each step accepts any one of its factors, e.g. [fob, pin, [finger, face]]',
});
export type ChainConfig = Static<typeof ChainConfigSchema>;

/** The validated config as the machine's steps, default timeouts filled in. */
export function chainSteps(config: ChainConfig): ChainStep[] {
  return config.map((step) => {
    const accept = typeof step === 'string' ? [step] : Array.isArray(step) ? [...step] : [...step.factors];
    const seconds = typeof step === 'object' && !Array.isArray(step) ? step.timeout : Math.max(...accept.map((f) => DEFAULT_STEP_TIMEOUT_S[f]));
    return { accept, timeoutMs: seconds * 1000 };
  });
}

/** Today's door modes as chains, so that a door configured with `mode` runs the same machine. */
export function chainForMode(mode: 'pin_face' | 'fob_face' | 'face_only' | 'pin_only', faceWindowS = DEFAULT_STEP_TIMEOUT_S.face): ChainConfig {
  const face = { factors: ['face' as const], timeout: faceWindowS };
  switch (mode) {
    case 'pin_face':
      return ['pin', face];
    case 'fob_face':
      return ['fob', face];
    case 'face_only':
      return ['face'];
    case 'pin_only':
      return ['pin'];
  }
}
