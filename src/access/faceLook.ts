import type { FrameFeed } from '../camera/frameFeed.ts';
import { runFaceSession, type SessionFaces, type SessionOutcome } from './faceSession.ts';
import type { ChallengeStep } from './challengeStep.ts';

/**
 * The camera's look for a face during one step: at most one at a time, a new one cancels the old,
 * and only the current look's verdict is handed on (a cancelled one's never is). A look that saw
 * no face hands on nothing: the step's timeout answers.
 */
export class FaceLook {
  private current: { cancel(): void; id: number } | undefined;
  private seq = 0;

  constructor(
    private readonly d: { feed: FrameFeed | undefined; faces: SessionFaces; challenge?: ChallengeStep | undefined; preRollMs: number; burstFrames: number; concurrency: number; now(): number },
  ) {}

  get running(): boolean {
    return this.current !== undefined;
  }

  /** 1:1 against `candidate` (null: nobody can match), or 1:N with `identify`; from `preRollMs` before `at` until `until`. */
  start(candidate: string | null, at: number, until: number, identify: boolean, onFace: (outcome: SessionOutcome) => void): void {
    this.cancel();
    if (!this.d.feed) return;
    const id = ++this.seq;
    // A face-first look has no moment to ask at (no credential came before the face): it stays passive.
    const challenge = identify ? undefined : this.d.challenge;
    challenge?.begin(this.d.now(), until);
    const s = runFaceSession({
      feed: this.d.feed,
      faces: this.d.faces,
      challenge,
      candidate: identify ? 'identify' : candidate,
      since: at - this.d.preRollMs,
      deadline: until,
      burstFrames: this.d.burstFrames,
      concurrency: this.d.concurrency,
      now: this.d.now,
    });
    this.current = { cancel: s.cancel, id };
    void s.done.then((outcome) => {
      if (this.current?.id !== id) return;
      this.current = undefined;
      challenge?.end();
      if (outcome.sawFace) onFace(outcome);
    });
  }

  cancel(): void {
    const look = this.current;
    this.current = undefined;
    look?.cancel();
    this.d.challenge?.end();
  }
}
