import type { Logger } from 'pino';
import type { Bus, BusEvents } from '../core/bus.ts';
import type { NewEvent } from '../core/events.ts';
import type { SensorConfig } from '../config/schema.ts';
import type { Sensor, SensorRepo, SensorState } from '../store/sensors.ts';
import { deriveSensorKey } from '../core/sensorSignature.ts';
import { sensorHealth, silenceLimitMs } from '../core/sensorHealth.ts';

export interface SensorServiceDeps {
  repo: SensorRepo;
  bus: Bus;
  record: (e: NewEvent) => void;
  log: Logger;
  /** Every signed sensor's key derives from this (the data directory's sensor.key). */
  masterKey: Buffer;
  now?: () => number;
}

/**
 * The live picture of every contact sensor: applies reports, notices changes, low batteries, tamper
 * and silence, and turns each into a log event (and a bus signal for the alarm).
 */
export class SensorService {
  private readonly sensors = new Map<string, Sensor>();
  private readonly startedAt: number;
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;
  private readonly unsubscribe: Array<() => void> = [];
  /** Sensors whose state changed since the last save: written together, once a second. */
  private readonly dirty = new Set<string>();
  private saving: Promise<void> = Promise.resolve();
  private readonly keys = new Map<string, { salt: string; key: Buffer }>();
  private rotations = 0;
  /** When each sensor's silence starts to count: Vigil's start, or when the sensor was added or its heartbeat changed. */
  private readonly watchedSince = new Map<string, number>();

  constructor(private readonly d: SensorServiceDeps) {
    this.now = d.now ?? Date.now;
    this.startedAt = this.now();
  }

  async start(): Promise<void> {
    for (const s of await this.d.repo.list()) {
      if (!s.keySalt) s.keySalt = await this.d.repo.newKeySalt(s.id);
      this.sensors.set(s.id, s);
    }
    this.unsubscribe.push(
      this.d.bus.on('sensor.report', (r) => this.onReport(r)),
      this.d.bus.on('sensor.availability', (a) => this.onAvailability(a)),
    );
    let tick = 0;
    this.timer = setInterval(() => {
      this.checkHeartbeats();
      void this.save();
      if (++tick % 5 === 0) void this.adoptNewKeys();
    }, 1000);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    for (const off of this.unsubscribe.splice(0)) off();
    await this.save();
  }

  /** Writes the changed sensor states; one save at a time, so a slow disk cannot pile them up. */
  private save(): Promise<void> {
    this.saving = this.saving.then(async () => {
      if (this.dirty.size === 0) return;
      const batch = [...this.dirty].flatMap((id) => {
        const s = this.sensors.get(id);
        return s ? [{ id, state: { ...s.state } }] : [];
      });
      this.dirty.clear();
      try {
        await this.d.repo.saveStates(batch);
      } catch (err) {
        for (const { id } of batch) this.dirty.add(id);
        this.d.log.error({ err }, 'saving sensor state failed; will retry');
      }
    });
    return this.saving;
  }

  has(id: string): boolean {
    return this.sensors.has(id);
  }

  get(id: string): Sensor | undefined {
    return this.sensors.get(id);
  }

