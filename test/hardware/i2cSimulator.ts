import sharp from 'sharp';
import type { I2cBus } from '../../src/hardware/i2c.ts';
import { glyph } from '../../src/hardware/font5x8.ts';

// Simulated I2C devices at the byte level: a PCF8574 port expander driving an HD44780 in 4-bit mode,
// and an SSD1306 OLED controller. Each follows its datasheet: the LCD latches on E's falling edge,
// starts in 8-bit mode and executes the instruction set; the OLED parses control bytes, commands
// with their arguments, the addressing modes, segment/COM remapping and the charge pump.

interface I2cDevice {
  receive(bytes: Buffer): void;
}

export class SimI2cBus implements I2cBus {
  readonly devices = new Map<number, I2cDevice>();
  closed = false;
  /** Writes fail as if the bus lost the device (unplugged display). */
  unplugged = new Set<number>();

  attach(address: number, device: I2cDevice): void {
    this.devices.set(address, device);
  }

  async write(address: number, bytes: Uint8Array): Promise<void> {
    const d = this.devices.get(address);
    if (!d || this.unplugged.has(address)) throw new Error(`no ACK from 0x${address.toString(16)} (EREMOTEIO)`);
    d.receive(Buffer.from(bytes));
  }

  async probe(address: number): Promise<boolean> {
    return this.devices.has(address) && !this.unplugged.has(address);
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

/** PCF8574 (P0 RS, P1 RW, P2 E, P3 backlight, P4-P7 D4-D7) wired to an HD44780. */
export class SimLcd implements I2cDevice {
  readonly ddram = new Uint8Array(0x80).fill(0x20);
  private pins = 0;
  private eightBit = true;
  private high: number | null = null;
  private ac = 0;
  private increment = true;
  private twoLines = false;
  displayOn = false;
  backlight = false;
  /** Instructions executed (for checking the init sequence). */
  readonly executed: number[] = [];

  receive(bytes: Buffer): void {
    for (const b of bytes) {
      const fell = this.pins & 0x04 && !(b & 0x04);
      if (fell) this.latch(this.pins >> 4, (this.pins & 0x01) === 1, (this.pins & 0x02) === 2);
      this.pins = b;
      this.backlight = (b & 0x08) !== 0;
    }
  }

  private latch(nibble: number, rs: boolean, rw: boolean): void {
    if (rw) return; // a read cycle: nothing is written
    if (this.eightBit) {
      // D0-D3 are not wired on the backpack: the controller reads them as 0.
      this.execute(nibble << 4, rs);
      return;
    }
    if (this.high === null) {
      this.high = nibble;
      return;
    }
    const value = (this.high << 4) | nibble;
    this.high = null;
    this.execute(value, rs);
  }

  private execute(v: number, rs: boolean): void {
    if (rs) {
      this.ddram[this.ac & 0x7f] = v;
      this.step();
      return;
    }
    this.executed.push(v);
    if (v & 0x80) this.ac = v & 0x7f;
    else if (v & 0x40) return; // CGRAM address: no custom characters used
    else if (v & 0x20) {
      this.eightBit = (v & 0x10) !== 0;
      this.twoLines = (v & 0x08) !== 0;
      this.high = null;
    } else if (v & 0x10) return; // cursor/display shift
    else if (v & 0x08) this.displayOn = (v & 0x04) !== 0;
    else if (v & 0x04) this.increment = (v & 0x02) !== 0;
    else if (v & 0x02) this.ac = 0;
    else if (v & 0x01) {
      this.ddram.fill(0x20);
      this.ac = 0;
      this.increment = true;
    }
  }

  private step(): void {
    if (!this.twoLines) {
      this.ac = (this.ac + (this.increment ? 1 : 79)) % 80;
      return;
    }
    // Two-line mode: 0x00-0x27 and 0x40-0x67, each wrapping into the other.
    let a = this.ac + (this.increment ? 1 : -1);
    if (a === 0x28) a = 0x40;
    else if (a === 0x68) a = 0x00;
    else if (a === 0x3f) a = 0x27;
    else if (a === -1) a = 0x67;
    this.ac = a;
  }

  /** What the glass shows, row by row. */
  text(cols: number, rows: number): string[] {
    const starts = rows === 4 ? [0x00, 0x40, 0x14, 0x54] : [0x00, 0x40];
    return starts.slice(0, rows).map((s) => (this.displayOn ? String.fromCharCode(...this.ddram.subarray(s, s + cols)) : ' '.repeat(cols)));
  }

  /** A picture of the LCD: 5x8 cells with a pixel gap, lit pixels dark on a green backlight. */
  async png(cols: number, rows: number, file: string): Promise<void> {
    const scale = 4;
    const w = (cols * 6 + 3) * scale;
    const h = (rows * 9 + 3) * scale;
    const img = Buffer.alloc(w * h * 3);
    const bg = this.backlight ? [0x9c, 0xc4, 0x2c] : [0x44, 0x55, 0x22];
    for (let i = 0; i < w * h; i++) img.set(bg, i * 3);
    this.text(cols, rows).forEach((line, row) =>
      [...line].forEach((ch, col) => {
        const g = glyph(ch) ?? [];
        for (let y = 0; y < 8; y++) {
          for (let x = 0; x < 5; x++) {
            const on = ((g[y] ?? 0) >> (4 - x)) & 1;
            const colour = on ? [0x10, 0x20, 0x10] : [bg[0]! - 12, bg[1]! - 12, bg[2]! - 8];
            for (let dy = 0; dy < scale - 1; dy++)
              for (let dx = 0; dx < scale - 1; dx++) {
                const px = (2 + col * 6 + x) * scale + dx;
                const py = (2 + row * 9 + y) * scale + dy;
                img.set(colour, (py * w + px) * 3);
              }
          }
        }
      }),
    );
    await sharp(img, { raw: { width: w, height: h, channels: 3 } }).png().toFile(file);
  }
}

const ARGS: Record<number, number> = { 0x81: 1, 0x8d: 1, 0xa8: 1, 0xd3: 1, 0xd5: 1, 0xd9: 1, 0xda: 1, 0xdb: 1, 0x20: 1, 0x21: 2, 0x22: 2, 0xa3: 2, 0x26: 6, 0x27: 6, 0x29: 5, 0x2a: 5 };

export class SimSsd1306 implements I2cDevice {
  readonly gddram = new Uint8Array(128 * 8);
  private mode = 2; // page addressing after reset
  private col = 0;
  private page = 0;
  private colStart = 0;
  private colEnd = 127;
  private pageStart = 0;
  private pageEnd = 7;
  private segRemap = false;
  private comRemap = false;
  private chargePump = false;
  on = false;
  inverted = false;
  private pending: number[] = [];

  receive(bytes: Buffer): void {
    let i = 0;
    while (i < bytes.length) {
      const control = bytes[i++] as number;
      const co = (control & 0x80) !== 0;
      const data = (control & 0x40) !== 0;
      // Co = 1: one byte follows, then another control byte; Co = 0: the rest of the message.
      const end = co ? Math.min(i + 1, bytes.length) : bytes.length;
      for (; i < end; i++) {
        if (data) this.data(bytes[i] as number);
        else this.command(bytes[i] as number);
      }
    }
  }

  private command(b: number): void {
    this.pending.push(b);
    const op = this.pending[0] as number;
    if (this.pending.length <= (ARGS[op] ?? 0)) return;
    const [, a1 = 0, a2 = 0] = this.pending;
    this.pending = [];
    if (op === 0xae || op === 0xaf) this.on = op === 0xaf;
    else if (op === 0xa6 || op === 0xa7) this.inverted = op === 0xa7;
    else if (op === 0xa0 || op === 0xa1) this.segRemap = op === 0xa1;
    else if (op === 0xc0 || op === 0xc8) this.comRemap = op === 0xc8;
    else if (op === 0x8d) this.chargePump = (a1 & 0x04) !== 0;
    else if (op === 0x20) this.mode = a1 & 0x03;
    else if (op === 0x21) [this.colStart, this.colEnd, this.col] = [a1 & 0x7f, a2 & 0x7f, a1 & 0x7f];
    else if (op === 0x22) [this.pageStart, this.pageEnd, this.page] = [a1 & 0x07, a2 & 0x07, a1 & 0x07];
    else if (op >= 0xb0 && op <= 0xb7) this.page = op & 0x07;
    else if (op <= 0x0f) this.col = (this.col & 0xf0) | op;
    else if (op >= 0x10 && op <= 0x1f) this.col = ((op & 0x0f) << 4) | (this.col & 0x0f);
  }

  private data(b: number): void {
    this.gddram[this.page * 128 + this.col] = b;
    if (this.mode === 0) {
      if (++this.col > this.colEnd) {
        this.col = this.colStart;
        if (++this.page > this.pageEnd) this.page = this.pageStart;
      }
    } else if (this.mode === 1) {
      if (++this.page > this.pageEnd) {
        this.page = this.pageStart;
        if (++this.col > this.colEnd) this.col = this.colStart;
      }
    } else {
      this.col = this.col >= 127 ? 0 : this.col + 1;
    }
  }

  /**
   * The glass, as the common 0.96" modules are mounted: upright with segment remap (0xA1) and COM
   * remap (0xC8); without them the picture is mirrored. Dark without the charge pump.
   */
  pixel(x: number, y: number): boolean {
    if (!this.on || !this.chargePump) return false;
    const col = this.segRemap ? x : 127 - x;
    const row = this.comRemap ? y : 63 - y;
    const bit = (((this.gddram[(row >> 3) * 128 + col] as number) >> (row & 7)) & 1) === 1;
    return bit !== this.inverted;
  }

  async png(file: string): Promise<void> {
    const scale = 4;
    const w = 128 * scale + 16;
    const h = 64 * scale + 16;
    const img = Buffer.alloc(w * h * 3, 0x08);
    for (let y = 0; y < 64; y++)
      for (let x = 0; x < 128; x++) {
        const colour = this.pixel(x, y) ? [0xe0, 0xf0, 0xff] : [0x10, 0x12, 0x18];
        for (let dy = 0; dy < scale - 1; dy++) for (let dx = 0; dx < scale - 1; dx++) img.set(colour, ((8 + y * scale + dy) * w + 8 + x * scale + dx) * 3);
      }
    await sharp(img, { raw: { width: w, height: h, channels: 3 } }).png().toFile(file);
  }
}
