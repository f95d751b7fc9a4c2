// The door side of challenge–response liveness: after the credential the door draws the actions,
// shows them (kiosk view, MQTT for an external display), and judges the face session's frames
// with the pure checker (core/challenge.ts). One per door; one challenge at a time.
import type { DoorConfig } from '../config/schema.ts';
import { ACTIONS, checkChallenge, drawChallenge, promptText, type Challenge, type ChallengeAction, type ChallengeResult } from '../core/challenge.ts';
import { challengeFrames } from '../vision/liveness.ts';

export type LivenessMode = 'passive' | 'challenge';

/** The door's mode: as configured, else a challenge where there is a screen to show it (a kiosk). */
export const livenessMode = (door: Pick<DoorConfig, 'liveness' | 'kiosk'>): LivenessMode => door.liveness ?? (door.kiosk ? 'challenge' : 'passive');

/** What a display shows while the door waits for the actions; null = nothing asked. */
export interface DoorPrompt {
  doorId: string;
  text: string;
  actions: ChallengeAction[];
  until: number;
}

/** One analysed frame of the session: when, the mesh (and the iris model's, when it ran), whether it matched the candidate, its single-frame scores. */
export interface SessionFrame {
  at: number;
  mesh: Float32Array;
  irisMesh: Float32Array | null;
  match: boolean;
  antispoof: number;
  liveness: number;
}

/** The checker's answer, or a pass it gave that the single-frame check then refused. */
export type ChallengeVerdict = ChallengeResult | { pass: false; failure: 'single_frame'; reason: string };

export interface ChallengeStepDeps {
  doorId: string;
  steps: number;
  /** What the actions are drawn from (default all). */
  actions?: readonly ChallengeAction[];
  /** Tells the displays (kiosk view is read from `prompt()`; MQTT gets it pushed). */
  publish(prompt: DoorPrompt | null): void;
  /** The single-frame check, on the mean scores of the action's frames (as the passive mode applies it to its burst). */
  isLive(scores: { antispoof: number; liveness: number }): boolean;
  /** The random source (tests may fix it); default crypto.randomInt. */
  pick?: (n: number) => number;
}

export class ChallengeStep {
  private challenge: Challenge | undefined;
  private shown: DoorPrompt | null = null;

  constructor(private readonly d: ChallengeStepDeps) {}

  /**
   * Whether this door's frames must be analysed with the iris model: when it may ask for a blink,
   * every challenge does, since the checker counts blinks whatever it asked (two of them fail any
   * other action, so one recording cannot pass two challenges).
   */
  get needsEyes(): boolean {
    return (this.d.actions ?? ACTIONS).includes('blink_twice');
  }

  /** Draws and shows a new challenge, prompted now; it stands until `until` or end(). */
  begin(at: number, until: number): Challenge {
    this.challenge = drawChallenge(at, this.d.steps, this.d.pick, this.d.actions);
    this.shown = { doorId: this.d.doorId, text: promptText(this.challenge), actions: this.challenge.actions, until };
    this.d.publish(this.shown);
    return this.challenge;
  }

  /** What the kiosk shows now, or null. */
  prompt(): DoorPrompt | null {
    return this.shown;
  }

  /** Did the frames so far answer the current challenge? (Not passed while none is running.) */
  judge(frames: readonly SessionFrame[]): ChallengeVerdict {
    const c = this.challenge;
    if (!c) return { pass: false, failure: 'not_done', reason: 'no challenge was asked' };
    const r = checkChallenge(c, challengeFrames(frames, c.promptedAt));
    if (!r.pass) return r;
    const action = frames.filter((f) => f.at >= c.promptedAt && f.at <= c.promptedAt + r.doneMs);
    const mean = (k: 'antispoof' | 'liveness') => action.reduce((s, f) => s + f[k], 0) / Math.max(1, action.length);
    if (!this.d.isLive({ antispoof: mean('antispoof'), liveness: mean('liveness') })) return { pass: false, failure: 'single_frame', reason: 'the single-frame antispoof check failed' };
    return r;
  }

  /** The attempt is over: take the prompt off the displays. */
  end(): void {
    if (!this.shown) return;
    this.challenge = undefined;
    this.shown = null;
    this.d.publish(null);
  }
}
