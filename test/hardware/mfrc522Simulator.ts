import type { SpiBus } from '../../src/hardware/spi.ts';

// A register-level MFRC522 behind the SPI transport, following the datasheet: address bytes
// (bit 7 read, bits 6-1 register), the 64-byte FIFO, CommandReg (Idle, Transceive, SoftReset),
// ComIrqReg with its Set1 bit, BitFramingReg (StartSend, RxAlign, TxLastBits), ErrorReg, CollReg,
// ControlReg's RxLastBits, the timer only when TModeReg's TAuto is set, and the antenna driver bits
// of TxControlReg that power the cards. The cards are ISO/IEC 14443-3 type A state machines
// (IDLE, READY, ACTIVE, HALT) that answer bit-oriented anticollision frames, so that several
// cards in the field collide bit by bit as real ones do. Its CRC_A is computed here, not borrowed.

const R = { Command: 0x01, ComIrq: 0x04, DivIrq: 0x05, Error: 0x06, FIFOData: 0x09, FIFOLevel: 0x0a, Control: 0x0c, BitFraming: 0x0d, Coll: 0x0e, TxControl: 0x14, TMode: 0x2a, Version: 0x37 };

function crc(data: number[]): number[] {
  let c = 0x6363;
  for (const byte of data) {
    for (let i = 0; i < 8; i++) {
      const bit = ((byte >> i) ^ c) & 1;
      c >>= 1;
      if (bit) c ^= 0x8408;
    }
  }
  return [c & 0xff, c >> 8];
}

const toBits = (bytes: number[], count = bytes.length * 8) => Array.from({ length: count }, (_, i) => ((bytes[i >> 3] as number) >> (i & 7)) & 1);
const toBytes = (bits: number[]) => {
  const out = new Array<number>(Math.ceil(bits.length / 8)).fill(0);
  bits.forEach((b, i) => (out[i >> 3] = (out[i >> 3] as number) | (b << (i & 7))));
  return out;
};

export class SimCard {
  state: 'idle' | 'ready' | 'active' | 'halt' = 'idle';
  private halted = false;
  private level = 0;

  constructor(
    readonly uid: number[],
    readonly sak = 0x08,
  ) {
    if (![4, 7, 10].includes(uid.length)) throw new Error('a UID has 4, 7 or 10 bytes');
  }

  get atqa(): number[] {
    return [this.uid.length === 4 ? 0x04 : this.uid.length === 7 ? 0x44 : 0x84, 0x00];
  }

  /** The 5 bytes a cascade level carries: [CT,] UID bytes, BCC. */
  cln(level: number): number[] {
    const u = this.uid;
    const parts = u.length === 4 ? [u] : u.length === 7 ? [[0x88, ...u.slice(0, 3)], u.slice(3)] : [[0x88, ...u.slice(0, 3)], [0x88, ...u.slice(3, 6)], u.slice(6)];
    const four = parts[level] as number[];
    return [...four, four.reduce((a, b) => a ^ b, 0)];
  }

  /** Entering the field (or the field coming on) powers the card up from scratch. */
  powerUp(): void {
    this.state = 'idle';
    this.halted = false;
    this.level = 0;
  }

  private reset(): void {
    this.state = this.halted ? 'halt' : 'idle';
  }

  /** One frame in (as bits); the answer's bits and where in the cascade frame they start, or null for silence. */
  hear(bits: number[]): number[] | null {
    const bytes = toBytes(bits);
    if (bits.length === 7 && (bytes[0] === 0x26 || bytes[0] === 0x52)) {
      const wupa = bytes[0] === 0x52;
      if (this.state === 'idle' || (wupa && this.state === 'halt')) {
        this.halted = this.state === 'halt';
        this.state = 'ready';
        this.level = 0;
        return toBits(this.atqa);
      }
      return null;
    }
    if (this.state === 'active') {
      if (bits.length === 32 && bytes[0] === 0x50 && bytes[1] === 0x00 && crc([0x50, 0x00]).every((b, i) => b === bytes[2 + i])) {
        this.halted = true;
        this.state = 'halt';
        return null;
      }
      this.reset();
      return null;
    }
    if (this.state !== 'ready') return null;
    const sel = [0x93, 0x95, 0x97][this.level];
    if (bytes[0] !== sel || bits.length < 16) {
      this.reset();
      return null;
    }
    const nvb = bytes[1] as number;
    const cln = toBits(this.cln(this.level));
    if (nvb === 0x70) {
      if (bits.length !== 72 || !crc(bytes.slice(0, 7)).every((b, i) => b === bytes[7 + i])) return null;
      if (!toBits(bytes.slice(2, 7)).every((b, i) => b === cln[i])) {
        this.reset();
        return null;
      }
      const complete = this.level === (this.uid.length === 4 ? 0 : this.uid.length === 7 ? 1 : 2);
      const sak = complete ? this.sak : 0x04;
      if (complete) this.state = 'active';
      else this.level++;
      return toBits([sak, ...crc([sak])]);
    }
    const known = ((nvb >> 4) - 2) * 8 + (nvb & 0x0f);
    if (bits.length !== 16 + known || known > 40) return null;
    // Only the cards whose UID starts with the bits sent answer, with the rest of their bits.
    if (!bits.slice(16).every((b, i) => b === cln[i])) return null;
    return cln.slice(known);
  }
}

