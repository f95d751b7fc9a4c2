// The small interfaces a door terminal talks to. Each real device (GPIO, USB, MQTT, HTTP) and each
// test double implements one of them.

export type CredentialFactor = 'pin' | 'fob';

/** Something that produces PINs or fob ids: a keypad, a card reader. */
export interface CredentialReader {
  start(onCredential: (factor: CredentialFactor, value: string) => void): Promise<void>;
  stop(): Promise<void>;
}

/** A push button (request-to-exit). */
export interface Button {
  start(onPress: () => void): Promise<void>;
  stop(): Promise<void>;
}
