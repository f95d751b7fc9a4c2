import { SerialPort } from 'serialport';

// A simulated R30x-family fingerprint module on the device end of a pseudo-terminal. It frames and
// checks packets itself, byte for byte from the R503 user manual, rather than reusing Vigil's codec,
// so that a mistake in one is not mirrored in the other.

/** What survives a power cycle: the flash. Pass the same object to a new simulator to replug the same module. */
export interface SimFlash {
  address: number;
  password: number;
  capacity: number;
  /** slot -> finger id */
  library: Map<number, string>;
  notepad: Buffer[];
}

export function blankFlash(capacity = 200): SimFlash {
  return { address: 0xffffffff, password: 0, capacity, library: new Map(), notepad: Array.from({ length: 16 }, () => Buffer.alloc(32)) };
}

type Quality = 'good' | 'messy' | 'few_features' | 'smudge';

const sum16 = (bytes: Uint8Array) => bytes.reduce((a, b) => a + b, 0) & 0xffff;

export class SimulatedR30x {
  private port: SerialPort | undefined;
  private rx = Buffer.alloc(0);
  private finger: { id: string; quality: Quality } | null = null;
  private image: { id: string; quality: Quality } | null = null;
  private readonly chars: Array<string | null> = [null, null, null];
  private verified = false;
  /** Instruction codes received, in order. */
  readonly log: number[] = [];
  /** Ring LED (R503) state as last set: [control, speed, colour, times]. */
  led: number[] | null = null;
  readonly faults = { corruptReplies: 0, silent: false, garbageBeforeReply: null as Buffer | null };

  constructor(
    readonly flash: SimFlash,
    private readonly opts: { ringLed?: boolean } = {},
  ) {}

