import { spawn } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import type { ContactLineConfig, DisplayConfig, FeedbackConfig, FingerprintConfig, Mfrc522ReaderConfig } from '../config/schema.ts';
import { decodeIdentity } from './fingerprintService.ts';
import type { I2cBus } from './i2c.ts';
import { LinuxI2cBus } from './i2c.ts';
import { KNOWN_VERSIONS, Mfrc522 } from './mfrc522.ts';
import { R30xSensor } from './r30xSensor.ts';
import { SerialPortLink, type ByteLink } from './serialLink.ts';
import { SpidevBus, type SpiBus } from './spi.ts';

/** What `vigil hardware check` says about one configured device. */
export interface DeviceReport {
  door: string;
  device: string;
  /** Where it was looked for: a port, a bus and address, GPIO lines. */
  where: string;
  ok: boolean;
  /** What answered, in its own words (model, version, line state); null when nothing did. */
  answer: string | null;
  error: string | null;
}

/** The parts of a door's config the check reads; DoorConfig (with the new devices merged in) fits. */
export interface DoorDevices {
  id: string;
  fingerprint?: FingerprintConfig | undefined;
  display?: DisplayConfig | undefined;
  feedback?: FeedbackConfig | undefined;
  keypads?: ReadonlyArray<{ type: 'input'; device: string } | { type: 'matrix'; chip: string; rows: number[]; cols: number[] } | { type: 'wiegand'; chip: string; d0: number; d1: number } | Mfrc522ReaderConfig>;
  lock?: { type: string; chip?: string; line?: number } | undefined;
  exitButton?: { chip: string; line: number } | undefined;
  contactLine?: ContactLineConfig | undefined;
}

export interface GpioLineInfo {
  line: number;
  name: string | null;
  consumer: string | null;
  direction: 'input' | 'output';
}

/** How the check reaches the machine; tests pass simulators. */
export interface CheckDeps {
  openSerial(path: string, baudRate: number): ByteLink;
  openSpi(bus: number, device: number, speedHz: number): Promise<SpiBus>;
  openI2c(bus: number): Promise<I2cBus>;
  gpioInfo(chip: string): Promise<GpioLineInfo[]>;
  canRead(path: string): Promise<boolean>;
  /** Per device, ms. */
  timeoutMs?: number;
}

/** One line of libgpiod 1.6's `gpioinfo`: `line  17:  "GPIO17"  unused  input  active-high`. */
export function parseGpioinfo(text: string): GpioLineInfo[] {
  const out: GpioLineInfo[] = [];
  for (const l of text.split('\n')) {
    const m = /^\s*line\s+(\d+):\s+("[^"]*"|unnamed)\s+("[^"]*"|unused)\s+(input|output)\b/.exec(l);
    if (!m) continue;
    const unquote = (s: string) => (s.startsWith('"') ? s.slice(1, -1) : null);
    out.push({ line: Number(m[1]), name: unquote(m[2] as string), consumer: unquote(m[3] as string), direction: m[4] as 'input' | 'output' });
  }
  return out;
}

function gpioinfo(chip: string): Promise<GpioLineInfo[]> {
  return new Promise((resolve, reject) => {
    const child = spawn('gpioinfo', [chip], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e) => reject(new Error(`gpioinfo could not run (Debian package gpiod): ${e.message}`)));
    child.on('close', (code) => (code === 0 ? resolve(parseGpioinfo(out)) : reject(new Error(`gpioinfo ${chip}: ${err.trim() || `exit ${code}`}`))));
  });
}

export const machineDeps: CheckDeps = {
  openSerial: (path, baud) => new SerialPortLink(path, baud),
  openSpi: (bus, device, speedHz) => SpidevBus.open(bus, device, speedHz),
  openI2c: (bus) => LinuxI2cBus.open(bus),
  gpioInfo: gpioinfo,
  canRead: (path) =>
    access(path, constants.R_OK).then(
      () => true,
      () => false,
    ),
};

function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)))]).finally(() => clearTimeout(timer));
}

async function fingerprint(cfg: FingerprintConfig, deps: CheckDeps): Promise<string> {
  const link = deps.openSerial(cfg.port, cfg.baudRate);
  const sensor = new R30xSensor(link, { address: cfg.address, password: cfg.password, timeoutMs: Math.min(2000, deps.timeoutMs ?? 2000) });
  try {
    await link.open();
    if (!(await sensor.verifyPassword())) throw new Error('a module answers but refuses the configured password');
    const sys = await sensor.systemParameters();
    const stored = await sensor.templateCount();
    const uid = decodeIdentity(await sensor.readNotepad(15));
    return `fingerprint module, ${stored} of ${sys.capacity} templates used, security level ${sys.securityLevel}, ${uid ? `Vigil sensor ${uid}` : 'not yet claimed by Vigil'}`;
  } finally {
    sensor.dispose();
    await link.close();
  }
}

