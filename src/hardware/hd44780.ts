import { layout, type DoorDisplay, type DoorScreen } from './doorDisplay.ts';
import type { I2cBus } from './i2c.ts';

/**
 * The PCF8574 "I2C backpack" wiring of HD44780 character LCDs: P0 RS, P1 RW, P2 E, P3 backlight,
 * P4-P7 D4-D7. Every byte written to the expander sets its eight pins; the LCD latches a nibble on
 * E's falling edge, so each nibble is two bytes: E high, then E low.
 */
const RS = 0x01;
const E = 0x04;
const BACKLIGHT = 0x08;

/** DDRAM address of each row's first character (HD44780 datasheet; 20x4 interleaves rows 1/3 and 2/4). */
const ROW_START: Record<number, number[]> = { 2: [0x00, 0x40], 4: [0x00, 0x40, 0x14, 0x54] };

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Hd44780Options {
  address?: number;
  cols?: 16 | 20;
  rows?: 2 | 4;
}

/** A 16x2 or 20x4 character LCD behind a PCF8574 backpack (address 0x27, or 0x3F for the PCF8574A). */
export class Hd44780Display implements DoorDisplay {
  readonly address: number;
  readonly cols: number;
  readonly rows: number;
  private ready = false;
  private shown: string[] = [];

  constructor(
    private readonly bus: I2cBus,
    opts: Hd44780Options = {},
  ) {
    this.address = opts.address ?? 0x27;
    this.cols = opts.cols ?? 16;
    this.rows = opts.rows ?? 2;
    if (!ROW_START[this.rows]) throw new Error(`an HD44780 display has 2 or 4 rows, not ${this.rows}`);
  }

  private async nibbles(values: number[], rs: boolean): Promise<void> {
    const bytes: number[] = [];
    for (const v of values) {
      const pins = ((v & 0x0f) << 4) | BACKLIGHT | (rs ? RS : 0);
      bytes.push(pins | E, pins);
    }
    await this.bus.write(this.address, Buffer.from(bytes));
  }

  private command(cmd: number): Promise<void> {
    return this.nibbles([cmd >> 4, cmd & 0x0f], false);
  }

  async start(): Promise<void> {
    try {
      // Initialisation by instruction (datasheet figure 24): three 8-bit function sets, whatever
      // state the controller is in, then 4-bit mode.
      await wait(50);
      await this.nibbles([0x3], false);
      await wait(5);
      await this.nibbles([0x3], false);
      await wait(1);
      await this.nibbles([0x3], false);
      await this.nibbles([0x2], false);
      await this.command(0x28); // 4-bit, two lines (also 20x4), 5x8 dots
      await this.command(0x08); // display off
      await this.command(0x01); // clear
      await wait(2);
      await this.command(0x06); // increment, no shift
      await this.command(0x0c); // display on, no cursor
      this.shown = [];
      this.ready = true;
    } catch (err) {
      this.ready = false;
      throw new Error(`HD44780 at I2C 0x${this.address.toString(16)}: ${(err as Error).message}`, { cause: err });
    }
  }

  async show(screen: DoorScreen): Promise<void> {
    if (!this.ready) await this.start();
    const lines = layout(screen, this.cols, this.rows);
    try {
      for (let row = 0; row < this.rows; row++) {
        const line = lines[row] as string;
        if (this.shown[row] === line) continue;
        await this.command(0x80 | (ROW_START[this.rows] as number[])[row]!);
        await this.nibbles([...Buffer.from(line, 'ascii')].flatMap((c) => [c >> 4, c & 0x0f]), true);
      }
      this.shown = lines;
    } catch (err) {
      this.ready = false;
      throw err;
    }
  }

  async close(): Promise<void> {
    if (this.ready) {
      await this.command(0x01).catch(() => {});
      await this.bus.write(this.address, Buffer.of(0)).catch(() => {}); // backlight off
    }
    this.ready = false;
    await this.bus.close();
  }
}
