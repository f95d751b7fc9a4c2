import type { CredentialFactor, CredentialReader } from '../access/devices.ts';
import type { GpioChip, GpioWatch } from './gpio.ts';

export type WiegandResult = { ok: true; bits: number; id: string } | { ok: false; error: string };

const parity = (bits: readonly number[]) => bits.reduce((a, b) => a ^ b, 0);

/**
 * A Wiegand frame to a fob id (hex of the data bits). 26 bits: even parity over the first 13, odd
 * over the last 13, 24 data bits between. 34 bits: the same with 17 + 17 and 32 data bits.
 */
export function decodeWiegand(bits: readonly number[]): WiegandResult {
  if (bits.length !== 26 && bits.length !== 34) return { ok: false, error: `${bits.length} bits; expected 26 or 34` };
  const half = bits.length / 2;
  if (parity(bits.slice(0, half)) !== 0) return { ok: false, error: 'even parity failed' };
  if (parity(bits.slice(half)) !== 1) return { ok: false, error: 'odd parity failed' };
  const data = bits.slice(1, -1);
  const hex = BigInt(`0b${data.join('')}`).toString(16).padStart(data.length / 4, '0');
  return { ok: true, bits: bits.length, id: hex };
}

/** The inverse, for tests and simulators: data bits (24 or 32) with both parity bits added. */
export function encodeWiegand(id: string, bits: 26 | 34): number[] {
  const n = bits - 2;
  const data = BigInt(`0x${id}`).toString(2).padStart(n, '0').split('').map(Number);
  if (data.length !== n) throw new Error(`id ${id} does not fit ${n} bits`);
  const half = n / 2;
  const even = parity(data.slice(0, half));
  const odd = 1 - parity(data.slice(half));
  return [even, ...data, odd];
}

/**
 * A Wiegand reader on two lines: a low pulse on D0 is a 0, on D1 a 1; a gap ends the frame. Bits
 * are ordered by the kernel's edge timestamps.
 */
export class WiegandReader implements CredentialReader {
  private watch: GpioWatch | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly chip: GpioChip,
    private readonly d0: number,
    private readonly d1: number,
    private readonly onBadFrame: (error: string) => void = () => {},
    /** Silence that ends a frame, ms (readers send a bit every 1-2 ms). */
    private readonly gapMs = 25,
  ) {}

  async start(onCredential: (factor: CredentialFactor, value: string) => void): Promise<void> {
    let bits: number[] = [];
    const finish = () => {
      const r = decodeWiegand(bits);
      bits = [];
      if (r.ok) onCredential('fob', r.id);
      else this.onBadFrame(r.error);
    };
    this.watch = await this.chip.watch([this.d0, this.d1], 'pull-up', (e) => {
      if (e.rising || (e.line !== this.d0 && e.line !== this.d1)) return;
      bits.push(e.line === this.d1 ? 1 : 0);
      clearTimeout(this.timer);
      this.timer = setTimeout(finish, this.gapMs);
    });
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    await this.watch?.close();
  }
}
