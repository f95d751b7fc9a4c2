import type { GpioChip, GpioWatch } from './gpio.ts';

export type ContactState = 'open' | 'closed';

/**
 * A door contact (reed switch) wired to a GPIO line of the door unit, for a door whose contact is not
 * an MQTT sensor. The usual wiring closes the line to ground while the magnet is near (door shut),
 * with the internal pull-up: low = closed. A bouncing reed settles before it is reported; each
 * settled change is reported once, and the state at start is reported too.
 */
export class GpioContact {
  private watch: GpioWatch | undefined;
  private timer: NodeJS.Timeout | undefined;
  private reported: ContactState | null = null;

  constructor(
    private readonly chip: GpioChip,
    private readonly line: number,
    private readonly opts: { closedWhenLow?: boolean; settleMs?: number } = {},
  ) {}

  private state(level: 0 | 1): ContactState {
    return (level === 0) === (this.opts.closedWhenLow ?? true) ? 'closed' : 'open';
  }

  async start(onChange: (contact: ContactState, at: number) => void): Promise<void> {
    const settle = this.opts.settleMs ?? 50;
    const report = () => {
      const now = this.state(this.watch?.level(this.line) ?? 1);
      if (now === this.reported) return;
      this.reported = now;
      onChange(now, Date.now());
    };
    this.watch = await this.chip.watch([this.line], (this.opts.closedWhenLow ?? true) ? 'pull-up' : 'pull-down', () => {
      clearTimeout(this.timer);
      this.timer = setTimeout(report, settle);
    });
    report();
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    await this.watch?.close();
  }
}
