import type { CameraConfig, DisplayConfig, DoorConfig, KeypadConfig, LockConfig } from '../config/schema.ts';
import { FrameFeed } from '../camera/frameFeed.ts';
import { FfmpegCamera } from '../camera/ffmpegCamera.ts';
import { GpiodChip, type GpioChip } from '../hardware/gpio.ts';
import { InputKeypad } from '../hardware/inputKeypad.ts';
import { MatrixKeypad } from '../hardware/matrixKeypad.ts';
import { WiegandReader } from '../hardware/wiegand.ts';
import { GpioButton } from '../hardware/gpioDevices.ts';
import type { MqttLink } from '../mqtt/connection.ts';
import type { Topics } from '../mqtt/topics.ts';
import type { RgbImage } from '../vision/decode.ts';
import { SerialPortLink, type ByteLink } from '../hardware/serialLink.ts';
import { SpidevBus, type SpiBus } from '../hardware/spi.ts';
import { LinuxI2cBus, type I2cBus } from '../hardware/i2c.ts';
import { Mfrc522Reader } from '../hardware/mfrc522.ts';
import { FingerprintService } from '../hardware/fingerprintService.ts';
import { Hd44780Display } from '../hardware/hd44780.ts';
import { Ssd1306Display } from '../hardware/ssd1306.ts';
import type { DoorDisplay } from '../hardware/doorDisplay.ts';
import { DoorFeedback } from '../hardware/feedback.ts';
import { GpioContact } from '../hardware/gpioContact.ts';
import type { FingerprintRepo } from '../store/fingerprints.ts';
import type { CredentialReader } from './devices.ts';
import type { DoorLock } from '../core/lock.ts';
import { createLock } from './locks/index.ts';
import type { Outbound } from '../net/outbound.ts';
import { DoorTerminal, type DoorStatus, type DoorTerminalDeps, type TerminalView } from './terminal.ts';

/** How the door unit's buses are reached; tests put simulators here (the hardware edge). */
export interface DoorBuses {
  gpio(chip: string): GpioChip;
  spi(bus: number, device: number, speedHz: number): Promise<SpiBus>;
  i2c(bus: number): Promise<I2cBus>;
  serial(path: string, baudRate: number): ByteLink;
}

export const machineBuses: DoorBuses = {
  gpio: (chip) => new GpiodChip(chip),
  spi: (bus, device, speedHz) => SpidevBus.open(bus, device, speedHz),
  i2c: (bus) => LinuxI2cBus.open(bus),
  serial: (path, baudRate) => new SerialPortLink(path, baudRate),
};

export interface DoorServiceDeps extends Pick<DoorTerminalDeps, 'faces' | 'findCredential' | 'person' | 'snapshots' | 'bus' | 'record' | 'disarm' | 'log' | 'concurrency' | 'now'> {
  doors: DoorConfig[];
  mqtt: { link: Pick<MqttLink, 'publish' | 'connected'>; topics: Topics };
  /** Which person's finger sits in which slot of which sensor. */
  fingerprints: FingerprintRepo;
  /** The machine's buses unless a test gives its own (any of them). */
  buses?: Partial<DoorBuses>;
  /** Webhook locks connect through it (the outbound policy). */
  outbound: Outbound;
}

interface Door {
  terminal: DoorTerminal;
  fingers: FingerprintService | undefined;
  cameras: FfmpegCamera[];
  /** Frames from the kiosk, when the door takes them. */
  kiosk: FrameFeed | undefined;
}

/** Every configured door: its devices built from the config, its terminal started. */
export class DoorService {
  private readonly doors = new Map<string, Door>();
  private readonly chips = new Map<string, GpioChip>();
  private readonly buses: DoorBuses;

  constructor(private readonly d: DoorServiceDeps) {
    this.buses = { ...machineBuses, ...d.buses };
  }

  private chip(name: string): GpioChip {
    let chip = this.chips.get(name);
    if (!chip) {
      chip = this.buses.gpio(name);
      this.chips.set(name, chip);
    }
    return chip;
  }

  private keepMs(door: DoorConfig): number {
    return door.preRoll * 1000 + 500;
  }

  private camera(cfg: CameraConfig, door: DoorConfig): FfmpegCamera {
    return new FfmpegCamera({ config: cfg, log: this.d.log.child({ door: door.id }), keepMs: this.keepMs(door) });
  }

  private async reader(k: KeypadConfig, door: DoorConfig): Promise<CredentialReader> {
    const log = this.d.log.child({ door: door.id, keypad: k.type });
    switch (k.type) {
      case 'mfrc522':
        return new Mfrc522Reader(await this.buses.spi(k.bus, k.device, k.speedHz), {
          onStatus: (online, detail) => (online ? log.info({ detail }, 'card reader answers') : log.error({ detail }, 'card reader does not answer')),
        });
      case 'input':
        return new InputKeypad(k.device, k.role, (err) => log.error({ err: err.message }, 'keypad read failed'));
      case 'matrix':
        return new MatrixKeypad(this.chip(k.chip), { rows: k.rows, cols: k.cols, keys: k.keys });
      case 'wiegand':
        return new WiegandReader(this.chip(k.chip), k.d0, k.d1, (error) => log.warn({ error }, 'unreadable Wiegand frame'));
    }
  }

