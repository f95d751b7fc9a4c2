// The small interfaces a door terminal talks to. Each real device (GPIO, USB, MQTT, HTTP) and each
// test double implements one of them.

export type CredentialFactor = 'pin' | 'fob';

/** Something that produces PINs or fob ids: a keypad, a card reader. */
export interface CredentialReader {
  start(onCredential: (factor: CredentialFactor, value: string) => void): Promise<void>;
  stop(): Promise<void>;
}

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

/** A push button (request-to-exit). */
export interface Button {
  start(onPress: () => void): Promise<void>;
  stop(): Promise<void>;
}

export const noLock: DoorLock = {
  kind: 'none',
  start: () => Promise.resolve(),
  unlock: () => Promise.resolve({ ok: true, detail: 'no lock configured' }),
  close: () => Promise.resolve(),
};
