// The door terminal's decision, as a pure state machine: credentials and face verdicts in, grants,
// denials and lockouts out. The terminal service (camera, keypad, lock) feeds it and acts on it;
// time only enters through the inputs' `at`.

export const DOOR_MODES = ['pin_face', 'fob_face', 'face_only', 'pin_only'] as const;
export type DoorMode = (typeof DOOR_MODES)[number];
export type Factor = 'pin' | 'fob' | 'face';

export interface AccessSettings {
  mode: DoorMode;
  /** How long the camera may look for the face after a credential, ms. */
  faceWindowMs: number;
  /** Consecutive failures that lock the terminal. */
  maxFailures: number;
  /** First lockout, doubled for each further lockout before a success, ms. */
  lockoutBaseMs: number;
  lockoutMaxMs: number;
}

/** What the credential lookup found (done outside: PIN hashes, fob ids, schedules). */
export interface CredentialResult {
  factor: 'pin' | 'fob';
  /** The person whose credential matched, or null. */
  personId: string | null;
  /** The person's duress PIN: open as usual, alarm silently. */
  duress: boolean;
  /** The person's schedule allows this door now. */
  scheduleOk: boolean;
}

/** The camera's verdict over its burst (done outside: 1:1 verify or 1:N identify, liveness). */
export interface FaceResult {
  /** 1:1: the candidate's face was seen; face_only: whom the face belongs to, or null. */
  personId: string | null;
  score: number;
  live: boolean;
}

export type AccessState =
  | { phase: 'idle'; failures: number; lockouts: number }
  | {
      phase: 'awaiting_face';
      failures: number;
      lockouts: number;
      /** Null when the credential matched nobody: the door still asks for a face, so a prober cannot tell. */
      personId: string | null;
      factor: 'pin' | 'fob';
      duress: boolean;
      /** Set when the credential already failed (unknown, outside schedule): the face only ends the attempt. */
      doomed: DenyReason | null;
      deadline: number;
    }
  | { phase: 'locked_out'; failures: number; lockouts: number; deadline: number };

export type AccessInput =
  | { type: 'credential'; result: CredentialResult; at: number }
  | { type: 'face'; result: FaceResult; at: number }
  | { type: 'tick'; at: number };

export type DenyReason = 'unknown_credential' | 'wrong_factor' | 'outside_schedule' | 'face_mismatch' | 'not_live' | 'unknown_face' | 'timeout' | 'locked_out';

export type AccessEffect =
  /** Shown the same at the door whether the credential was good or not. */
  | { type: 'await_face'; personId: string | null; until: number }
  | { type: 'grant'; personId: string; factors: Factor[]; score: number | null; duress: boolean }
  | { type: 'deny'; reason: DenyReason; personId: string | null; factors: Factor[] }
  | { type: 'lockout'; until: number; lockouts: number };

export interface AccessStep {
  state: AccessState;
  effects: AccessEffect[];
}

export const initialAccess: AccessState = { phase: 'idle', failures: 0, lockouts: 0 };

/** Denials that look like guessing count towards a lockout; a known person at the wrong time or with the wrong kind of credential does not. */
const COUNTS: Record<DenyReason, boolean> = {
  unknown_credential: true,
  face_mismatch: true,
  not_live: true,
  unknown_face: true,
  timeout: true,
  wrong_factor: false,
  outside_schedule: false,
  locked_out: false,
};

function deny(s: AccessState, reason: DenyReason, personId: string | null, factors: Factor[], at: number, cfg: AccessSettings): AccessStep {
  const effects: AccessEffect[] = [{ type: 'deny', reason, personId, factors }];
  const failures = s.failures + (COUNTS[reason] ? 1 : 0);
  if (failures >= cfg.maxFailures) {
    const until = at + Math.min(cfg.lockoutMaxMs, cfg.lockoutBaseMs * 2 ** s.lockouts);
    effects.push({ type: 'lockout', until, lockouts: s.lockouts + 1 });
    return { state: { phase: 'locked_out', failures: 0, lockouts: s.lockouts + 1, deadline: until }, effects };
  }
  return { state: { phase: 'idle', failures, lockouts: s.lockouts }, effects };
}

/** The factors that checked out so far: none when the credential matched nobody. */
const passed = (s: Extract<AccessState, { phase: 'awaiting_face' }>): Factor[] => (s.doomed === 'unknown_credential' ? [] : [s.factor]);

const granted = (personId: string, factors: Factor[], score: number | null, duress: boolean): AccessStep => ({
  state: { phase: 'idle', failures: 0, lockouts: 0 },
  effects: [{ type: 'grant', personId, factors, score, duress }],
});

export function stepAccess(s: AccessState, input: AccessInput, cfg: AccessSettings): AccessStep {
  const none: AccessStep = { state: s, effects: [] };
  if (s.phase === 'locked_out') {
    if (input.type === 'tick') return input.at >= s.deadline ? { state: { phase: 'idle', failures: 0, lockouts: s.lockouts }, effects: [] } : none;
    return { state: s, effects: [{ type: 'deny', reason: 'locked_out', personId: null, factors: [] }] };
  }
  switch (input.type) {
    case 'tick':
      if (s.phase === 'awaiting_face' && input.at >= s.deadline) return deny(s, s.doomed ?? 'timeout', s.personId, passed(s), input.at, cfg);
      return none;
    case 'credential': {
      const r = input.result;
      if (cfg.mode === 'face_only') return deny(s, 'wrong_factor', null, [r.factor], input.at, cfg);
      const wanted = cfg.mode === 'fob_face' ? 'fob' : 'pin';
      if (r.factor !== wanted) return deny(s, 'wrong_factor', r.personId, [r.factor], input.at, cfg);
      const doomed: DenyReason | null = !r.personId ? 'unknown_credential' : !r.scheduleOk ? 'outside_schedule' : null;
      if (cfg.mode === 'pin_only') return doomed || !r.personId ? deny(s, doomed ?? 'unknown_credential', r.personId, doomed === 'unknown_credential' ? [] : ['pin'], input.at, cfg) : granted(r.personId, ['pin'], null, r.duress);
      // Good credential or not, the door asks for the face: the answer comes only at the end.
      const until = input.at + cfg.faceWindowMs;
      return {
        state: { phase: 'awaiting_face', failures: s.failures, lockouts: s.lockouts, personId: r.personId, factor: r.factor, duress: r.duress, doomed, deadline: until },
        effects: [{ type: 'await_face', personId: r.personId, until }],
      };
    }
    case 'face': {
      const f = input.result;
      if (cfg.mode === 'face_only' && s.phase === 'idle') {
        if (!f.personId) return deny(s, 'unknown_face', null, ['face'], input.at, cfg);
        if (!f.live) return deny(s, 'not_live', f.personId, ['face'], input.at, cfg);
        return granted(f.personId, ['face'], f.score, false);
      }
      if (s.phase !== 'awaiting_face') return none;
      const factors = passed(s);
      if (s.doomed) return deny(s, s.doomed, s.personId, factors, input.at, cfg);
      if (input.at > s.deadline) return deny(s, 'timeout', s.personId, factors, input.at, cfg);
      if (!s.personId || f.personId !== s.personId) return deny(s, 'face_mismatch', s.personId, factors, input.at, cfg);
      if (!f.live) return deny(s, 'not_live', s.personId, [s.factor, 'face'], input.at, cfg);
      return granted(s.personId, [s.factor, 'face'], f.score, s.duress);
    }
  }
}
