// The lock interface every lock implements (GPIO relay, MQTT, webhook). It lives in core so that
// access, hardware and mqtt can all import it without importing each other.

export interface LockResult {
  ok: boolean;
  detail?: string;
}

/** Opens the door for a while, then locks it again. */
export interface DoorLock {
  readonly kind: string;
  /** Puts the lock in its locked state at start-up. */
  start(): Promise<void>;
  unlock(durationMs: number): Promise<LockResult>;
  close(): Promise<void>;
}