  private lock(l: LockConfig, door: DoorConfig): DoorLock {
    return createLock(l, { doorId: door.id, chip: (name) => this.chip(name), mqtt: this.d.mqtt, outbound: this.d.outbound });
  }

  private async display(cfg: DisplayConfig): Promise<DoorDisplay> {
    const bus = await this.buses.i2c(cfg.bus);
    return cfg.type === 'hd44780' ? new Hd44780Display(bus, { address: cfg.address, cols: cfg.cols, rows: cfg.rows }) : new Ssd1306Display(bus, { address: cfg.address });
  }

  /** A device that cannot be opened (no SPI or I2C bus) is logged and left out; the door runs without it. */
  private async optional<T>(door: DoorConfig, what: string, open: () => Promise<T>): Promise<T | undefined> {
    try {
      return await open();
    } catch (err) {
      this.d.log.error({ err, door: door.id }, `the door's ${what} could not be opened`);
      return undefined;
    }
  }

  async start(): Promise<void> {
    for (const door of this.d.doors) {
      const entry = door.camera ? this.camera(door.camera, door) : undefined;
      const exit = door.exitCamera ? this.camera(door.exitCamera, door) : undefined;
      const kiosk = door.kiosk && !entry ? new FrameFeed(this.keepMs(door)) : undefined;
      const fp = door.fingerprint;
      const fingers = fp
        ? new FingerprintService({
            doorId: door.id,
            link: this.buses.serial(fp.port, fp.baudRate),
            repo: this.d.fingerprints,
            address: fp.address,
            password: fp.password,
            ringLed: fp.ringLed,
            onError: (err) => this.d.log.error({ err, door: door.id }, 'fingerprint reader failed'),
          })
        : undefined;
      const readers: CredentialReader[] = [];
      for (const k of door.keypads) {
        const reader = await this.optional(door, `${k.type} reader`, () => this.reader(k, door));
        if (reader) readers.push(reader);
      }
      const display = door.display && (await this.optional(door, 'display', () => this.display(door.display as DisplayConfig)));
      const fb = door.feedback;
      const cl = door.contactLine;
      const terminal = new DoorTerminal({
        ...this.d,
        door,
        camera: entry?.feed ?? kiosk,
        exitCamera: exit?.feed,
        readers,
        exitButton: door.exitButton ? new GpioButton(this.chip(door.exitButton.chip), door.exitButton.line, door.exitButton.activeLow) : undefined,
        contactLine: cl ? new GpioContact(this.chip(cl.chip), cl.line, { closedWhenLow: cl.closedWhenLow }) : undefined,
        fingers,
        display,
        feedback: fb ? new DoorFeedback({ chip: this.chip(fb.chip), buzzer: fb.buzzer, green: fb.green, red: fb.red, activeLow: fb.activeLow }) : undefined,
        lock: this.lock(door.lock, door),
      });
      const cameras = [entry, exit].filter((c): c is FfmpegCamera => c !== undefined);
      // Registered before it starts, so that stop() ends whatever of it did start.
      this.doors.set(door.id, { terminal, fingers, cameras, kiosk });
      await terminal.start();
      await fingers?.start();
      for (const c of cameras) c.start();
    }
    this.d.log.info({ doors: this.doors.size }, 'doors started');
  }

  async stop(): Promise<void> {
    for (const door of this.doors.values()) {
      await Promise.allSettled([door.terminal.stop(), door.fingers?.stop(), ...door.cameras.map((c) => c.stop())]);
    }
    this.doors.clear();
  }

  /** The door's fingerprint reader, when it has one. */
  fingers(id: string): FingerprintService | undefined {
    return this.doors.get(id)?.fingers;
  }

  /** Every door's fingerprint reader. */
  readers(): Array<{ doorId: string; fingers: FingerprintService }> {
    return [...this.doors.entries()].flatMap(([doorId, d]) => (d.fingers ? [{ doorId, fingers: d.fingers }] : []));
  }

  list(): DoorStatus[] {
    return [...this.doors.values()].map((d) => d.terminal.status());
  }

  terminal(id: string): DoorTerminal | undefined {
    return this.doors.get(id)?.terminal;
  }

  has(id: string): boolean {
    return this.doors.has(id);
  }

  /** Whether the door's kiosk may send camera frames (it has no camera of its own). */
  takesKioskFrames(id: string): boolean {
    return this.doors.get(id)?.kiosk !== undefined;
  }

  /** A frame from the door's kiosk; the view answers the kiosk's "what now?". */
  kioskFrame(id: string, image: RgbImage): TerminalView | undefined {
    const door = this.doors.get(id);
    if (!door?.kiosk) return undefined;
    door.kiosk.push(image);
    return door.terminal.currentView();
  }
}
