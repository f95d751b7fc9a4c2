import type { ByteLink } from './serialLink.ts';
import {
  ACK_LENGTH,
  CONFIRM,
  DEFAULT_ADDRESS,
  INS,
  LED,
  LED_COLOR,
  PID,
  PacketDecoder,
  commandPacket,
  confirmText,
  params,
  parseIndexTable,
  parseSystemParameters,
  type Instruction,
  type SystemParameters,
} from './r30xProtocol.ts';

export type R30xFailure = 'timeout' | 'corrupt' | 'closed' | 'device';

/** A command that did not get a usable answer. `device` carries the module's own confirmation code. */
export class R30xError extends Error {
  constructor(
    readonly failure: R30xFailure,
    message: string,
    readonly confirm: number | null = null,
  ) {
    super(message);
  }
}

export interface R30xOptions {
  address?: number;
  password?: number;
  /** How long a command may take before it counts as unanswered, ms. */
  timeoutMs?: number;
}

interface Pending {
  ins: Instruction;
  resolve: (reply: { confirm: number; data: Buffer }) => void;
  reject: (err: R30xError) => void;
}

/** Commands that search the whole library or write flash may take longer than the rest. */
const SLOW = new Set<Instruction>([INS.search, INS.store, INS.deleteChar, INS.regModel, INS.writeNotepad]);

/**
 * One R30x-family module on a byte link: one command at a time, each answered by one
 * acknowledgement packet from the module's address, checked for length and checksum. A reply that
 * arrives corrupted is retried once; a timeout is not (it already cost the caller the wait), but the
 * next command first waits for the line to go quiet, so that a late answer cannot be taken for its own.
 */
export class R30xSensor {
  readonly address: number;
  private readonly password: number;
  private readonly timeoutMs: number;
  private readonly decoder = new PacketDecoder();
  private pending: Pending | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private stale = false;
  private lastByteAt = 0;
  private readonly offs: Array<() => void>;
  /** Corrupted packets and stray bytes seen so far (for diagnostics). */
  readonly counters = { corrupt: 0, garbageBytes: 0, timeouts: 0 };

  constructor(
    private readonly link: ByteLink,
    opts: R30xOptions = {},
  ) {
    this.address = opts.address ?? DEFAULT_ADDRESS;
    this.password = opts.password ?? 0;
    this.timeoutMs = opts.timeoutMs ?? 2000;
    this.offs = [link.onData((chunk) => this.receive(chunk)), link.onLost((reason) => this.fail(new R30xError('closed', `link lost: ${reason}`)))];
  }

  dispose(): void {
    for (const off of this.offs.splice(0)) off();
    this.fail(new R30xError('closed', 'sensor closed'));
  }

  private receive(chunk: Buffer): void {
    this.lastByteAt = Date.now();
    for (const d of this.decoder.push(chunk)) {
      if (d.type === 'garbage') {
        this.counters.garbageBytes += d.bytes;
      } else if (d.type === 'corrupt') {
        this.counters.corrupt++;
        this.fail(new R30xError('corrupt', 'reply failed its checksum'));
      } else if (d.packet.pid === PID.ack && d.packet.address === this.address >>> 0) {
        const p = this.pending;
        if (!p) continue;
        const content = d.packet.content;
        const confirm = content[0] ?? -1;
        // A failed command may answer with its confirmation code alone; a successful one must be whole.
        if (content.length === ACK_LENGTH[p.ins] || (content.length >= 1 && confirm !== CONFIRM.ok)) {
          this.pending = undefined;
          p.resolve({ confirm, data: content.subarray(1) });
        } else {
          this.fail(new R30xError('corrupt', `reply of ${content.length} bytes to instruction 0x${p.ins.toString(16)}`));
        }
      }
    }
  }

  private fail(err: R30xError): void {
    const p = this.pending;
    this.pending = undefined;
    p?.reject(err);
  }

