// The serial protocol of the ZhianTec/Hangzhou Grow fingerprint modules (R305/R307/R503, ZFM-20,
// AS608 and their clones), from the R503 user manual: every exchange is a packet
//   0xEF01 | address (4) | packet id (1) | length (2) = content + 2 | content | checksum (2)
// where the checksum is the 16-bit sum of packet id, length bytes and content; multi-byte numbers
// are big-endian. Pure: no I/O here.

export const HEADER = 0xef01;
export const DEFAULT_ADDRESS = 0xffffffff;
/** The manual caps a packet's length field at 256 content bytes plus the checksum. */
export const MAX_CONTENT = 256;

export const PID = { command: 0x01, data: 0x02, ack: 0x07, end: 0x08 } as const;
const PIDS = new Set<number>(Object.values(PID));

/** Instruction codes (the manual's instruction table). */
export const INS = {
  genImg: 0x01,
  img2Tz: 0x02,
  match: 0x03,
  search: 0x04,
  regModel: 0x05,
  store: 0x06,
  deleteChar: 0x0c,
  readSysPara: 0x0f,
  vfyPwd: 0x13,
  writeNotepad: 0x18,
  readNotepad: 0x19,
  templateNum: 0x1d,
  readIndexTable: 0x1f,
  auraLedConfig: 0x35,
} as const;
export type Instruction = (typeof INS)[keyof typeof INS];

/** Content bytes of a successful acknowledgement, confirmation code included. */
export const ACK_LENGTH: Record<Instruction, number> = {
  [INS.genImg]: 1,
  [INS.img2Tz]: 1,
  [INS.match]: 3,
  [INS.search]: 5,
  [INS.regModel]: 1,
  [INS.store]: 1,
  [INS.deleteChar]: 1,
  [INS.readSysPara]: 17,
  [INS.vfyPwd]: 1,
  [INS.writeNotepad]: 1,
  [INS.readNotepad]: 33,
  [INS.templateNum]: 3,
  [INS.readIndexTable]: 33,
  [INS.auraLedConfig]: 1,
};

/** Confirmation codes that the code below acts on; the rest are reported by number and text. */
export const CONFIRM = {
  ok: 0x00,
  packetError: 0x01,
  noFinger: 0x02,
  imageFailed: 0x03,
  imageMessy: 0x06,
  tooFewFeatures: 0x07,
  noMatch: 0x08,
  notFound: 0x09,
  combineFailed: 0x0a,
  badSlot: 0x0b,
  wrongPassword: 0x13,
  noImage: 0x15,
  flashError: 0x18,
  badNotepadPage: 0x1c,
} as const;

const CONFIRM_TEXT: Record<number, string> = {
  0x01: 'error receiving the packet',
  0x02: 'no finger on the sensor',
  0x03: 'could not capture the finger',
  0x06: 'image too disorderly',
  0x07: 'too few feature points',
  0x08: 'finger does not match',
  0x09: 'no matching finger',
  0x0a: 'could not combine the samples',
  0x0b: 'slot beyond the library',
  0x0c: 'template invalid or unreadable',
  0x10: 'could not delete the template',
  0x11: 'could not clear the library',
  0x13: 'wrong password',
  0x15: 'no valid image',
  0x18: 'error writing flash',
  0x1a: 'invalid register number',
  0x1c: 'wrong notepad page',
  0x1f: 'library full',
  0x21: 'password must be verified',
  0x29: 'sensor hardware error',
  0xfc: 'unsupported command',
  0xfd: 'hardware error',
  0xfe: 'command failed',
};

export function confirmText(code: number): string {
  return CONFIRM_TEXT[code] ?? `confirmation code 0x${code.toString(16).padStart(2, '0')}`;
}

export interface R30xPacket {
  address: number;
  pid: number;
  content: Buffer;
}

export function checksum(pid: number, content: Uint8Array): number {
  const length = content.length + 2;
  let sum = pid + (length >> 8) + (length & 0xff);
  for (const b of content) sum += b;
  return sum & 0xffff;
}

export function encodePacket(p: R30xPacket): Buffer {
  if (p.content.length > MAX_CONTENT) throw new RangeError(`packet content of ${p.content.length} bytes; at most ${MAX_CONTENT}`);
  const out = Buffer.alloc(11 + p.content.length);
  out.writeUInt16BE(HEADER, 0);
  out.writeUInt32BE(p.address >>> 0, 2);
  out.writeUInt8(p.pid, 6);
  out.writeUInt16BE(p.content.length + 2, 7);
  Buffer.from(p.content).copy(out, 9);
  out.writeUInt16BE(checksum(p.pid, p.content), 9 + p.content.length);
  return out;
}

export function commandPacket(address: number, ins: Instruction, params: Uint8Array = new Uint8Array()): Buffer {
  return encodePacket({ address, pid: PID.command, content: Buffer.concat([Buffer.of(ins), params]) });
}

export type Decoded = { type: 'packet'; packet: R30xPacket } | { type: 'corrupt'; reason: 'checksum' } | { type: 'garbage'; bytes: number };

