import type { CredentialFactor, CredentialReader } from '../access/devices.ts';
import type { SpiBus } from './spi.ts';

// NXP MFRC522 (the RC522 boards the seed's SimpleMFRC522 reads) on SPI, from the MFRC522 datasheet
// and ISO/IEC 14443-3 type A: REQA/WUPA, the anticollision and select loop over cascade levels 1-3
// (4-, 7- and 10-byte UIDs), HLTA.

export const REG = {
  Command: 0x01,
  ComIrq: 0x04,
  Error: 0x06,
  FIFOData: 0x09,
  FIFOLevel: 0x0a,
  Control: 0x0c,
  BitFraming: 0x0d,
  Coll: 0x0e,
  Mode: 0x11,
  TxControl: 0x14,
  TxASK: 0x15,
  TMode: 0x2a,
  TPrescaler: 0x2b,
  TReloadH: 0x2c,
  TReloadL: 0x2d,
  Version: 0x37,
} as const;
export const CMD = { Idle: 0x00, Transceive: 0x0c, SoftReset: 0x0f } as const;
export const IRQ = { Tx: 0x40, Rx: 0x20, Idle: 0x10, Err: 0x02, Timer: 0x01 } as const;
export const ERR = { BufferOvfl: 0x10, Coll: 0x08, CRC: 0x04, Parity: 0x02, Protocol: 0x01 } as const;

/** VersionReg values of the chips and clones that speak this register set. */
export const KNOWN_VERSIONS: Record<number, string> = { 0x88: 'FM17522', 0x90: 'MFRC522 v0.0', 0x91: 'MFRC522 v1.0', 0x92: 'MFRC522 v2.0', 0xb2: 'FM17522 (0xB2)' };

const PICC = { REQA: 0x26, WUPA: 0x52, HLTA: 0x50, SEL: [0x93, 0x95, 0x97], CT: 0x88 } as const;

/** CRC_A of ISO/IEC 14443-3 (x^16 + x^12 + x^5 + 1, reflected, preset 0x6363), low byte first. */
export function crcA(data: Uint8Array): Buffer {
  let crc = 0x6363;
  for (const byte of data) {
    let b = (byte ^ (crc & 0xff)) & 0xff;
    b = (b ^ (b << 4)) & 0xff;
    crc = ((crc >> 8) ^ (b << 8) ^ (b << 3) ^ (b >> 4)) & 0xffff;
  }
  return Buffer.of(crc & 0xff, crc >> 8);
}

export type Transceived =
  | { ok: true; data: Buffer; bits: number }
  | { ok: false; error: 'timeout' }
  | { ok: false; error: 'collision'; data: Buffer; collPos: number | null }
  | { ok: false; error: 'transmission'; detail: number };

/** The chip itself: register access over SPI and one Transceive at a time. */
export class Mfrc522 {
  constructor(readonly spi: SpiBus) {}

  async read(reg: number): Promise<number> {
    const rx = await this.spi.transfer(Buffer.of(0x80 | (reg << 1), 0));
    return rx[1] as number;
  }

  /** Reads one register n times in one SPI transfer (the FIFO): each address byte clocks out the previous read. */
  async readMany(reg: number, n: number): Promise<Buffer> {
    if (n === 0) return Buffer.alloc(0);
    const tx = Buffer.alloc(n + 1, 0x80 | (reg << 1));
    tx[n] = 0;
    return (await this.spi.transfer(tx)).subarray(1);
  }

  async write(reg: number, ...values: number[]): Promise<void> {
    await this.spi.transfer(Buffer.of(reg << 1, ...values));
  }

  /** VersionReg; a missing chip reads 0x00 or 0xFF on a floating MISO line. */
  version(): Promise<number> {
    return this.read(REG.Version);
  }

  async init(): Promise<void> {
    await this.write(REG.Command, CMD.SoftReset);
    // The reset ends when the PowerDown bit drops (the oscillator has started).
    for (let i = 0; i < 50 && ((await this.read(REG.Command)) & 0x10); i++) await new Promise((r) => setTimeout(r, 1));
    // Timer: TAuto starts it at the end of each transmission; 13.56 MHz / (2*0xD3E+1) ~ 2 kHz, so a
    // reload of 30 gives up on a silent field after ~15 ms.
    await this.write(REG.TMode, 0x8d);
    await this.write(REG.TPrescaler, 0x3e);
    await this.write(REG.TReloadH, 0);
    await this.write(REG.TReloadL, 30);
    await this.write(REG.TxASK, 0x40); // 100 % ASK, as type A needs
    await this.write(REG.Mode, 0x3d); // CRC preset 0x6363
    await this.antenna(true);
  }

