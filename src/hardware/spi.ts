import { loadNative } from './native.ts';

/** A full-duplex SPI device: what the MFRC522 needs, and all a simulator must offer. */
export interface SpiBus {
  /** Clocks `tx` out while chip select is held, and returns what came back. */
  transfer(tx: Uint8Array): Promise<Buffer>;
  close(): Promise<void>;
}

interface SpiDeviceModule {
  open(bus: number, device: number, options: { mode: number; maxSpeedHz: number }, cb: (err: Error | null) => void): SpiDevice;
  MODE0: number;
}
interface SpiDevice {
  transfer(message: Array<{ sendBuffer: Buffer; receiveBuffer: Buffer; byteLength: number; speedHz: number }>, cb: (err: Error | null) => void): void;
  close(cb: (err: Error | null) => void): void;
}

/** /dev/spidev<bus>.<device> through the spi-device addon (SPI mode 0). */
export class SpidevBus implements SpiBus {
  private constructor(
    private readonly device: SpiDevice,
    private readonly speedHz: number,
  ) {}

  static async open(bus: number, device: number, speedHz = 1_000_000): Promise<SpidevBus> {
    const spi = loadNative<SpiDeviceModule>('spi-device', 'the SPI card reader');
    return new Promise((resolve, reject) => {
      const dev = spi.open(bus, device, { mode: spi.MODE0, maxSpeedHz: speedHz }, (err) => (err ? reject(new Error(`/dev/spidev${bus}.${device}: ${err.message}`)) : resolve(new SpidevBus(dev, speedHz))));
    });
  }

  transfer(tx: Uint8Array): Promise<Buffer> {
    const message = [{ sendBuffer: Buffer.from(tx), receiveBuffer: Buffer.alloc(tx.length), byteLength: tx.length, speedHz: this.speedHz }];
    return new Promise((resolve, reject) => this.device.transfer(message, (err) => (err ? reject(err) : resolve((message[0] as { receiveBuffer: Buffer }).receiveBuffer))));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.device.close(() => resolve()));
  }
}
