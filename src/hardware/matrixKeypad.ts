import { KeyBuffer } from '../access/keyBuffer.ts';
import type { CredentialFactor, CredentialReader } from '../access/devices.ts';
import type { GpioChip, GpioOutput, GpioWatch, Level } from './gpio.ts';

export interface MatrixKeypadOptions {
  rows: number[];
  cols: number[];
  /** Key labels, one string per row. */
  keys: string[];
  /** Wait after driving a row before reading the columns, ms (gpioset needs a few to take hold). */
  settleMs?: number;
  /** How often a held key is checked for release, ms. */
  releasePollMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A 4x4 (or any) matrix keypad: rows driven low, columns pulled up. A key press pulls its column
 * low; then each row is driven low alone to see which one carries it. One key at a time; the next
 * press counts only after the key is released.
 */
export class MatrixKeypad implements CredentialReader {
  private rowsOut: GpioOutput | undefined;
  private colsIn: GpioWatch | undefined;
  private busy = false;
  private stopped = false;

  constructor(
    private readonly chip: GpioChip,
    private readonly o: MatrixKeypadOptions,
  ) {
    if (o.keys.length !== o.rows.length || o.keys.some((r) => r.length !== o.cols.length)) throw new Error('matrix keypad: keys must have one label per row and column');
  }

  async start(onCredential: (factor: CredentialFactor, value: string) => void): Promise<void> {
    const buffer = new KeyBuffer((pin) => onCredential('pin', pin));
    const idle = this.o.rows.map((): Level => 0);
    this.rowsOut = await this.chip.output(this.o.rows, idle);
    const scanFrom = (col: number) => {
      this.busy = true;
      this.scan(col)
        .then((label) => {
          const key = label ? KeyBuffer.fromLabel(label) : null;
          if (key) buffer.press(key);
        })
        .finally(() => {
          this.busy = false;
          // A key pressed while the last one was still being scanned or released is held now: read it too.
          const held = this.stopped ? -1 : this.o.cols.findIndex((line) => this.colsIn?.level(line) === 0);
          if (held >= 0) scanFrom(held);
        });
    };
    this.colsIn = await this.chip.watch(this.o.cols, 'pull-up', (e) => {
      if (e.rising || this.busy) return;
      const col = this.o.cols.indexOf(e.line);
      if (col >= 0) scanFrom(col);
    });
  }

  private async scan(col: number): Promise<string | null> {
    const rows = this.rowsOut as GpioOutput, cols = this.colsIn as GpioWatch;
    const colLine = this.o.cols[col] as number;
    const settle = this.o.settleMs ?? 10;
    let found: string | null = null;
    for (let r = 0; r < this.o.rows.length && found === null; r++) {
      await rows.set(this.o.rows.map((_, i): Level => (i === r ? 0 : 1)));
      await sleep(settle);
      if (cols.level(colLine) === 0) found = (this.o.keys[r] as string)[col] ?? null;
    }
    await rows.set(this.o.rows.map((): Level => 0));
    await sleep(settle);
    // Wait for the release, so a held key is one press.
    while (!this.stopped && cols.level(colLine) === 0) await sleep(this.o.releasePollMs ?? 10);
    return found;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.colsIn?.close();
    await this.rowsOut?.release();
  }
}
