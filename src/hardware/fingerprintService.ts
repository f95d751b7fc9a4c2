import { randomBytes } from 'node:crypto';
import type { NewEvent } from '../core/events.ts';
import type { FactorResult } from '../core/factorChain.ts';
import type { Fingerprint, FingerprintRepo } from '../store/fingerprints.ts';
import { R30xError, R30xSensor } from './r30xSensor.ts';
import type { ByteLink } from './serialLink.ts';

/** Vigil's mark in the sensor's notepad: magic, then the 16-byte identity the store knows the sensor by. */
const IDENTITY_PAGE = 15;
const MAGIC = Buffer.from('VIGIL-FP', 'ascii');

export function encodeIdentity(uid: string): Buffer {
  const page = Buffer.alloc(32);
  MAGIC.copy(page, 0);
  Buffer.from(uid, 'hex').copy(page, MAGIC.length);
  return page;
}

export function decodeIdentity(page: Buffer): string | null {
  if (page.length < 24 || !page.subarray(0, MAGIC.length).equals(MAGIC)) return null;
  return page.subarray(MAGIC.length, MAGIC.length + 16).toString('hex');
}

/**
 * offline: nothing usable answers (unplugged, silent, garbling, wrong password).
 * untrusted: a sensor answers but it is not the one whose slots the store knows (swapped): no finger counts until an admin adopts it.
 */
export type FingerprintState = 'offline' | 'online' | 'untrusted';
export type OfflineReason = 'not_connected' | 'disconnected' | 'not_responding' | 'corrupted_replies' | 'device_error' | 'wrong_password';
export type UntrustedReason = 'sensor_replaced' | 'unknown_sensor';

export interface FingerprintStatus {
  state: FingerprintState;
  reason: OfflineReason | UntrustedReason | null;
  detail: string | null;
  /** Identity of the sensor attached now, when it has one. */
  sensorUid: string | null;
  capacity: number | null;
  /** Slots the store maps to people that the sensor no longer holds (those fingers cannot match). */
  missingSlots: number[];
}

export type FingerRead =
  | { kind: 'match'; personId: string; duress: boolean; score: number; slot: number; fingerprintId: string }
  /** The sensor read the finger well and found no one Vigil knows. */
  | { kind: 'no_match' }
  /** Not a decision: ask the person to try again. */
  | { kind: 'poor_image'; reason: 'capture_failed' | 'messy' | 'too_few_features' };

/** A read that decides the finger step, as the factor chain takes it. */
export function fingerFactor(read: Extract<FingerRead, { kind: 'match' | 'no_match' }>, scheduleOk: boolean): FactorResult {
  return read.kind === 'match'
    ? { factor: 'finger', personId: read.personId, duress: read.duress, scheduleOk, score: read.score }
    : { factor: 'finger', personId: null, duress: false, scheduleOk, score: null };
}

export type EnrolProgress =
  | { step: 'place'; sample: 1 | 2 }
  | { step: 'retry'; sample: 1 | 2; reason: 'capture_failed' | 'messy' | 'too_few_features' | 'no_image' }
  | { step: 'captured'; sample: 1 | 2 }
  | { step: 'lift' }
  /** Both samples in; `score` is how well they agree (the module's match score). */
  | { step: 'merging'; score: number }
  | { step: 'stored'; slot: number; fingerprintId: string };

export type EnrolFailure = 'reader_offline' | 'untrusted_sensor' | 'busy' | 'timeout' | 'cancelled' | 'already_enrolled' | 'samples_differ' | 'library_full' | 'device_error';

export class EnrolError extends Error {
  constructor(
    readonly reason: EnrolFailure,
    message: string,
  ) {
    super(message);
  }
}