  list(): Sensor[] {
    return [...this.sensors.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  /** The key and replay counter of a sensor that must sign its messages; undefined for the others. */
  signing(id: string): { key: Buffer; lastSeq: number | null } | undefined {
    const s = this.sensors.get(id);
    if (!s?.signed) return undefined;
    return { key: this.keyOf(s), lastSeq: s.state.lastSeq };
  }

  acceptSeq(id: string, seq: number): void {
    const s = this.sensors.get(id);
    if (s) this.setState(s, { lastSeq: seq });
  }

  /** A new signing key for a device being (re)flashed; the old key, and its counter, stop counting. */
  async newKey(id: string): Promise<Buffer | undefined> {
    const s = this.sensors.get(id);
    if (!s) return undefined;
    this.rotations++;
    s.keySalt = await this.d.repo.newKeySalt(id);
    this.setState(s, { lastSeq: null });
    return this.keyOf(s);
  }

  /** `vigil sensor provision` (another process) may have made a new key: use it within seconds. */
  private async adoptNewKeys(): Promise<void> {
    const rotations = this.rotations;
    try {
      const salts = await this.d.repo.keySalts();
      // A key made here meanwhile is newer than what was read.
      if (rotations !== this.rotations) return;
      for (const [id, salt] of salts) {
        const s = this.sensors.get(id);
        if (s && salt && s.keySalt !== salt) {
          s.keySalt = salt;
          this.setState(s, { lastSeq: null });
        }
      }
    } catch (err) {
      this.d.log.warn({ err }, 'checking for new sensor keys failed');
    }
  }

  private keyOf(s: Sensor): Buffer {
    const cached = this.keys.get(s.id);
    if (cached?.salt === s.keySalt) return cached.key;
    const key = deriveSensorKey(this.d.masterKey, s.id, s.keySalt);
    this.keys.set(s.id, { salt: s.keySalt, key });
    return key;
  }

  /** False when the id is taken. */
  async add(cfg: SensorConfig): Promise<boolean> {
    if (!(await this.d.repo.create(cfg))) return false;
    const s = await this.d.repo.get(cfg.id);
    if (s) this.sensors.set(s.id, s);
    this.watchedSince.set(cfg.id, this.now());
    this.d.bus.emit('sensors.changed', { sensorId: cfg.id });
    return true;
  }

  async update(cfg: SensorConfig): Promise<Sensor | undefined> {
    const current = this.sensors.get(cfg.id);
    if (!current) return undefined;
    await this.d.repo.update(cfg);
    const next = { ...current, ...cfg };
    this.sensors.set(cfg.id, next);
    if (next.heartbeat !== current.heartbeat) this.watchedSince.set(cfg.id, this.now());
    this.d.bus.emit('sensors.changed', { sensorId: cfg.id });
    return next;
  }

  async remove(id: string): Promise<void> {
    await this.d.repo.delete(id);
    this.sensors.delete(id);
    this.keys.delete(id);
    this.watchedSince.delete(id);
    this.d.bus.emit('sensors.changed', { sensorId: id });
  }

  private setState(s: Sensor, patch: Partial<SensorState>): void {
    const prev = s.state;
    s.state = { ...prev, ...patch };
    this.dirty.add(s.id);
    // Most messages only move lastSeen or lastSeq: nobody outside needs to hear of those.
    const { contact, battery, tamper, online } = s.state;
    if (contact !== prev.contact || battery !== prev.battery || tamper !== prev.tamper || online !== prev.online) {
      this.d.bus.emit('sensor.state', { sensorId: s.id, contact, battery, tamper, online });
    }
  }

  private comeOnline(s: Sensor, at: number): void {
    if (s.state.online === false) this.d.record({ type: 'SensorOnline', sensorId: s.id, time: at, details: { name: s.name } });
  }

  private onReport(r: BusEvents['sensor.report']): void {
    const s = this.sensors.get(r.sensorId);
    if (!s) return;
    const prev = s.state;
    const at = r.receivedAt;
    this.comeOnline(s, at);
    const patch: Partial<SensorState> = { online: true, lastSeen: at };
    if (r.contact !== undefined) patch.contact = r.contact;
    if (r.battery !== undefined) patch.battery = r.battery;
    if (r.tamper !== undefined) patch.tamper = r.tamper;
    this.setState(s, patch);

    const base = { sensorId: s.id, time: at };
    if (r.contact !== undefined && r.contact !== prev.contact) {
      this.d.record({ ...base, type: r.contact === 'open' ? 'SensorOpened' : 'SensorClosed', details: { name: s.name, kind: s.kind, zone: s.zone } });
      if (r.contact === 'open') this.d.bus.emit('sensor.opened', { sensorId: s.id, at });
    }
    if (r.battery !== undefined && r.battery <= s.batteryLow && (prev.battery === null || prev.battery > s.batteryLow)) {
      this.d.record({ ...base, type: 'SensorBatteryLow', details: { name: s.name, battery: r.battery, threshold: s.batteryLow } });
    }
    if (r.tamper === true && prev.tamper !== true) {
      this.d.record({ ...base, type: 'SensorTamper', details: { name: s.name } });
      if (s.triggerOnTamper) this.d.bus.emit('sensor.trouble', { sensorId: s.id, kind: 'tamper', at });
    }
  }

  private onAvailability(a: BusEvents['sensor.availability']): void {
    const s = this.sensors.get(a.sensorId);
    if (!s) return;
    if (a.online) {
      this.comeOnline(s, a.receivedAt);
      this.setState(s, { online: true, lastSeen: a.receivedAt });
    } else {
      this.goOffline(s, a.receivedAt, 'last_will');
    }
  }

  private goOffline(s: Sensor, at: number, reason: 'last_will' | 'silent'): void {
    if (s.state.online === false) return;
    this.setState(s, { online: false });
    this.d.record({ type: 'SensorOffline', sensorId: s.id, time: at, details: { name: s.name, reason } });
    if (s.triggerOnOffline) this.d.bus.emit('sensor.trouble', { sensorId: s.id, kind: 'offline', at });
  }

  /**
   * A sensor that says nothing for longer than its heartbeat window (and a grace) counts as
   * offline. One never heard from is still waiting for its first message: not an alert.
   */
  checkHeartbeats(at = this.now()): void {
    for (const s of this.sensors.values()) {
      if (s.heartbeat <= 0 || sensorHealth(s.state) !== 'online') continue;
      const last = Math.max(s.state.lastSeen ?? 0, this.watchedSince.get(s.id) ?? this.startedAt);
      if (at - last > silenceLimitMs(s.heartbeat)) this.goOffline(s, at, 'silent');
    }
  }
}
