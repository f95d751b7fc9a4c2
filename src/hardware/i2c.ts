import { access, constants } from 'node:fs/promises';
import { loadNative } from './native.ts';

/** An I2C bus as the displays use it: plain writes to a 7-bit address, and a probe. */
export interface I2cBus {
  write(address: number, bytes: Uint8Array): Promise<void>;
  /** Whether a device acknowledges its address (an SMBus quick write, as i2cdetect does). */
  probe(address: number): Promise<boolean>;
  close(): Promise<void>;
}

interface PromisifiedBus {
  i2cWrite(address: number, length: number, buffer: Buffer): Promise<unknown>;
  writeQuick(address: number, bit: number): Promise<unknown>;
  close(): Promise<void>;
}
interface I2cBusModule {
  openPromisified(bus: number): Promise<PromisifiedBus>;
}

/** /dev/i2c-<n> through the i2c-bus addon. */
export class LinuxI2cBus implements I2cBus {
  private constructor(private readonly bus: PromisifiedBus) {}

  static async open(busNumber: number): Promise<LinuxI2cBus> {
    const i2c = loadNative<I2cBusModule>('i2c-bus', 'the I2C display');
    // The addon opens the device lazily; a bus that is not there would only look like a silent display.
    await access(`/dev/i2c-${busNumber}`, constants.R_OK | constants.W_OK).catch((err: NodeJS.ErrnoException) => {
      throw new Error(`/dev/i2c-${busNumber}: ${err.code === 'ENOENT' ? 'no such bus (is I2C enabled? dtparam=i2c_arm=on)' : err.message}`, { cause: err });
    });
    try {
      return new LinuxI2cBus(await i2c.openPromisified(busNumber));
    } catch (err) {
      throw new Error(`/dev/i2c-${busNumber}: ${(err as Error).message}`, { cause: err });
    }
  }

  async write(address: number, bytes: Uint8Array): Promise<void> {
    const buf = Buffer.from(bytes);
    await this.bus.i2cWrite(address, buf.length, buf);
  }

  async probe(address: number): Promise<boolean> {
    try {
      await this.bus.writeQuick(address, 0);
      return true;
    } catch {
      return false;
    }
  }

  close(): Promise<void> {
    return this.bus.close();
  }
}
