/**
 * Wrong-code back-off per source (an account, the MQTT side): after `maxFailures` wrong codes in a
 * row that source's codes are refused for `lockMs`, doubling with every further lockout up to
 * `maxLockMs`; a right code starts over. Without it a four-digit code falls to a script in seconds.
 * Pure: the caller says what time it is.
 */
export interface CodeGuardOptions {
  maxFailures: number;
  lockMs: number;
  maxLockMs: number;
}

export const DEFAULT_CODE_GUARD: CodeGuardOptions = { maxFailures: 5, lockMs: 60_000, maxLockMs: 3_600_000 };

interface SourceState {
  failures: number;
  lockouts: number;
  until: number;
}

export class CodeGuard {
  private readonly sources = new Map<string, SourceState>();

  constructor(private readonly opts: CodeGuardOptions = DEFAULT_CODE_GUARD) {}

  /** When the source may try again, or null if it may now. */
  lockedUntil(source: string, now: number): number | null {
    const s = this.sources.get(source);
    return s && s.until > now ? s.until : null;
  }

  /** Notes a tried code; returns the end of a lockout this failure began, if it began one. */
  record(source: string, ok: boolean, now: number): number | null {
    if (ok) {
      this.sources.delete(source);
      return null;
    }
    const s = this.sources.get(source) ?? { failures: 0, lockouts: 0, until: 0 };
    s.failures++;
    this.sources.set(source, s);
    if (s.failures < this.opts.maxFailures) return null;
    s.until = now + Math.min(this.opts.lockMs * 2 ** s.lockouts, this.opts.maxLockMs);
    s.lockouts++;
    s.failures = 0;
    return s.until;
  }
}
