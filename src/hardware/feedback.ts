import type { GpioChip, GpioOutput, Level } from './gpio.ts';

export type FeedbackSignal = 'key' | 'prompt' | 'granted' | 'denied' | 'lockout';

/** [buzzer, green, red] on (1) or off (0), held for ms. */
type Frame = [buzzer: 0 | 1, green: 0 | 1, red: 0 | 1, ms: number];

/**
 * What each signal plays. A grant opened under duress plays exactly the grant: the alarm is silent.
 * Denied is the same whichever step failed.
 */
export const PATTERNS: Record<FeedbackSignal, Frame[]> = {
  key: [[1, 0, 0, 30]],
  prompt: [[1, 0, 0, 80]],
  granted: [
    [1, 1, 0, 150],
    [0, 1, 0, 2850],
  ],
  denied: [
    [1, 0, 1, 100],
    [0, 0, 1, 100],
    [1, 0, 1, 100],
    [0, 0, 1, 100],
    [1, 0, 1, 100],
    [0, 0, 1, 1500],
  ],
  lockout: [
    [1, 0, 1, 800],
    ...Array.from({ length: 5 }, (): Frame[] => [
      [0, 0, 0, 300],
      [0, 0, 1, 300],
    ]).flat(),
  ],
};

export interface FeedbackLines {
  chip: GpioChip;
  buzzer?: number;
  green?: number;
  red?: number;
  /** The driver transistors invert (a PNP stage, a low-level-trigger module). */
  activeLow?: boolean;
}

/** A buzzer and green/red LEDs on GPIO lines; a new signal cuts the one playing short. */
export class DoorFeedback {
  private out: GpioOutput | undefined;
  private readonly lines: number[];
  private readonly which: Array<0 | 1 | 2>;
  private playing = 0;
  /** Ends the wait of the pattern playing now. */
  private cut: (() => void) | undefined;

  constructor(private readonly o: FeedbackLines) {
    const pairs = ([[o.buzzer, 0], [o.green, 1], [o.red, 2]] as const).filter((p): p is readonly [number, 0 | 1 | 2] => p[0] !== undefined);
    this.lines = pairs.map((p) => p[0]);
    this.which = pairs.map((p) => p[1]);
  }

  private levels(frame: readonly number[]): Level[] {
    return this.which.map((i) => ((frame[i] === 1) !== (this.o.activeLow ?? false) ? 1 : 0));
  }

  async start(): Promise<void> {
    if (this.lines.length) this.out = await this.o.chip.output(this.lines, this.levels([0, 0, 0]));
  }

  /** Starts the pattern and resolves when it has been played (or cut short by the next). */
  async signal(kind: FeedbackSignal): Promise<void> {
    const out = this.out;
    if (!out) return;
    const id = ++this.playing;
    this.cut?.();
    for (const frame of PATTERNS[kind]) {
      if (id !== this.playing) return;
      await out.set(this.levels(frame));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, frame[3]);
        this.cut = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    if (id === this.playing) await out.set(this.levels([0, 0, 0]));
  }

  async stop(): Promise<void> {
    this.playing++;
    this.cut?.();
    await this.out?.set(this.levels([0, 0, 0])).catch(() => {});
    await this.out?.release();
    this.out = undefined;
  }
}
