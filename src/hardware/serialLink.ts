import { SerialPort } from 'serialport';

/** A byte stream to a device (a UART): what the fingerprint sensor needs, and all a test double must offer. */
export interface ByteLink {
  readonly isOpen: boolean;
  /** Opens (or reopens, after the device went away) the link. */
  open(): Promise<void>;
  close(): Promise<void>;
  write(data: Uint8Array): Promise<void>;
  onData(fn: (chunk: Buffer) => void): () => void;
  /** The link closed by itself: the device was unplugged, the port vanished. */
  onLost(fn: (reason: string) => void): () => void;
}

/** A serial port through `serialport` (a USB-serial adapter, the Pi's UART, or a pseudo-terminal in tests). */
export class SerialPortLink implements ByteLink {
  private port: SerialPort | undefined;
  private readonly dataFns = new Set<(chunk: Buffer) => void>();
  private readonly lostFns = new Set<(reason: string) => void>();

  constructor(
    readonly path: string,
    private readonly baudRate = 57600,
  ) {}

  get isOpen(): boolean {
    return this.port?.isOpen ?? false;
  }

  async open(): Promise<void> {
    if (this.isOpen) return;
    const port = new SerialPort({ path: this.path, baudRate: this.baudRate, autoOpen: false });
    await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(new Error(`${this.path}: ${err.message}`)) : resolve())));
    port.on('data', (chunk: Buffer) => {
      for (const fn of this.dataFns) fn(chunk);
    });
    // Errors also end in 'close' (a read error on unplug); only our own close() is not a loss.
    port.on('error', () => {});
    port.on('close', (err: (Error & { disconnected?: boolean }) | null) => {
      if (this.port !== port) return;
      this.port = undefined;
      for (const fn of this.lostFns) fn(err?.message ?? 'port closed');
    });
    this.port = port;
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = undefined;
    if (!port?.isOpen) return;
    await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  write(data: Uint8Array): Promise<void> {
    const port = this.port;
    if (!port?.isOpen) return Promise.reject(new Error(`${this.path} is not open`));
    return new Promise((resolve, reject) => port.write(Buffer.from(data), (err) => (err ? reject(err) : resolve())));
  }

  onData(fn: (chunk: Buffer) => void): () => void {
    this.dataFns.add(fn);
    return () => this.dataFns.delete(fn);
  }

  onLost(fn: (reason: string) => void): () => void {
    this.lostFns.add(fn);
    return () => this.lostFns.delete(fn);
  }
}
