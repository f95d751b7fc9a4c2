import type { DoorLock, LockResult } from '../core/lock.ts';

/** A door contact opening this long after the lock was released still counts as expected. */
const OPEN_GRACE_MS = 3000;

/**
 * The one way a door's lock is released (a grant, the exit button, an operator): releases it for
 * the door's unlock time and remembers until when an opening of the door is expected, which the
 * contact supervisor asks before it calls an opening forced.
 */
export class DoorOpener {
  private allowedUntil = 0;

  constructor(
    private readonly lock: DoorLock,
    private readonly unlockMs: number,
    private readonly now: () => number,
  ) {}

  get kind(): string {
    return this.lock.kind;
  }

  open(at = this.now()): Promise<LockResult> {
    this.allowedUntil = Math.max(this.allowedUntil, at + this.unlockMs + OPEN_GRACE_MS);
    return this.lock.unlock(this.unlockMs);
  }

  /** Whether the door opening at `at` follows a release. */
  expected(at: number): boolean {
    return at <= this.allowedUntil;
  }
}