/**
 * Splits a byte stream into packets. Bytes before a header (line noise, the 0x55 a module sends
 * after power-on) are skipped; a header whose packet id or length cannot be right, or a packet whose
 * checksum fails, gives up one byte and searches again, so the stream resynchronises on the next
 * real packet.
 */
export class PacketDecoder {
  private buf = Buffer.alloc(0);

  push(chunk: Uint8Array): Decoded[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : Buffer.from(chunk);
    const out: Decoded[] = [];
    let skipped = 0;
    const drop = (n: number, garbage: boolean) => {
      if (garbage) skipped += n;
      this.buf = this.buf.subarray(n);
    };
    const emit = (d: Decoded) => {
      if (skipped) out.push({ type: 'garbage', bytes: skipped });
      skipped = 0;
      out.push(d);
    };
    for (;;) {
      const start = findHeader(this.buf);
      if (start < 0) {
        // Keep a trailing 0xEF: it may be the first half of the next header.
        drop(this.buf.at(-1) === 0xef ? this.buf.length - 1 : this.buf.length, true);
        break;
      }
      drop(start, true);
      if (this.buf.length < 9) break;
      const pid = this.buf.readUInt8(6);
      const length = this.buf.readUInt16BE(7);
      if (!PIDS.has(pid) || length < 2 || length > MAX_CONTENT + 2) {
        drop(1, true);
        continue;
      }
      if (this.buf.length < 9 + length) break;
      const content = Buffer.from(this.buf.subarray(9, 7 + length));
      if (this.buf.readUInt16BE(7 + length) !== checksum(pid, content)) {
        emit({ type: 'corrupt', reason: 'checksum' });
        drop(1, false);
        continue;
      }
      emit({ type: 'packet', packet: { address: this.buf.readUInt32BE(2), pid, content } });
      drop(9 + length, false);
    }
    if (skipped) out.push({ type: 'garbage', bytes: skipped });
    return out;
  }

  reset(): void {
    this.buf = Buffer.alloc(0);
  }
}

function findHeader(buf: Buffer): number {
  for (let i = 0; i + 1 < buf.length; i++) if (buf[i] === 0xef && buf[i + 1] === 0x01) return i;
  return -1;
}

// --- Parameters and replies ----------------------------------------------------------------------

const u16 = (n: number) => Buffer.of((n >> 8) & 0xff, n & 0xff);
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
};

export const params = {
  vfyPwd: (password: number) => u32(password),
  img2Tz: (buffer: number) => Buffer.of(buffer),
  search: (buffer: number, start: number, count: number) => Buffer.concat([Buffer.of(buffer), u16(start), u16(count)]),
  store: (buffer: number, slot: number) => Buffer.concat([Buffer.of(buffer), u16(slot)]),
  deleteChar: (slot: number, count: number) => Buffer.concat([u16(slot), u16(count)]),
  readNotepad: (page: number) => Buffer.of(page),
  writeNotepad: (page: number, data: Uint8Array) => {
    if (data.length !== 32) throw new RangeError('a notepad page is 32 bytes');
    return Buffer.concat([Buffer.of(page), data]);
  },
  readIndexTable: (page: number) => Buffer.of(page),
  auraLedConfig: (ctrl: number, speed: number, color: number, times: number) => Buffer.of(ctrl, speed, color, times),
};

export interface SystemParameters {
  status: number;
  systemId: number;
  /** Templates the library holds (slots 0..capacity-1). */
  capacity: number;
  securityLevel: number;
  address: number;
  /** Data packet size in bytes (32, 64, 128 or 256). */
  packetSize: number;
  baudRate: number;
}

/** ReadSysPara's 16 parameter bytes (after the confirmation code). */
export function parseSystemParameters(data: Buffer): SystemParameters {
  if (data.length < 16) throw new RangeError(`system parameters are 16 bytes, got ${data.length}`);
  return {
    status: data.readUInt16BE(0),
    systemId: data.readUInt16BE(2),
    capacity: data.readUInt16BE(4),
    securityLevel: data.readUInt16BE(6),
    address: data.readUInt32BE(8),
    packetSize: 32 << Math.min(3, data.readUInt16BE(12)),
    baudRate: 9600 * data.readUInt16BE(14),
  };
}

/** ReadIndexTable's 32 bytes: bit i of byte j (low bit first) is slot page*256 + 8j + i. */
export function parseIndexTable(page: number, data: Buffer): number[] {
  const slots: number[] = [];
  for (let j = 0; j < 32 && j < data.length; j++) {
    for (let i = 0; i < 8; i++) if ((data[j] as number) & (1 << i)) slots.push(page * 256 + j * 8 + i);
  }
  return slots;
}

/** R503 ring LED. */
export const LED = {
  breathing: 0x01,
  flashing: 0x02,
  on: 0x03,
  off: 0x04,
  graduallyOn: 0x05,
  graduallyOff: 0x06,
} as const;
export const LED_COLOR = { red: 0x01, blue: 0x02, purple: 0x03, green: 0x04, yellow: 0x05, cyan: 0x06, white: 0x07 } as const;
