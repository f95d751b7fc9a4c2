import { glyph } from './font5x8.ts';
import { wrap, screenText, type DoorDisplay, type DoorScreen } from './doorDisplay.ts';
import type { I2cBus } from './i2c.ts';

export const WIDTH = 128;
export const HEIGHT = 64;
const PAGES = HEIGHT / 8;

/**
 * 1-bit frame buffer in the SSD1306's own GDDRAM layout: 8 pages of 128 columns, one byte a column
 * of 8 pixels, bit 0 at the top.
 */
export class Frame {
  readonly bytes = new Uint8Array(WIDTH * PAGES);

  set(x: number, y: number): void {
    if (x < 0 || y < 0 || x >= WIDTH || y >= HEIGHT) return;
    const i = (y >> 3) * WIDTH + x;
    this.bytes[i] = (this.bytes[i] as number) | (1 << (y & 7));
  }

  get(x: number, y: number): boolean {
    return (((this.bytes[(y >> 3) * WIDTH + x] as number) >> (y & 7)) & 1) === 1;
  }

  /** Draws text in the 5x8 font, each pixel `scale` x `scale`, 1 column of space between characters. */
  text(x: number, y: number, s: string, scale = 1): void {
    [...s].forEach((ch, i) => {
      const rows = glyph(ch) ?? glyph('?');
      rows?.forEach((bits, row) => {
        for (let col = 0; col < 5; col++) {
          if (!((bits >> (4 - col)) & 1)) continue;
          for (let dy = 0; dy < scale; dy++) for (let dx = 0; dx < scale; dx++) this.set(x + (i * 6 + col) * scale + dx, y + row * scale + dy);
        }
      });
    });
  }
}

/** A screen drawn on 128x64: the headline in double size (10 characters a line, up to two lines), the detail below in single size. */
export function drawScreen(s: DoorScreen): Frame {
  const f = new Frame();
  const { title, detail } = screenText(s);
  const big = wrap(title, 10);
  const small = wrap(detail, 21);
  const titleRows = Math.min(2, big.length, small.length > 2 ? 1 : 2);
  const smallRows = Math.min(small.length, Math.floor((HEIGHT - titleRows * 18) / 10));
  const height = titleRows * 18 + smallRows * 10 - 2;
  let y = Math.max(0, Math.floor((HEIGHT - height) / 2));
  for (const line of big.slice(0, titleRows)) {
    f.text(Math.floor((WIDTH - (line.length * 6 - 1) * 2) / 2), y, line, 2);
    y += 18;
  }
  for (const line of small.slice(0, smallRows)) {
    f.text(Math.floor((WIDTH - (line.length * 6 - 1)) / 2), y, line);
    y += 10;
  }
  return f;
}

/** Power-up sequence for a 128x64 module with its internal charge pump (SSD1306 datasheet and application note). */
const INIT = [
  [0xae], // display off
  [0xd5, 0x80], // clock
  [0xa8, 0x3f], // multiplex 64
  [0xd3, 0x00], // no offset
  [0x40], // start line 0
  [0x8d, 0x14], // charge pump on
  [0x20, 0x00], // horizontal addressing
  [0xa1], // column 127 is SEG0: with 0xC8 the usual modules show the image upright
  [0xc8], // COM scan from COM63
  [0xda, 0x12], // alternative COM pins
  [0x81, 0xcf], // contrast
  [0xd9, 0xf1], // pre-charge
  [0xdb, 0x40], // VCOMH
  [0xa4], // show RAM
  [0xa6], // not inverted
  [0xaf], // display on
];

/** An SSD1306 128x64 OLED on I2C (address 0x3C, or 0x3D). Only the pages that changed are sent. */
export class Ssd1306Display implements DoorDisplay {
  readonly address: number;
  private ready = false;
  private shown: Uint8Array | null = null;

  constructor(
    private readonly bus: I2cBus,
    opts: { address?: number } = {},
  ) {
    this.address = opts.address ?? 0x3c;
  }

  /** Control byte 0x00: the rest are commands. */
  private commands(...bytes: number[]): Promise<void> {
    return this.bus.write(this.address, Buffer.of(0x00, ...bytes));
  }

  async start(): Promise<void> {
    try {
      for (const c of INIT) await this.commands(...c);
      this.shown = null;
      this.ready = true;
      await this.draw(new Frame());
    } catch (err) {
      this.ready = false;
      throw new Error(`SSD1306 at I2C 0x${this.address.toString(16)}: ${(err as Error).message}`, { cause: err });
    }
  }

  /** Sends the pages of `frame` that differ from what the display holds. */
  async draw(frame: Frame): Promise<void> {
    if (!this.ready) await this.start();
    try {
      for (let page = 0; page < PAGES; page++) {
        const data = frame.bytes.subarray(page * WIDTH, (page + 1) * WIDTH);
        if (this.shown && Buffer.from(data).equals(this.shown.subarray(page * WIDTH, (page + 1) * WIDTH))) continue;
        await this.commands(0x21, 0, WIDTH - 1, 0x22, page, page);
        // Control byte 0x40: the rest are display data.
        await this.bus.write(this.address, Buffer.concat([Buffer.of(0x40), data]));
      }
      this.shown = Uint8Array.from(frame.bytes);
    } catch (err) {
      this.ready = false;
      throw err;
    }
  }

  show(screen: DoorScreen): Promise<void> {
    return this.draw(drawScreen(screen));
  }

  async close(): Promise<void> {
    if (this.ready) await this.commands(0xae).catch(() => {});
    this.ready = false;
    await this.bus.close();
  }
}
