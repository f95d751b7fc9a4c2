import { STATUS_CODES } from 'node:http';
import { DomainError } from '../core/errors.ts';
import { EnrolError, type EnrolFailure, type EnrolProgress, type FingerprintService } from '../hardware/fingerprintService.ts';
import type { Fingerprint, FingerprintRepo } from '../store/fingerprints.ts';

/** Where an enrolment stands, for the panel's progress (place, lift, place again). */
export interface EnrolmentState {
  personId: string;
  duress: boolean;
  /** The latest step the reader reported; null until the first. */
  step: EnrolProgress | null;
  /** Samples read well so far (two make a template). */
  captured: 0 | 1 | 2;
  startedAt: number;
}

/** Why an enrolment could not run or failed, with the HTTP status (and CLI message) it stands for. */
export class FingerError extends DomainError {
  override name = 'FingerError';
  declare readonly reason: EnrolFailure | 'no_reader' | 'no_person';
  constructor(reason: EnrolFailure | 'no_reader' | 'no_person', message: string) {
    super(message, reason);
  }

  get statusCode(): number {
    return STATUS[this.reason];
  }

  get title(): string {
    return STATUS_CODES[this.statusCode] ?? 'Error';
  }
}

const STATUS: Record<FingerError['reason'], number> = {
  no_reader: 404,
  no_person: 404,
  reader_offline: 503,
  untrusted_sensor: 409,
  busy: 409,
  already_enrolled: 409,
  timeout: 408,
  cancelled: 409,
  samples_differ: 422,
  library_full: 507,
  device_error: 502,
};

export interface FingerRecord extends Fingerprint {
  /** The door whose sensor holds the template, when the sensor is still registered. */
  doorId: string | null;
}

/**
 * People's fingers across the doors' readers: guided enrolment with its progress, removal from the
 * sensor and the store, and a person's fingers forgotten when the person is deleted.
 */
export class FingerEnrolment {
  private readonly running = new Map<string, { state: EnrolmentState; abort: AbortController }>();

  constructor(private readonly d: { reader(doorId: string): FingerprintService | undefined; readers(): Array<{ doorId: string; fingers: FingerprintService }>; repo: FingerprintRepo }) {}

  private reader(doorId: string): FingerprintService {
    const fingers = this.d.reader(doorId);
    if (!fingers) throw new FingerError('no_reader', `door "${doorId}" has no fingerprint reader`);
    return fingers;
  }

  /** Place, lift, place again on the door's reader; resolves with the stored finger. */
  async enrol(doorId: string, personId: string, opts: { duress: boolean; label?: string; sampleTimeoutMs?: number }, onProgress: (p: EnrolProgress) => void = () => {}): Promise<Fingerprint> {
    const fingers = this.reader(doorId);
    if (this.running.has(doorId)) throw new FingerError('busy', 'another enrolment is running on this reader');
    const job = { state: { personId, duress: opts.duress, step: null, captured: 0, startedAt: Date.now() } as EnrolmentState, abort: new AbortController() };
    this.running.set(doorId, job);
    try {
      return await fingers.enrol(personId, { duress: opts.duress, label: opts.label ?? '', sampleTimeoutMs: opts.sampleTimeoutMs, signal: job.abort.signal }, (p) => {
        job.state.step = p;
        if (p.step === 'captured') job.state.captured = p.sample;
        onProgress(p);
      });
    } catch (err) {
      throw err instanceof EnrolError ? new FingerError(err.reason, err.message) : err;
    } finally {
      this.running.delete(doorId);
    }
  }

  progress(doorId: string): EnrolmentState | null {
    const job = this.running.get(doorId);
    return job ? { ...job.state } : null;
  }

  cancel(doorId: string): boolean {
    const job = this.running.get(doorId);
    job?.abort.abort();
    return job !== undefined;
  }

  async list(personId: string): Promise<FingerRecord[]> {
    const doors = new Map((await this.d.repo.sensors()).map((s) => [s.uid, s.doorId]));
    return (await this.d.repo.forPerson(personId)).map((f) => ({ ...f, doorId: doors.get(f.sensorUid) ?? null }));
  }

  /** Deletes one finger: from the sensor that holds it when that sensor is attached, always from the store. */
  async remove(personId: string, fingerprintId: string): Promise<boolean> {
    const fp = await this.d.repo.get(fingerprintId);
    if (fp?.personId !== personId) return false;
    const holder = this.d.readers().find((r) => r.fingers.status().sensorUid === fp.sensorUid);
    // A sensor that is away now deletes the template itself when it returns (it drops slots the store does not map).
    if (holder) return (await holder.fingers.remove(fp.id)).removed;
    return this.d.repo.remove(fp.id);
  }

  /** Every finger of a person, before the person is deleted. */
  async forgetPerson(personId: string): Promise<number> {
    let n = 0;
    for (const fp of await this.d.repo.forPerson(personId)) if (await this.remove(personId, fp.id)) n++;
    return n;
  }
}