  async antenna(on: boolean): Promise<void> {
    const v = await this.read(REG.TxControl);
    await this.write(REG.TxControl, on ? v | 0x03 : v & ~0x03);
  }

  /**
   * Sends `data` (the last byte `txLastBits` long, 0 = 8) and receives the answer; received bits are
   * stored from bit `rxAlign` of the first FIFO byte on (anticollision frames that split a byte).
   */
  async transceive(data: Uint8Array, txLastBits = 0, rxAlign = 0): Promise<Transceived> {
    const framing = ((rxAlign & 7) << 4) | (txLastBits & 7);
    await this.write(REG.Command, CMD.Idle);
    await this.write(REG.ComIrq, 0x7f);
    await this.write(REG.FIFOLevel, 0x80);
    await this.write(REG.FIFOData, ...data);
    await this.write(REG.BitFraming, framing);
    await this.write(REG.Command, CMD.Transceive);
    await this.write(REG.BitFraming, framing | 0x80);
    let irq: number;
    const deadline = Date.now() + 100;
    for (;;) {
      irq = await this.read(REG.ComIrq);
      if (irq & (IRQ.Rx | IRQ.Idle | IRQ.Timer)) break;
      if (Date.now() > deadline) throw new Error('the MFRC522 did not finish a transceive (no interrupt in 100 ms)');
    }
    await this.write(REG.BitFraming, framing);
    const err = await this.read(REG.Error);
    if (!(irq & (IRQ.Rx | IRQ.Idle))) return { ok: false, error: 'timeout' };
    if (err & (ERR.BufferOvfl | ERR.Parity | ERR.Protocol)) return { ok: false, error: 'transmission', detail: err };
    const n = (await this.read(REG.FIFOLevel)) & 0x7f;
    const received = await this.readMany(REG.FIFOData, n);
    const lastBits = (await this.read(REG.Control)) & 0x07;
    if (err & ERR.Coll) {
      const coll = await this.read(REG.Coll);
      return { ok: false, error: 'collision', data: received, collPos: coll & 0x20 ? null : (coll & 0x1f) || 32 };
    }
    return { ok: true, data: received, bits: lastBits ? (n - 1) * 8 + lastBits : n * 8 };
  }

  /** REQA wakes cards that are idle; WUPA also those halted (a card that stayed on the reader). True when any card answered. */
  async request(wake: 'REQA' | 'WUPA'): Promise<boolean> {
    const r = await this.transceive(Buffer.of(PICC[wake]), 7);
    // Several cards answer ATQA at once: that collides, but says just as clearly that cards are there.
    return (r.ok && r.bits === 16) || (!r.ok && r.error === 'collision');
  }

  /** Anticollision and select through the cascade levels; the full UID and SAK of one card, or null when it went away. */
  async select(): Promise<{ uid: Buffer; sak: number } | null> {
    const uid: number[] = [];
    for (const sel of PICC.SEL) {
      const cln = Buffer.alloc(5);
      let known = 0;
      while (known < 40) {
        const full = known >> 3;
        const extra = known & 7;
        const frame = Buffer.concat([Buffer.of(sel, ((2 + full) << 4) | extra), cln.subarray(0, full + (extra ? 1 : 0))]);
        const r = await this.transceive(frame, extra, extra);
        if (!r.ok && r.error !== 'collision') return null;
        const rx = r.data;
        // FIFO byte i is CLn byte `full + i`; the first shares its low `extra` bits with what we sent.
        rx.forEach((b, i) => {
          const at = full + i;
          if (at < 5) cln[at] = i === 0 ? ((cln[at] as number) & ((1 << extra) - 1)) | (b & ~((1 << extra) - 1) & 0xff) : b;
        });
        if (r.ok) break;
        if (r.collPos === null) return null;
        const bit = full * 8 + r.collPos - 1;
        if (bit < known || bit >= 40) return null;
        // Take the branch of the cards whose colliding bit is 1; what follows it is not known yet.
        const byte = bit >> 3;
        cln[byte] = ((cln[byte] as number) & ((1 << (bit & 7)) - 1)) | (1 << (bit & 7));
        cln.fill(0, byte + 1);
        known = bit + 1;
      }
      if (((cln[0] as number) ^ (cln[1] as number) ^ (cln[2] as number) ^ (cln[3] as number)) !== cln[4]) return null;
      const select = Buffer.concat([Buffer.of(sel, 0x70), cln]);
      const r = await this.transceive(Buffer.concat([select, crcA(select)]));
      if (!r.ok || r.bits !== 24 || !crcA(r.data.subarray(0, 1)).equals(r.data.subarray(1, 3))) return null;
      const sak = r.data[0] as number;
      if (sak & 0x04) {
        // UID not complete: this level carried the cascade tag and three UID bytes.
        if (cln[0] !== PICC.CT) return null;
        uid.push(...cln.subarray(1, 4));
        continue;
      }
      uid.push(...cln.subarray(0, 4));
      return { uid: Buffer.from(uid), sak };
    }
    return null;
  }

