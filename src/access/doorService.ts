import type { CameraConfig, DoorConfig, KeypadConfig, LockConfig } from '../config/schema.ts';
import { FrameFeed } from '../camera/frameFeed.ts';
import { FfmpegCamera } from '../camera/ffmpegCamera.ts';
import { GpiodChip, type GpioChip } from '../hardware/gpio.ts';
import { InputKeypad } from '../hardware/inputKeypad.ts';
import { MatrixKeypad } from '../hardware/matrixKeypad.ts';
import { WiegandReader } from '../hardware/wiegand.ts';
import { GpioButton, RelayLock } from '../hardware/gpioDevices.ts';
import { MqttLock } from '../mqtt/mqttLock.ts';
import type { MqttLink } from '../mqtt/connection.ts';
import type { Topics } from '../mqtt/topics.ts';
import type { RgbImage } from '../vision/decode.ts';
import { noLock, type CredentialReader, type DoorLock } from './devices.ts';
import { WebhookLock } from './webhookLock.ts';
import type { Outbound } from '../net/outbound.ts';
import { DoorTerminal, type DoorStatus, type DoorTerminalDeps, type TerminalView } from './terminal.ts';

export interface DoorServiceDeps extends Pick<DoorTerminalDeps, 'faces' | 'findCredential' | 'person' | 'snapshots' | 'bus' | 'record' | 'disarm' | 'log' | 'concurrency' | 'now'> {
  doors: DoorConfig[];
  mqtt: { link: Pick<MqttLink, 'publish' | 'connected'>; topics: Topics };
  /** The GPIO chip by name; tests put a simulated chip here. */
  gpio?: (chip: string) => GpioChip;
  /** Webhook locks connect through it (the outbound policy). */
  outbound: Outbound;
}

interface Door {
  terminal: DoorTerminal;
  cameras: FfmpegCamera[];
  /** Frames from the kiosk, when the door takes them. */
  kiosk: FrameFeed | undefined;
}

/** Every configured door: its devices built from the config, its terminal started. */
export class DoorService {
  private readonly doors = new Map<string, Door>();
  private readonly chips = new Map<string, GpioChip>();

  constructor(private readonly d: DoorServiceDeps) {}

  private chip(name: string): GpioChip {
    let chip = this.chips.get(name);
    if (!chip) {
      chip = this.d.gpio ? this.d.gpio(name) : new GpiodChip(name);
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

  private reader(k: KeypadConfig, door: DoorConfig): CredentialReader {
    const log = this.d.log.child({ door: door.id, keypad: k.type });
    switch (k.type) {
      case 'input':
        return new InputKeypad(k.device, k.role, (err) => log.error({ err: err.message }, 'keypad read failed'));
      case 'matrix':
        return new MatrixKeypad(this.chip(k.chip), { rows: k.rows, cols: k.cols, keys: k.keys });
      case 'wiegand':
        return new WiegandReader(this.chip(k.chip), k.d0, k.d1, (error) => log.warn({ error }, 'unreadable Wiegand frame'));
    }
  }

  private lock(l: LockConfig, door: DoorConfig): DoorLock {
    switch (l.type) {
      case 'none':
        return noLock;
      case 'gpio':
        return new RelayLock(this.chip(l.chip), l.line, l.activeLow);
      case 'mqtt':
        return new MqttLock(this.d.mqtt.link, this.d.mqtt.topics, door.id);
      case 'webhook':
        return new WebhookLock(door.id, l.url, l.secret, l.timeoutMs, this.d.outbound);
    }
  }

  async start(): Promise<void> {
    for (const door of this.d.doors) {
      const entry = door.camera ? this.camera(door.camera, door) : undefined;
      const exit = door.exitCamera ? this.camera(door.exitCamera, door) : undefined;
      const kiosk = door.kiosk && !entry ? new FrameFeed(this.keepMs(door)) : undefined;
      const terminal = new DoorTerminal({
        ...this.d,
        door,
        camera: entry?.feed ?? kiosk,
        exitCamera: exit?.feed,
        readers: door.keypads.map((k) => this.reader(k, door)),
        exitButton: door.exitButton ? new GpioButton(this.chip(door.exitButton.chip), door.exitButton.line, door.exitButton.activeLow) : undefined,
        lock: this.lock(door.lock, door),
      });
      const cameras = [entry, exit].filter((c): c is FfmpegCamera => c !== undefined);
      this.doors.set(door.id, { terminal, cameras, kiosk });
      await terminal.start();
      for (const c of cameras) c.start();
    }
    this.d.log.info({ doors: this.doors.size }, 'doors started');
  }

  async stop(): Promise<void> {
    for (const door of this.doors.values()) {
      await Promise.allSettled([door.terminal.stop(), ...door.cameras.map((c) => c.stop())]);
    }
    this.doors.clear();
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