export class SimulatedMfrc522 implements SpiBus {
  private readonly regs = new Uint8Array(64);
  private fifo: number[] = [];
  readonly cards = new Set<SimCard>();
  /** Frames in which cards' answers collided. */
  collisions = 0;
  /** No chip on the bus: MISO floats (reads 0x00). */
  present = true;
  /** Every Transceive the chip ran: bits sent and the register state it ran with. */
  readonly frames: Array<{ bits: number; tAuto: boolean }> = [];

  constructor() {
    this.softReset();
  }

  private softReset(): void {
    this.regs.fill(0);
    this.regs[R.Command] = 0x20;
    this.regs[R.ComIrq] = 0x14;
    this.regs[R.Coll] = 0x80;
    this.regs[R.TxControl] = 0x80;
    this.regs[R.Version] = 0x92;
    this.fifo = [];
    this.setAntenna();
  }

  private antennaOn = false;
  private setAntenna(): void {
    const on = ((this.regs[R.TxControl] as number) & 0x03) !== 0;
    if (on !== this.antennaOn) for (const c of this.cards) c.powerUp();
    this.antennaOn = on;
  }

  add(card: SimCard): SimCard {
    card.powerUp();
    this.cards.add(card);
    return card;
  }

  remove(card: SimCard): void {
    this.cards.delete(card);
  }

  async transfer(tx: Uint8Array): Promise<Buffer> {
    const rx = Buffer.alloc(tx.length);
    if (!this.present || tx.length === 0) return rx;
    const first = tx[0] as number;
    const reg = (first >> 1) & 0x3f;
    if (first & 0x80) {
      // Read: every byte but the last names the register whose value the next byte carries.
      for (let i = 1; i < tx.length; i++) rx[i] = this.readReg(((tx[i - 1] as number) >> 1) & 0x3f);
    } else {
      for (let i = 1; i < tx.length; i++) this.writeReg(reg, tx[i] as number);
    }
    return rx;
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** The reader let go of the bus. */
  closed = false;

  private readReg(reg: number): number {
    if (reg === R.FIFOData) return this.fifo.shift() ?? 0;
    if (reg === R.FIFOLevel) return this.fifo.length;
    return this.regs[reg] as number;
  }

  private writeReg(reg: number, v: number): void {
    switch (reg) {
      case R.Command: {
        const cmd = v & 0x0f;
        this.regs[R.Command] = v & 0x3f;
        if (cmd === 0x0f) this.softReset();
        return;
      }
      case R.ComIrq:
      case R.DivIrq: {
        const cur = this.regs[reg] as number;
        this.regs[reg] = v & 0x80 ? cur | (v & 0x7f) : cur & ~(v & 0x7f);
        return;
      }
      case R.FIFOData:
        if (this.fifo.length >= 64) this.regs[R.Error] = (this.regs[R.Error] as number) | 0x10;
        else this.fifo.push(v);
        return;
      case R.FIFOLevel:
        if (v & 0x80) {
          this.fifo = [];
          this.regs[R.Error] = (this.regs[R.Error] as number) & ~0x10;
        }
        return;
      case R.BitFraming:
        this.regs[R.BitFraming] = v & 0x7f;
        if (v & 0x80 && ((this.regs[R.Command] as number) & 0x0f) === 0x0c) this.transceive();
        return;
      case R.TxControl:
        this.regs[R.TxControl] = v;
        this.setAntenna();
        return;
      case R.Error:
      case R.Version:
        return; // read-only
      default:
        this.regs[reg] = v;
    }
  }

  private transceive(): void {
    const framing = this.regs[R.BitFraming] as number;
    const txLast = framing & 0x07;
    const rxAlign = (framing >> 4) & 0x07;
    const bytes = this.fifo.splice(0);
    const count = bytes.length === 0 ? 0 : (bytes.length - 1) * 8 + (txLast || 8);
    const bits = toBits(bytes, count);
    const tAuto = ((this.regs[R.TMode] as number) & 0x80) !== 0;
    this.frames.push({ bits: count, tAuto });
    this.regs[R.Error] = 0;
    this.regs[R.ComIrq] = (this.regs[R.ComIrq] as number) | 0x40;
    const answers = this.antennaOn ? [...this.cards].map((c) => c.hear(bits)).filter((a): a is number[] => a !== null) : [];
    if (answers.length === 0) {
      // Silence: only the timer ends the wait, and only if TAuto started it.
      if (tAuto) this.regs[R.ComIrq] = (this.regs[R.ComIrq] as number) | 0x01;
      return;
    }
    const length = Math.max(...answers.map((a) => a.length));
    let collision = -1;
    const got: number[] = [];
    for (let i = 0; i < length; i++) {
      const values = new Set(answers.map((a) => a[i] ?? 0));
      if (values.size > 1 && collision < 0) collision = i;
      got.push(values.has(1) ? 1 : 0);
    }
    const stored = [...new Array<number>(rxAlign).fill(0), ...got];
    this.fifo = toBytes(stored);
    this.regs[R.Control] = ((this.regs[R.Control] as number) & ~0x07) | (stored.length % 8);
    if (collision >= 0) {
      // CollPos counts from bit 0 of the first FIFO byte, 1-based, 32 written as 0.
      this.collisions++;
      const pos = rxAlign + collision + 1;
      this.regs[R.Error] = (this.regs[R.Error] as number) | 0x08;
      this.regs[R.Coll] = 0x80 | (pos > 32 ? 0x20 : pos & 0x1f);
    }
    this.regs[R.ComIrq] = (this.regs[R.ComIrq] as number) | 0x20;
  }
}
