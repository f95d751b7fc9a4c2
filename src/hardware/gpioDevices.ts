import type { Button } from '../access/devices.ts';
import type { DoorLock, LockResult } from '../core/lock.ts';
import type { GpioChip, GpioOutput, GpioWatch, Level } from './gpio.ts';

/** A relay on a GPIO line: active for the unlock time, then back. */
export class RelayLock implements DoorLock {
  readonly kind = 'gpio';
  private out: GpioOutput | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly chip: GpioChip,
    private readonly line: number,
    private readonly activeLow: boolean,
  ) {}

  private level(active: boolean): Level {
    return active !== this.activeLow ? 1 : 0;
  }

  async start(): Promise<void> {
    this.out = await this.chip.output([this.line], [this.level(false)]);
  }

  async unlock(durationMs: number): Promise<LockResult> {
    try {
      this.out ??= await this.chip.output([this.line], [this.level(false)]);
      await this.out.set([this.level(true)]);
    } catch (err) {
      return { ok: false, detail: (err as Error).message };
    }
    // A second grant while open extends the pulse rather than cutting it short.
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.out?.set([this.level(false)]).catch(() => {}), durationMs);
    return { ok: true };
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    await this.out?.set([this.level(false)]).catch(() => {});
    await this.out?.release();
  }
}

/** A request-to-exit button on a GPIO line; presses closer together than the debounce are one. */
export class GpioButton implements Button {
  private watch: GpioWatch | undefined;

  constructor(
    private readonly chip: GpioChip,
    private readonly line: number,
    private readonly activeLow: boolean,
    private readonly debounceMs = 300,
  ) {}

  async start(onPress: () => void): Promise<void> {
    let last = -Infinity;
    this.watch = await this.chip.watch([this.line], this.activeLow ? 'pull-up' : 'pull-down', (e) => {
      if (e.line !== this.line || e.rising === this.activeLow) return;
      const ms = Number(e.timeNs / 1_000_000n);
      if (ms - last < this.debounceMs) return;
      last = ms;
      onPress();
    });
  }

  async stop(): Promise<void> {
    await this.watch?.close();
  }
}
