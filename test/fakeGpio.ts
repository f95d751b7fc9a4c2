import type { Bias, Edge, GpioChip, GpioOutput, GpioWatch, Level } from '../src/hardware/gpio.ts';

/** A line tied to ground, for buttons that pull a line low. */
export const GND = -1;

/**
 * A simulated GPIO chip with wires: the same interface as the real one (the hardware edge). Inputs
 * read their pull-up/down unless a closed switch connects them to a driven line; every change of
 * an input's level is an edge to its watchers, as the kernel would report it.
 */
export class FakeChip implements GpioChip {
  private readonly driven = new Map<number, Level>([[GND, 0]]);
  private readonly bias = new Map<number, Bias>();
  private readonly levels = new Map<number, Level>();
  private readonly watchers = new Set<{ lines: number[]; onEdge: (e: Edge) => void }>();
  private readonly closed: Array<[number, number]> = [];
  /** Every level an output was set to, in order: [line, level]. */
  readonly writes: Array<[number, Level]> = [];

  private levelOf(line: number): Level {
    const d = this.driven.get(line);
    if (d !== undefined) return d;
    for (const [a, b] of this.closed) {
      const other = a === line ? b : b === line ? a : undefined;
      const v = other === undefined ? undefined : this.driven.get(other);
      if (v !== undefined) return v;
    }
    return this.bias.get(line) === 'pull-down' ? 0 : 1;
  }

  private update(timeNs = process.hrtime.bigint()): void {
    for (const w of this.watchers) {
      for (const line of w.lines) {
        const now = this.levelOf(line);
        if (now === this.levels.get(line)) continue;
        this.levels.set(line, now);
        w.onEdge({ line, rising: now === 1, timeNs });
      }
    }
  }

  async output(lines: number[], initial: Level[]): Promise<GpioOutput> {
    const set = async (values: Level[]) => {
      lines.forEach((l, i) => {
        this.driven.set(l, values[i] ?? 0);
        this.writes.push([l, values[i] ?? 0]);
      });
      this.update();
    };
    await set(initial);
    return { set, release: async () => lines.forEach((l) => this.driven.delete(l)) };
  }

  async watch(lines: number[], bias: Bias, onEdge: (e: Edge) => void): Promise<GpioWatch> {
    for (const l of lines) {
      this.bias.set(l, bias);
      this.levels.set(l, this.levelOf(l));
    }
    const w = { lines, onEdge };
    this.watchers.add(w);
    return { level: (l) => this.levels.get(l) ?? 0, close: async () => void this.watchers.delete(w) };
  }

  /** Closes a switch between two lines (a key, a button to GND), stamped now or at the given time. */
  press(a: number, b: number, timeNs?: bigint): void {
    this.closed.push([a, b]);
    this.update(timeNs);
  }

  release(a: number, b: number, timeNs?: bigint): void {
    const i = this.closed.findIndex(([x, y]) => x === a && y === b);
    if (i >= 0) this.closed.splice(i, 1);
    this.update(timeNs);
  }

  /** Edges straight from a device that drives the lines itself (a Wiegand reader's pulses). */
  pulse(line: number, timeNs: bigint): void {
    for (const w of this.watchers) {
      if (!w.lines.includes(line)) continue;
      w.onEdge({ line, rising: false, timeNs });
      w.onEdge({ line, rising: true, timeNs: timeNs + 50_000n });
    }
  }
}

/** A 4x4 keypad's wiring in the tests: row and column lines, and the labels on the keys. */
export const KEYPAD = { rows: [5, 6, 13, 19], cols: [12, 16, 20, 21], keys: ['123A', '456B', '789C', '*0#D'] };

/** Presses and releases each key in turn on the simulated keypad wiring, held about as long as a finger does. */
export async function tapKeys(chip: FakeChip, labels: string, holdMs = 60): Promise<void> {
  for (const label of labels) {
    const r = KEYPAD.keys.findIndex((row) => row.includes(label));
    const row = KEYPAD.rows[r] as number, col = KEYPAD.cols[(KEYPAD.keys[r] as string).indexOf(label)] as number;
    chip.press(row, col);
    await new Promise((res) => setTimeout(res, holdMs));
    chip.release(row, col);
    await new Promise((res) => setTimeout(res, holdMs));
  }
}