  async open(path: string): Promise<void> {
    const port = new SerialPort({ path, baudRate: 57600, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
    port.on('data', (chunk: Buffer) => this.receive(chunk));
    port.on('error', () => {});
    this.port = port;
    // After power-on the module announces itself with 0x55 (R503 manual, power-on delay).
    port.write(Buffer.of(0x55));
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  place(id: string, quality: Quality = 'good'): void {
    this.finger = { id, quality };
  }

  lift(): void {
    this.finger = null;
  }

  /** Raw bytes on the line, as noise would put them. */
  noise(bytes: Uint8Array): void {
    this.port?.write(Buffer.from(bytes));
  }

  private receive(chunk: Buffer): void {
    this.rx = Buffer.concat([this.rx, chunk]);
    for (;;) {
      const start = this.rx.indexOf(Buffer.of(0xef, 0x01));
      if (start < 0) {
        this.rx = Buffer.alloc(0);
        return;
      }
      this.rx = this.rx.subarray(start);
      if (this.rx.length < 9) return;
      const length = this.rx.readUInt16BE(7);
      if (this.rx.length < 9 + length) return;
      const frame = this.rx.subarray(0, 9 + length);
      this.rx = this.rx.subarray(9 + length);
      const address = frame.readUInt32BE(2);
      if (address !== this.flash.address) continue; // "module will reject to transfer"
      const pid = frame[6] as number;
      const body = frame.subarray(9, 7 + length);
      const sum = frame.readUInt16BE(7 + length);
      if (pid !== 0x01) continue;
      if (sum !== sum16(frame.subarray(6, 7 + length))) {
        this.reply(0x01);
        continue;
      }
      this.execute(body[0] as number, body.subarray(1));
    }
  }

  private reply(confirm: number, params: Uint8Array = new Uint8Array()): void {
    if (this.faults.silent || !this.port) return;
    const content = Buffer.concat([Buffer.of(confirm), params]);
    const head = Buffer.alloc(9);
    head.writeUInt16BE(0xef01, 0);
    head.writeUInt32BE(this.flash.address, 2);
    head.writeUInt8(0x07, 6);
    head.writeUInt16BE(content.length + 2, 7);
    const tail = Buffer.alloc(2);
    tail.writeUInt16BE(sum16(Buffer.concat([head.subarray(6), content])));
    const packet = Buffer.concat([head, content, tail]);
    if (this.faults.corruptReplies > 0) {
      this.faults.corruptReplies--;
      packet[packet.length - 1] = (packet[packet.length - 1] as number) ^ 0x5a;
    }
    if (this.faults.garbageBeforeReply) {
      this.port.write(this.faults.garbageBeforeReply);
      this.faults.garbageBeforeReply = null;
    }
    this.port.write(packet);
  }

  private execute(ins: number, p: Buffer): void {
    this.log.push(ins);
    const f = this.flash;
    const u16 = (n: number) => Buffer.of(n >> 8, n & 0xff);
    if (ins !== 0x13 && f.password !== 0 && !this.verified) return this.reply(0x21);
    switch (ins) {
      case 0x13: // VfyPwd
        this.verified = p.readUInt32BE(0) === f.password;
        return this.reply(this.verified ? 0x00 : 0x13);
      case 0x0f: {
        // ReadSysPara: status, system id, library size, security level, address, packet size (2 = 128 bytes), baud N (6 = 57600)
        const b = Buffer.alloc(16);
        b.writeUInt16BE(0, 0);
        b.writeUInt16BE(0, 2);
        b.writeUInt16BE(f.capacity, 4);
        b.writeUInt16BE(3, 6);
        b.writeUInt32BE(f.address, 8);
        b.writeUInt16BE(2, 12);
        b.writeUInt16BE(6, 14);
        return this.reply(0x00, b);
      }
      case 0x1d: // TempleteNum
        return this.reply(0x00, u16(f.library.size));
      case 0x1f: {
        // ReadIndexTable: 32 bytes, byte j bit i = slot page*256 + 8j + i
        const page = p[0] as number;
        const table = Buffer.alloc(32);
        for (const slot of f.library.keys()) {
          const rel = slot - page * 256;
          if (rel >= 0 && rel < 256) table[rel >> 3] = (table[rel >> 3] as number) | (1 << (rel & 7));
        }
        return this.reply(0x00, table);
      }
      case 0x19: {
        const page = f.notepad[p[0] as number];
        return page ? this.reply(0x00, page) : this.reply(0x1c);
      }
      case 0x18: {
        if ((p[0] as number) > 15 || p.length !== 33) return this.reply(0x1c);
        f.notepad[p[0] as number] = Buffer.from(p.subarray(1));
        return this.reply(0x00);
      }
      case 0x01: // GenImg
        this.image = this.finger && { ...this.finger };
        if (!this.image) return this.reply(0x02);
        return this.reply(this.image.quality === 'smudge' ? 0x03 : 0x00);
      case 0x02: {
        // Img2Tz (GenChar)
        const buf = p[0] as number;
        if (buf < 1 || buf > 2) return this.reply(0x01);
        if (!this.image) return this.reply(0x15);
        if (this.image.quality === 'messy') return this.reply(0x06);
        if (this.image.quality === 'few_features') return this.reply(0x07);
        this.chars[buf] = this.image.id;
        return this.reply(0x00);
      }
      case 0x03: // Match
        return this.chars[1] && this.chars[1] === this.chars[2] ? this.reply(0x00, u16(150)) : this.reply(0x08, u16(0));
      case 0x05: // RegModel
        return this.chars[1] && this.chars[1] === this.chars[2] ? this.reply(0x00) : this.reply(0x0a);
      case 0x06: {
        // Store
        const buf = p[0] as number;
        const slot = p.readUInt16BE(1);
        if (slot >= f.capacity) return this.reply(0x0b);
        const id = this.chars[buf];
        if (!id) return this.reply(0x0c);
        f.library.set(slot, id);
        return this.reply(0x00);
      }
      case 0x04: {
        // Search
        const id = this.chars[p[0] as number];
        const start = p.readUInt16BE(1);
        const count = p.readUInt16BE(3);
        for (let slot = start; slot < Math.min(f.capacity, start + count); slot++) {
          if (id && f.library.get(slot) === id) return this.reply(0x00, Buffer.concat([u16(slot), u16(100 + (slot % 50))]));
        }
        return this.reply(0x09, Buffer.alloc(4));
      }
      case 0x0c: {
        // DeletChar
        const slot = p.readUInt16BE(0);
        const count = p.readUInt16BE(2);
        if (slot + count > f.capacity) return this.reply(0x10);
        for (let s = slot; s < slot + count; s++) f.library.delete(s);
        return this.reply(0x00);
      }
      case 0x35: // AuraLedConfig (R503 only)
        if (!this.opts.ringLed) return this.reply(0xfc);
        this.led = [...p.subarray(0, 4)];
        return this.reply(0x00);
      default:
        return this.reply(0xfc);
    }
  }
}