export interface FingerprintServiceOptions {
  doorId: string;
  link: ByteLink;
  repo: FingerprintRepo;
  address?: number;
  password?: number;
  /** Per command, ms. */
  timeoutMs?: number;
  /** Between finger polls while armed, ms. */
  pollMs?: number;
  /** Between reconnection attempts while offline, ms. */
  retryMs?: number;
  /** Between liveness checks while idle, ms. */
  heartbeatMs?: number;
  /** The module has the R503's ring LED. */
  ringLed?: boolean;
  /** Consecutive failed commands that take the reader offline. */
  maxFailures?: number;
  onError?: (err: unknown) => void;
}

const sleepFor = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The fingerprint reader of one door: keeps the module connected and trusted, reads fingers while
 * armed (one read per placement), enrols and deletes fingers. Templates stay in the module's flash;
 * the store maps (sensor, slot) to a person. Whatever goes wrong with the module is a status change,
 * never a match.
 */
export class FingerprintService {
  private readonly sensor: R30xSensor;
  private readonly o: Required<Omit<FingerprintServiceOptions, 'address' | 'password' | 'onError'>> & Pick<FingerprintServiceOptions, 'onError'>;
  /** No reason yet: the first attempt to connect reports, success or not. */
  private current: FingerprintStatus = { state: 'offline', reason: null, detail: 'starting', sensorUid: null, capacity: null, missingSlots: [] };
  private readonly statusFns = new Set<(s: FingerprintStatus) => void>();
  private readonly readFns = new Set<(r: FingerRead) => void>();
  private armed = false;
  private fingerDown = false;
  private failures = 0;
  private stopped = true;
  private loopDone: Promise<void> = Promise.resolve();
  private wake: (() => void) | undefined;
  private lock: Promise<unknown> = Promise.resolve();
  private enrolling = false;
  private readonly offLost: () => void;

  constructor(opts: FingerprintServiceOptions) {
    this.o = { timeoutMs: 2000, pollMs: 150, retryMs: 2000, heartbeatMs: 5000, ringLed: false, maxFailures: 2, ...opts };
    this.sensor = new R30xSensor(opts.link, { address: opts.address, password: opts.password, timeoutMs: this.o.timeoutMs });
    this.offLost = opts.link.onLost((reason) => {
      this.setStatus({ state: 'offline', reason: 'disconnected', detail: reason, sensorUid: null, capacity: null, missingSlots: [] });
      this.wake?.();
    });
  }

  status(): FingerprintStatus {
    return { ...this.current, missingSlots: [...this.current.missingSlots] };
  }

  onStatus(fn: (s: FingerprintStatus) => void): () => void {
    this.statusFns.add(fn);
    return () => this.statusFns.delete(fn);
  }

  /** Each finger placed while armed is one read; the next comes only after the finger was lifted. */
  onRead(fn: (r: FingerRead) => void): () => void {
    this.readFns.add(fn);
    return () => this.readFns.delete(fn);
  }

