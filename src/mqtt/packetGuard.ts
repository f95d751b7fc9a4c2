import { Duplex } from 'node:stream';
import type net from 'node:net';


export type GuardViolation = 'not_connect_first' | 'packet_too_large' | 'malformed_length';

const CONNECT = 1;

/**
 * Reads MQTT framing (fixed header and remaining length) as bytes arrive and cuts the connection as
 * soon as a packet announces more than the limit, or the first packet is not CONNECT, before the
 * broker's parser buffers a byte of it. Without it the broker holds whole packets in memory, so an
 * unauthenticated socket announcing 250 MB could take that much.
 */
export class PacketGuard extends Duplex {
  private limit: number;
  private packets = 0;
  /** Framing state: reading the type byte, the remaining-length bytes, or skipping a body. */
  private state: 'type' | 'length' = 'type';
  private type = 0;
  private length = 0;
  private lengthBytes = 0;
  private bodyLeft = 0;

  /** `limit`: the largest packet before login (CONNECT with its will must fit). */
  constructor(
    readonly socket: net.Socket,
    limit: number,
    onViolation: (v: GuardViolation, announced: number) => void,
  ) {
    super({ allowHalfOpen: false });
    this.limit = limit;
    socket.on('data', (chunk: Buffer) => {
      const bad = this.scan(chunk);
      if (bad) {
        onViolation(bad.violation, bad.announced);
        socket.destroy();
        this.destroy();
        return;
      }
      if (!this.push(chunk)) socket.pause();
    });
    socket.on('end', () => this.push(null));
    socket.on('close', () => this.destroy());
    socket.on('error', (err) => this.destroy(err));
  }

  /** The login succeeded: packets up to what this login may send may come now. */
  trust(limit: number): void {
    this.limit = limit;
  }

  get remoteAddress(): string | undefined {
    return this.socket.remoteAddress;
  }

  private scan(chunk: Buffer): { violation: GuardViolation; announced: number } | null {
    let i = 0;
    while (i < chunk.length) {
      if (this.bodyLeft > 0) {
        const take = Math.min(this.bodyLeft, chunk.length - i);
        this.bodyLeft -= take;
        i += take;
        continue;
      }
      const byte = chunk[i++] as number;
      if (this.state === 'type') {
        this.type = byte >> 4;
        if (this.packets === 0 && this.type !== CONNECT) return { violation: 'not_connect_first', announced: 0 };
        this.state = 'length';
        this.length = 0;
        this.lengthBytes = 0;
        continue;
      }
      // Remaining length: base-128, least significant group first, at most four bytes.
      this.length += (byte & 0x7f) * 128 ** this.lengthBytes;
      this.lengthBytes++;
      if (byte & 0x80) {
        if (this.lengthBytes === 4) return { violation: 'malformed_length', announced: this.length };
        if (this.length > this.limit) return { violation: 'packet_too_large', announced: this.length };
        continue;
      }
      if (this.length > this.limit) return { violation: 'packet_too_large', announced: this.length };
      this.packets++;
      this.bodyLeft = this.length;
      this.state = 'type';
    }
    return null;
  }

  override _read(): void {
    this.socket.resume();
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, done: (err?: Error | null) => void): void {
    this.socket.write(chunk, encoding, done);
  }

  override _final(done: (err?: Error | null) => void): void {
    this.socket.end(done);
  }

  override _destroy(err: Error | null, done: (err?: Error | null) => void): void {
    this.socket.destroy();
    done(err);
  }
}

/** Counts open connections per address; `admit` says no past the cap. */
export class ConnectionCounter {
  private readonly open = new Map<string, number>();
  constructor(private readonly perAddress: number) {}

  admit(address: string): boolean {
    const n = this.open.get(address) ?? 0;
    if (n >= this.perAddress) return false;
    this.open.set(address, n + 1);
    return true;
  }

  release(address: string): void {
    const n = (this.open.get(address) ?? 1) - 1;
    if (n <= 0) this.open.delete(address);
    else this.open.set(address, n);
  }
}
