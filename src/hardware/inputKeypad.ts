import { createReadStream, type ReadStream } from 'node:fs';
import { KeyBuffer, type Key } from '../access/keyBuffer.ts';
import type { CredentialFactor, CredentialReader } from '../access/devices.ts';

// Linux input event codes (linux/input-event-codes.h) a PIN pad or a keyboard-emulating card
// reader sends.
const EV_KEY = 1;
const KEYS = new Map<number, Key>([
  [11, '0'], [2, '1'], [3, '2'], [4, '3'], [5, '4'], [6, '5'], [7, '6'], [8, '7'], [9, '8'], [10, '9'],
  [82, '0'], [79, '1'], [80, '2'], [81, '3'], [75, '4'], [76, '5'], [77, '6'], [71, '7'], [72, '8'], [73, '9'],
  [28, 'submit'], [96, 'submit'], [1, 'clear'], [14, 'clear'], [55, 'clear'],
]);

/** struct input_event: a timeval (two longs), u16 type, u16 code, s32 value. */
export const inputEventSize = (arch = process.arch) => (arch === 'arm' || arch === 'ia32' ? 16 : 24);

/** The key presses in a run of input_event structs (releases and auto-repeats are dropped). */
export function decodeInputEvents(buf: Buffer, size = inputEventSize()): Key[] {
  const keys: Key[] = [];
  const timeBytes = size - 8;
  for (let off = 0; off + size <= buf.length; off += size) {
    const type = buf.readUInt16LE(off + timeBytes);
    const code = buf.readUInt16LE(off + timeBytes + 2);
    const value = buf.readInt32LE(off + timeBytes + 4);
    const key = type === EV_KEY && value === 1 ? KEYS.get(code) : undefined;
    if (key) keys.push(key);
  }
  return keys;
}

/**
 * A USB keypad, or a USB card reader that types the card number and Enter, read from its
 * /dev/input/event device.
 */
export class InputKeypad implements CredentialReader {
  private stream: ReadStream | undefined;

  constructor(
    private readonly device: string,
    private readonly factor: CredentialFactor = 'pin',
    private readonly onError: (err: Error) => void = () => {},
  ) {}

  async start(onCredential: (factor: CredentialFactor, value: string) => void): Promise<void> {
    const buffer = new KeyBuffer((value) => onCredential(this.factor, value));
    const size = inputEventSize();
    let rest = Buffer.alloc(0);
    const stream = createReadStream(this.device);
    this.stream = stream;
    stream.on('data', (chunk) => {
      const all = Buffer.concat([rest, chunk as Buffer]);
      const whole = all.length - (all.length % size);
      for (const key of decodeInputEvents(all.subarray(0, whole), size)) buffer.press(key);
      rest = all.subarray(whole);
    });
    stream.on('error', (err) => this.onError(err));
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
  }

  async stop(): Promise<void> {
    this.stream?.destroy();
  }
}