  /** Poll for fingers (the door waits for one) or not (the module's light stays off). */
  arm(on: boolean): void {
    if (this.armed === on) return;
    this.armed = on;
    this.fingerDown = false;
    if (this.o.ringLed && this.current.state === 'online') void this.exclusive(() => this.led(on ? 'waiting' : 'off')).catch(() => {});
    this.wake?.();
  }

  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    this.loopDone = this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loopDone;
    this.offLost();
    this.sensor.dispose();
    await this.o.link.close();
  }

  private setStatus(next: FingerprintStatus): void {
    const prev = this.current;
    this.current = next;
    if (prev.state !== next.state || prev.reason !== next.reason || prev.sensorUid !== next.sensorUid) for (const fn of this.statusFns) fn(this.status());
  }

  private offline(reason: OfflineReason, detail: string): void {
    this.setStatus({ state: 'offline', reason, detail, sensorUid: null, capacity: null, missingSlots: [] });
  }

  /** One module command sequence at a time: polls, heartbeats, enrolment and deletes never interleave. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn, fn);
    this.lock = run.catch(() => {});
    return run;
  }

  private async loop(): Promise<void> {
    while (!this.stopped) {
      let delay = this.o.heartbeatMs;
      try {
        if (this.current.state === 'offline') {
          delay = this.o.retryMs;
          await this.exclusive(() => this.connect());
        } else if (!this.enrolling && this.armed && this.current.state === 'online') {
          delay = this.o.pollMs;
          await this.exclusive(() => this.pollFinger());
        } else if (!this.enrolling) {
          await this.exclusive(() => this.sensor.templateCount());
        }
        this.failures = 0;
      } catch (err) {
        this.failed(err);
        if (this.current.state !== 'offline') delay = this.o.pollMs;
      }
      if (this.current.state === 'online' && this.armed) delay = Math.min(delay, this.o.pollMs);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  /** Counts a failed exchange; enough in a row (or a lost link at once) take the reader offline. */
  private failed(err: unknown): void {
    if (!(err instanceof R30xError)) {
      this.o.onError?.(err);
      return;
    }
    if (err.failure === 'closed') {
      if (this.current.state !== 'offline') this.offline('disconnected', err.message);
      return;
    }
    this.failures++;
    if (this.failures >= this.o.maxFailures && this.current.state !== 'offline') {
      this.offline(err.failure === 'timeout' ? 'not_responding' : err.failure === 'corrupt' ? 'corrupted_replies' : 'device_error', err.message);
    }
  }

  private async connect(): Promise<void> {
    if (!this.o.link.isOpen) {
      try {
        await this.o.link.open();
      } catch (err) {
        if (this.current.reason !== 'disconnected') this.offline('not_connected', (err as Error).message);
        return;
      }
    }
    let ok: boolean;
    try {
      ok = await this.sensor.verifyPassword();
    } catch (err) {
      // A module that stays silent or garbled after the port opened is not there, whatever the port says.
      if (err instanceof R30xError && err.failure !== 'closed') {
        this.offline(err.failure === 'timeout' ? 'not_responding' : 'corrupted_replies', err.message);
        return;
      }
      throw err;
    }
    if (!ok) {
      this.offline('wrong_password', 'the module refused the configured password');
      return;
    }
    const { capacity } = await this.sensor.systemParameters();
    const uid = decodeIdentity(await this.sensor.readNotepad(IDENTITY_PAGE));
    const known = await this.o.repo.sensorForDoor(this.o.doorId);
    if (known && uid === known.uid) return this.trust(uid, capacity);
    if (!known && !uid) return this.adoptHere(capacity);
    this.setStatus({ state: 'untrusted', reason: known ? 'sensor_replaced' : 'unknown_sensor', detail: uid ? `sensor ${uid}` : 'sensor without a Vigil identity', sensorUid: uid, capacity, missingSlots: [] });
  }

  /** The sensor is the one the store knows: delete templates the store does not map (deleted people, enrolments made elsewhere). */
  private async trust(uid: string, capacity: number): Promise<void> {
    const occupied = new Set(await this.sensor.occupiedSlots(capacity));
    const mapped = new Set((await this.o.repo.onSensor(uid)).map((f) => f.slot));
    for (const slot of occupied) if (!mapped.has(slot)) await this.sensor.deleteTemplates(slot);
    this.fingerDown = false;
    this.setStatus({ state: 'online', reason: null, detail: null, sensorUid: uid, capacity, missingSlots: [...mapped].filter((s) => !occupied.has(s)).sort((a, b) => a - b) });
    if (this.o.ringLed) await this.led(this.armed ? 'waiting' : 'off');
  }

  private async adoptHere(capacity: number): Promise<void> {
    const uid = randomBytes(16).toString('hex');
    await this.sensor.writeNotepad(IDENTITY_PAGE, encodeIdentity(uid));
    await this.o.repo.registerSensor(this.o.doorId, uid, capacity);
    await this.trust(uid, capacity);
  }

  /** An admin trusts the sensor attached now (after a swap): the old sensor's fingers are forgotten and must be enrolled again. */
  adopt(): Promise<FingerprintStatus> {
    return this.exclusive(async () => {
      if (this.current.state !== 'untrusted' || this.current.capacity === null) throw new Error(`nothing to adopt: the reader is ${this.current.state}`);
      await this.adoptHere(this.current.capacity);
      return this.status();
    });
  }

  private emit(r: FingerRead): void {
    for (const fn of this.readFns) fn(r);
  }

  private async pollFinger(): Promise<void> {
    const uid = this.current.sensorUid;
    const capacity = this.current.capacity;
    if (!uid || capacity === null) return;
    const image = await this.sensor.captureImage();
    if (image === 'none') {
      this.fingerDown = false;
      return;
    }
    if (this.fingerDown) return;
    this.fingerDown = true;
    if (image === 'failed') return this.emit({ kind: 'poor_image', reason: 'capture_failed' });
    const features = await this.sensor.extractFeatures(1);
    if (features !== 'ok') return this.emit({ kind: 'poor_image', reason: features === 'no_image' ? 'capture_failed' : features });
    const hit = await this.sensor.search(1, 0, capacity);
    const fp = hit && (await this.o.repo.atSlot(uid, hit.slot));
    if (this.o.ringLed) await this.led(fp ? 'ok' : 'fail');
    this.emit(fp && hit ? { kind: 'match', personId: fp.personId, duress: fp.duress, score: hit.score, slot: hit.slot, fingerprintId: fp.id } : { kind: 'no_match' });
  }

  /** Ring LED of the R503; a module without one answers with an error, which does not matter. */
  private async led(kind: 'waiting' | 'ok' | 'fail' | 'off' | 'busy'): Promise<void> {
    const modes = {
      waiting: ['breathing', 'blue'],
      busy: ['on', 'purple'],
      ok: ['on', 'green'],
      fail: ['flashing', 'red'],
      off: ['off', 'blue'],
    } as const;
    const [mode, color] = modes[kind];
    await this.sensor.ringLed(mode, color, 0x30, kind === 'fail' ? 3 : 0).catch((err: unknown) => {
      if (err instanceof R30xError && err.failure !== 'device') throw err;
    });
  }

  /**
   * Guided enrolment: place, lift, place again. The samples must agree (the module's match), the
   * finger must not be enrolled already (a normal finger cannot double as an emergency one), and the
   * template goes to the first slot that is free both in the module and in the store.
   */
  enrol(personId: string, opts: { duress?: boolean; label?: string; sampleTimeoutMs?: number; signal?: AbortSignal } = {}, progress: (p: EnrolProgress) => void = () => {}): Promise<Fingerprint> {
    if (this.enrolling) return Promise.reject(new EnrolError('busy', 'another enrolment is running on this reader'));
    if (this.current.state !== 'online') {
      return Promise.reject(this.current.state === 'untrusted' ? new EnrolError('untrusted_sensor', 'this sensor is not trusted yet: adopt it first') : new EnrolError('reader_offline', `the reader is offline (${this.current.reason})`));
    }
    this.enrolling = true;
    const limit = opts.sampleTimeoutMs ?? 20_000;
    return this.exclusive(async () => {
      const uid = this.current.sensorUid as string;
      const capacity = this.current.capacity as number;
      const until = (ms: number) => Date.now() + ms;
      const check = (deadline: number) => {
        if (opts.signal?.aborted) throw new EnrolError('cancelled', 'enrolment cancelled');
        if (Date.now() > deadline) throw new EnrolError('timeout', 'no finger in time');
      };
      const waitFor = async (want: 'ok' | 'none', deadline: number) => {
        for (;;) {
          check(deadline);
          const image = await this.sensor.captureImage();
          if (want === 'none' ? image === 'none' : image !== 'none') return image;
          await sleepFor(this.o.pollMs);
        }
      };
      try {
        if (this.o.ringLed) await this.led('waiting');
        for (const sample of [1, 2] as const) {
          progress({ step: 'place', sample });
          const deadline = until(limit);
          for (;;) {
            const image = await waitFor('ok', deadline);
            const features = image === 'ok' ? await this.sensor.extractFeatures(sample) : 'capture_failed';
            if (features === 'ok') break;
            progress({ step: 'retry', sample, reason: features });
            progress({ step: 'lift' });
            await waitFor('none', deadline);
            progress({ step: 'place', sample });
          }
          progress({ step: 'captured', sample });
          if (sample === 1) {
            const hit = await this.sensor.search(1, 0, capacity);
            if (hit && (await this.o.repo.atSlot(uid, hit.slot))) throw new EnrolError('already_enrolled', 'this finger is enrolled already');
          }
          progress({ step: 'lift' });
          await waitFor('none', until(limit));
        }
        const score = await this.sensor.compareBuffers();
        if (score === null || !(await this.sensor.createModel())) throw new EnrolError('samples_differ', 'the two samples are not of the same finger');
        progress({ step: 'merging', score });
        const taken = new Set([...(await this.sensor.occupiedSlots(capacity)), ...(await this.o.repo.onSensor(uid)).map((f) => f.slot)]);
        let slot = 0;
        while (taken.has(slot)) slot++;
        if (slot >= capacity) throw new EnrolError('library_full', `all ${capacity} slots of the sensor are in use`);
        await this.sensor.store(1, slot);
        let fp: Fingerprint;
        try {
          fp = await this.o.repo.add({ personId, sensorUid: uid, slot, duress: opts.duress ?? false, label: opts.label ?? '', score });
        } catch (err) {
          await this.sensor.deleteTemplates(slot).catch(() => {});
          throw err;
        }
        if (this.o.ringLed) await this.led('ok');
        progress({ step: 'stored', slot, fingerprintId: fp.id });
        this.failures = 0;
        return fp;
      } catch (err) {
        if (err instanceof R30xError) {
          this.failed(err);
          throw new EnrolError(err.failure === 'device' ? 'device_error' : 'reader_offline', `the reader failed during enrolment: ${err.message}`);
        }
        throw err;
      } finally {
        this.enrolling = false;
        this.fingerDown = true;
        this.wake?.();
      }
    });
  }

  /** Deletes a finger: from the module when it is attached and trusted, and from the store. A module offline now is cleaned when it returns (its unmapped slots are deleted then). */
  remove(fingerprintId: string): Promise<{ removed: boolean; fromSensor: boolean }> {
    return this.exclusive(async () => {
      const fp = await this.o.repo.get(fingerprintId);
      if (!fp) return { removed: false, fromSensor: false };
      let fromSensor = false;
      if (this.current.state === 'online' && this.current.sensorUid === fp.sensorUid) {
        try {
          await this.sensor.deleteTemplates(fp.slot);
          fromSensor = true;
        } catch (err) {
          this.failed(err);
        }
      }
      await this.o.repo.remove(fingerprintId);
      return { removed: true, fromSensor };
    });
  }

  /** Every finger of a person (before deleting the person). */
  async removePerson(personId: string): Promise<number> {
    const fps = await this.o.repo.forPerson(personId);
    for (const fp of fps) await this.remove(fp.id);
    return fps.length;
  }
}

/**
 * Logs the reader's health: FingerprintReaderOffline when it goes offline or is found swapped
 * (untrusted), FingerprintReaderOnline when it comes back. A reader that is fine from the start is not logged.
 */
export function logReaderHealth(service: Pick<FingerprintService, 'onStatus'>, doorId: string, record: (e: NewEvent) => void): () => void {
  // One outage is one event: a reader already logged offline whose reason changes while it comes
  // back (unplugged, then silent for a moment after the replug) is not logged again.
  let logged: FingerprintState = 'online';
  return service.onStatus((s) => {
    if (s.state === logged) return;
    if (s.state === 'online') record({ type: 'FingerprintReaderOnline', doorId, details: { sensor: s.sensorUid } });
    else record({ type: 'FingerprintReaderOffline', doorId, details: { reason: s.reason, detail: s.detail } });
    logged = s.state;
  });
}