  private async settle(): Promise<void> {
    if (!this.stale) return;
    // Wait until nothing has arrived for a while (a second at most: a line that never goes quiet
    // must still fail its commands), then forget whatever came late.
    const until = Date.now() + 1000;
    while (Date.now() - this.lastByteAt < 100 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    this.decoder.reset();
    this.stale = false;
  }

  private once(ins: Instruction, body: Uint8Array): Promise<{ confirm: number; data: Buffer }> {
    return new Promise((resolve, reject) => {
      const timeout = SLOW.has(ins) ? this.timeoutMs * 2 : this.timeoutMs;
      const timer = setTimeout(() => {
        if (this.pending !== entry) return;
        this.pending = undefined;
        this.stale = true;
        this.counters.timeouts++;
        reject(new R30xError('timeout', `no answer to instruction 0x${ins.toString(16)} within ${timeout} ms`));
      }, timeout);
      const entry: Pending = {
        ins,
        resolve: (r) => (clearTimeout(timer), resolve(r)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      };
      this.pending = entry;
      this.link.write(commandPacket(this.address, ins, body)).catch((err: Error) => {
        if (this.pending === entry) this.fail(new R30xError('closed', err.message));
      });
    });
  }

  /** Sends one command and returns its confirmation code and parameters; corrupt replies are tried once more. */
  command(ins: Instruction, body: Uint8Array = new Uint8Array()): Promise<{ confirm: number; data: Buffer }> {
    const run = async () => {
      if (!this.link.isOpen) throw new R30xError('closed', 'link not open');
      await this.settle();
      try {
        const r = await this.once(ins, body);
        if (r.confirm !== CONFIRM.packetError) return r;
      } catch (err) {
        if (!(err instanceof R30xError) || err.failure !== 'corrupt') throw err;
        this.stale = true;
        await this.settle();
      }
      const again = await this.once(ins, body);
      if (again.confirm === CONFIRM.packetError) throw new R30xError('corrupt', 'the module received our command corrupted', again.confirm);
      return again;
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => {});
    return result;
  }

  private async expect(ins: Instruction, body: Uint8Array, what: string, okCodes: readonly number[] = [CONFIRM.ok]): Promise<{ confirm: number; data: Buffer }> {
    const r = await this.command(ins, body);
    if (!okCodes.includes(r.confirm)) throw new R30xError('device', `${what}: ${confirmText(r.confirm)}`, r.confirm);
    return r;
  }

  /** VfyPwd: the handshake every module understands; false for a wrong password. */
  async verifyPassword(): Promise<boolean> {
    const r = await this.expect(INS.vfyPwd, params.vfyPwd(this.password), 'verify password', [CONFIRM.ok, CONFIRM.wrongPassword]);
    return r.confirm === CONFIRM.ok;
  }

  async systemParameters(): Promise<SystemParameters> {
    return parseSystemParameters((await this.expect(INS.readSysPara, new Uint8Array(), 'read system parameters')).data);
  }

  async templateCount(): Promise<number> {
    return (await this.expect(INS.templateNum, new Uint8Array(), 'template count')).data.readUInt16BE(0);
  }

  /** GenImg: 'none' when no finger is on the glass. */
  async captureImage(): Promise<'ok' | 'none' | 'failed'> {
    const r = await this.expect(INS.genImg, new Uint8Array(), 'capture', [CONFIRM.ok, CONFIRM.noFinger, CONFIRM.imageFailed]);
    return r.confirm === CONFIRM.ok ? 'ok' : r.confirm === CONFIRM.noFinger ? 'none' : 'failed';
  }

  /** Img2Tz: features of the captured image into a character buffer; the failures are about the image's quality. */
  async extractFeatures(buffer: 1 | 2): Promise<'ok' | 'messy' | 'too_few_features' | 'no_image'> {
    const r = await this.expect(INS.img2Tz, params.img2Tz(buffer), 'extract features', [CONFIRM.ok, CONFIRM.imageMessy, CONFIRM.tooFewFeatures, CONFIRM.noImage]);
    return r.confirm === CONFIRM.ok ? 'ok' : r.confirm === CONFIRM.imageMessy ? 'messy' : r.confirm === CONFIRM.tooFewFeatures ? 'too_few_features' : 'no_image';
  }

  /** Match: the two character buffers against each other; the score, or null when they differ. */
  async compareBuffers(): Promise<number | null> {
    const r = await this.expect(INS.match, new Uint8Array(), 'match', [CONFIRM.ok, CONFIRM.noMatch]);
    return r.confirm === CONFIRM.ok ? r.data.readUInt16BE(0) : null;
  }

  async search(buffer: 1 | 2, start: number, count: number): Promise<{ slot: number; score: number } | null> {
    const r = await this.expect(INS.search, params.search(buffer, start, count), 'search', [CONFIRM.ok, CONFIRM.notFound]);
    return r.confirm === CONFIRM.ok ? { slot: r.data.readUInt16BE(0), score: r.data.readUInt16BE(2) } : null;
  }

  /** RegModel: false when the two samples are not of one finger. */
  async createModel(): Promise<boolean> {
    return (await this.expect(INS.regModel, new Uint8Array(), 'combine samples', [CONFIRM.ok, CONFIRM.combineFailed])).confirm === CONFIRM.ok;
  }

  async store(buffer: 1 | 2, slot: number): Promise<void> {
    await this.expect(INS.store, params.store(buffer, slot), `store in slot ${slot}`);
  }

  async deleteTemplates(slot: number, count = 1): Promise<void> {
    await this.expect(INS.deleteChar, params.deleteChar(slot, count), `delete slot ${slot}`);
  }

  /** The occupied slots, read from the index table page by page up to the library's capacity. */
  async occupiedSlots(capacity: number): Promise<number[]> {
    const slots: number[] = [];
    for (let page = 0; page * 256 < capacity; page++) {
      slots.push(...parseIndexTable(page, (await this.expect(INS.readIndexTable, params.readIndexTable(page), 'read index table')).data));
    }
    return slots.filter((s) => s < capacity);
  }

  async readNotepad(page: number): Promise<Buffer> {
    return (await this.expect(INS.readNotepad, params.readNotepad(page), 'read notepad')).data;
  }

  async writeNotepad(page: number, data: Uint8Array): Promise<void> {
    await this.expect(INS.writeNotepad, params.writeNotepad(page, data), 'write notepad');
  }

  /** R503 ring LED; other modules answer with an error, which the caller may ignore. */
  async ringLed(mode: keyof typeof LED, color: keyof typeof LED_COLOR, speed = 0x40, times = 0): Promise<void> {
    await this.expect(INS.auraLedConfig, params.auraLedConfig(LED[mode], speed, LED_COLOR[color], times), 'ring LED');
  }
}