  /** HLTA: the selected card goes quiet until it leaves the field or is woken by WUPA. */
  async halt(): Promise<void> {
    const frame = Buffer.of(PICC.HLTA, 0x00);
    await this.transceive(Buffer.concat([frame, crcA(frame)]));
  }
}

/** A card's id as Vigil stores fobs: the UID in hex. */
export const uidHex = (uid: Uint8Array) => Buffer.from(uid).toString('hex');

/**
 * The number the seed's SimpleMFRC522.read_id() gave for a card: the five bytes of cascade level 1
 * (UID bytes, or cascade tag and three bytes, then BCC) as one integer. For migrating seed card ids.
 */
export function simpleMfrc522Id(uid: Uint8Array): string {
  const cl1 = uid.length === 4 ? [...uid] : [PICC.CT, ...uid.subarray(0, 3)];
  const bytes = [...cl1, cl1.reduce((a, b) => a ^ b, 0)];
  return bytes.reduce((n, b) => n * 256n + BigInt(b), 0n).toString();
}

export interface Mfrc522ReaderOptions {
  /** Between polls of the field, ms. */
  pollMs?: number;
  /** A card unseen this long has left; shown again, it counts again, ms. */
  releaseMs?: number;
  /** The chip answers (online) or not, with what it says it is. */
  onStatus?: (online: boolean, detail: string) => void;
}

/**
 * The MFRC522 as a door's card reader: polls the field, reads one card, halts it. A card held on the
 * reader counts once: each poll wakes it with WUPA (halted cards too), sees the same UID, and stays
 * quiet; only a UID unseen for `releaseMs` counts again.
 */
export class Mfrc522Reader implements CredentialReader {
  private readonly chip: Mfrc522;
  private readonly pollMs: number;
  private readonly releaseMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private stopped = true;
  private online: boolean | null = null;
  private held: { uid: string; seen: number } | null = null;

  constructor(
    spi: SpiBus,
    private readonly opts: Mfrc522ReaderOptions = {},
  ) {
    this.chip = new Mfrc522(spi);
    this.pollMs = opts.pollMs ?? 100;
    this.releaseMs = opts.releaseMs ?? 500;
  }

  private status(online: boolean, detail: string): void {
    if (this.online === online) return;
    this.online = online;
    this.opts.onStatus?.(online, detail);
  }

  async start(onCredential: (factor: CredentialFactor, value: string) => void): Promise<void> {
    this.stopped = false;
    const tick = () => {
      this.running = this.poll(onCredential).finally(() => {
        if (!this.stopped) this.timer = setTimeout(tick, this.pollMs);
      });
    };
    tick();
    await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    if (this.online) await this.chip.antenna(false).catch(() => {});
    await this.chip.spi.close();
  }

  private async poll(onCredential: (factor: CredentialFactor, value: string) => void): Promise<void> {
    try {
      if (!this.online) {
        const v = await this.chip.version();
        if (!(v in KNOWN_VERSIONS)) {
          this.status(false, `no MFRC522 answers (VersionReg 0x${v.toString(16).padStart(2, '0')})`);
          return;
        }
        await this.chip.init();
        this.status(true, KNOWN_VERSIONS[v] as string);
      }
      const now = Date.now();
      const card = (await this.chip.request('WUPA')) ? await this.chip.select() : null;
      if (card) await this.chip.halt();
      if (!card) {
        if (this.held && now - this.held.seen >= this.releaseMs) this.held = null;
        return;
      }
      const id = uidHex(card.uid);
      if (this.held?.uid === id) {
        this.held.seen = now;
        return;
      }
      this.held = { uid: id, seen: now };
      onCredential('fob', id);
    } catch (err) {
      this.status(false, (err as Error).message);
    }
  }
}