async function mfrc522(cfg: Mfrc522ReaderConfig, deps: CheckDeps): Promise<string> {
  const spi = await deps.openSpi(cfg.bus, cfg.device, cfg.speedHz);
  try {
    const v = await new Mfrc522(spi).version();
    const name = KNOWN_VERSIONS[v];
    if (!name) throw new Error(`VersionReg reads 0x${v.toString(16).padStart(2, '0')}: no MFRC522 answers (check wiring and that SPI is enabled)`);
    return `${name} (VersionReg 0x${v.toString(16)})`;
  } finally {
    await spi.close();
  }
}

async function display(cfg: DisplayConfig, deps: CheckDeps): Promise<string> {
  const bus = await deps.openI2c(cfg.bus);
  try {
    if (!(await bus.probe(cfg.address))) throw new Error(`nothing acknowledges address 0x${cfg.address.toString(16)} (try i2cdetect -y ${cfg.bus})`);
    return `${cfg.type === 'hd44780' ? 'PCF8574 backpack' : 'SSD1306'} acknowledges 0x${cfg.address.toString(16)}`;
  } finally {
    await bus.close();
  }
}

async function gpio(chip: string, lines: number[], deps: CheckDeps): Promise<string> {
  const info = await deps.gpioInfo(chip);
  return lines
    .map((l) => {
      const i = info.find((x) => x.line === l);
      if (!i) throw new Error(`${chip} has no line ${l} (it has ${info.length})`);
      return `${l}${i.name ? ` "${i.name}"` : ''} ${i.consumer ? `used by ${i.consumer}` : 'free'}`;
    })
    .join(', ');
}

/** Finds each configured device and says what answers; it reads only, and never changes a device. */
export async function checkHardware(doors: readonly DoorDevices[], deps: CheckDeps = machineDeps): Promise<DeviceReport[]> {
  const ms = deps.timeoutMs ?? 5000;
  const jobs: Array<{ door: string; device: string; where: string; run: () => Promise<string> }> = [];
  for (const d of doors) {
    const add = (device: string, where: string, run: () => Promise<string>) => jobs.push({ door: d.id, device, where, run });
    if (d.fingerprint) {
      const f = d.fingerprint;
      add('fingerprint', `${f.port} @ ${f.baudRate}`, () => fingerprint(f, deps));
    }
    for (const k of d.keypads ?? []) {
      if (k.type === 'mfrc522') add('card reader', `/dev/spidev${k.bus}.${k.device}`, () => mfrc522(k, deps));
      else if (k.type === 'input') add('keypad', k.device, async () => ((await deps.canRead(k.device)) ? 'readable' : Promise.reject(new Error('missing or not readable by this user'))));
      else if (k.type === 'matrix') add('keypad', `${k.chip} rows ${k.rows.join(',')} cols ${k.cols.join(',')}`, () => gpio(k.chip, [...k.rows, ...k.cols], deps));
      else add('card reader', `${k.chip} D0 ${k.d0} D1 ${k.d1}`, () => gpio(k.chip, [k.d0, k.d1], deps));
    }
    if (d.display) {
      const c = d.display;
      add('display', `/dev/i2c-${c.bus} 0x${c.address.toString(16)}`, () => display(c, deps));
    }
    if (d.feedback) {
      const f = d.feedback;
      const lines = [f.buzzer, f.green, f.red].filter((l): l is number => l !== undefined);
      if (lines.length) add('buzzer/LEDs', `${f.chip} ${lines.join(',')}`, () => gpio(f.chip, lines, deps));
    }
    const lock = d.lock;
    if (lock?.type === 'gpio' && lock.chip !== undefined && lock.line !== undefined) {
      const { chip, line } = lock;
      add('lock relay', `${chip} ${line}`, () => gpio(chip, [line], deps));
    }
    if (d.exitButton) {
      const b = d.exitButton;
      add('exit button', `${b.chip} ${b.line}`, () => gpio(b.chip, [b.line], deps));
    }
    if (d.contactLine) {
      const c = d.contactLine;
      add('door contact', `${c.chip} ${c.line}`, () => gpio(c.chip, [c.line], deps));
    }
  }
  return Promise.all(
    jobs.map(async (j) => {
      try {
        return { door: j.door, device: j.device, where: j.where, ok: true, answer: await within(ms, j.device, j.run()), error: null };
      } catch (err) {
        return { door: j.door, device: j.device, where: j.where, ok: false, answer: null, error: (err as Error).message };
      }
    }),
  );
}

/** The report as lines for a terminal. */
export function formatReport(reports: readonly DeviceReport[]): string {
  if (!reports.length) return 'no devices configured';
  return reports.map((r) => `${r.ok ? 'ok  ' : 'FAIL'} ${r.door} ${r.device} (${r.where}): ${r.ok ? r.answer : r.error}`).join('\n');
}
