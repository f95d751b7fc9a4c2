import type { Logger } from 'pino';
import type { DoorConfig } from '../config/schema.ts';
import { initialAccess, stepAccess, type AccessEffect, type AccessInput, type AccessSettings, type AccessState } from '../core/access.ts';
import type { Bus } from '../core/bus.ts';
import type { NewEvent } from '../core/events.ts';
import { lockOutcome, type DetailsOf } from '../core/eventDetails.ts';
import { accessAllowed, type AccessRules } from '../core/schedule.ts';
import type { Frame, FrameFeed } from '../camera/frameFeed.ts';
import type { Button, CredentialFactor, CredentialReader, DoorLock } from './devices.ts';
import { runFaceSession, type SessionFaces, type SessionOutcome } from './faceSession.ts';
import { ChallengeStep, livenessMode } from './challengeStep.ts';
import { watchTailgating, type TailgateOptions } from './tailgating.ts';
import type { SnapshotStore } from './snapshots.ts';

/** What the door shows: the same for a good and a bad credential until the very end. */
export type TerminalView =
  | { state: 'idle' }
  | { state: 'looking'; until: number; prompt?: string }
  | { state: 'granted'; name: string }
  | { state: 'denied' }
  | { state: 'locked_out'; until: number };

export interface DoorStatus {
  id: string;
  name: string;
  mode: DoorConfig['mode'];
  direction: DoorConfig['direction'];
  view: TerminalView;
  lock: string;
  camera: 'online' | 'offline' | 'none';
  contact: 'open' | 'closed' | 'unknown';
  lastAccess: { type: 'Entry' | 'Exit' | 'Denied'; personId: string | null; at: number } | null;
}

export interface DoorTerminalDeps {
  door: DoorConfig;
  faces: SessionFaces & Pick<TailgateOptions['faces'], 'sameFaceThreshold'>;
  /** Who a PIN or fob belongs to (keyed-hash lookup). */
  findCredential(factor: CredentialFactor, value: string): Promise<{ personId: string; duress: boolean } | undefined>;
  person(id: string): Promise<{ name: string; access: AccessRules } | undefined>;
  camera?: FrameFeed | undefined;
  exitCamera?: FrameFeed | undefined;
  readers: CredentialReader[];
  exitButton?: Button | undefined;
  lock: DoorLock;
  snapshots: SnapshotStore;
  bus: Bus;
  record(e: NewEvent): void;
  disarm?: ((via: string) => void) | undefined;
  log: Logger;
  /** Face engine threads: frames analysed at once. */
  concurrency: number;
  now?: () => number;
}

/** How long a result stays on the kiosk screen. */
const RESULT_MS = 4000;
/** A door contact opening this long after the lock was released counts as forced. */
const OPEN_GRACE_MS = 3000;
/** After a face-only attempt, how long the camera rests before the next. */
const FACE_ONLY_PAUSE_MS = 2000;

/**
 * One door: credentials in (keypads, readers, kiosk), the camera's verdict, the access decision
 * (core/access.ts), then the lock, the log, the alarm. Also watches the door contact (forced, held
 * open), the exit button, and who follows a granted person in.
 */
export class DoorTerminal {
  private state: AccessState = initialAccess;
  private readonly settings: AccessSettings;
  private readonly now: () => number;
  private view: TerminalView = { state: 'idle' };
  private viewUntil = 0;
  private session: { cancel(): void; id: number } | undefined;
  private sessionSeq = 0;
  private inputs: Promise<void> = Promise.resolve();
  private tickTimer: NodeJS.Timeout | undefined;
  private heldTimer: NodeJS.Timeout | undefined;
  private stopTailgate: (() => void) | undefined;
  private readonly offs: Array<() => void> = [];
  private contact: DoorStatus['contact'] = 'unknown';
  /** Until when an opening of the door is expected (a grant or exit released the lock). */
  private openAllowedUntil = 0;
  private lastAccess: DoorStatus['lastAccess'] = null;
  private idleBusy = false;
  private idleRestUntil = 0;
  private stopped = false;
  /** Challenge mode: asks for random actions after the credential (passive mode: undefined). */
  private readonly challenge: ChallengeStep | undefined;

  constructor(private readonly d: DoorTerminalDeps) {
    this.now = d.now ?? Date.now;
    const door = d.door;
    this.settings = { mode: door.mode, faceWindowMs: door.faceWindow * 1000, maxFailures: door.maxFailures, lockoutBaseMs: door.lockout * 1000, lockoutMaxMs: door.lockoutMax * 1000 };
    if (livenessMode(door) === 'challenge') {
      this.challenge = new ChallengeStep({ doorId: door.id, steps: door.challengeSteps, actions: door.challengeActions, isLive: (s) => d.faces.isLive(s), publish: (prompt) => d.bus.emit('door.prompt', { doorId: door.id, prompt }) });
    }
  }

  get id(): string {
    return this.d.door.id;
  }

  async start(): Promise<void> {
    await this.d.lock.start().catch((err: unknown) => this.d.log.error({ err, door: this.id }, 'the lock could not be set up'));
    for (const reader of this.d.readers) {
      await reader.start((factor, value) => void this.credential(factor, value, 'keypad'));
    }
    await this.d.exitButton?.start(() => void this.requestExit('button'));
    if (this.d.door.contactSensor) {
      this.offs.push(this.d.bus.on('sensor.report', (r) => r.sensorId === this.d.door.contactSensor && r.contact && this.onContact(r.contact, r.receivedAt)));
    }
    for (const [feed, which] of [[this.d.camera, 'entry'], [this.d.exitCamera, 'exit']] as const) {
      if (!feed) continue;
      let wasOffline = false;
      this.offs.push(
        feed.onStatus((online, detail) => {
          if (!online) wasOffline = true;
          if (online && !wasOffline) return;
          this.d.record({ type: online ? 'CameraOnline' : 'CameraOffline', doorId: this.id, details: { camera: which, detail } });
        }),
      );
    }
    if (this.d.door.mode === 'face_only' && this.d.camera) {
      const feed = this.d.camera;
      this.offs.push(feed.onFrame((f) => this.watchIdle(f)));
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const off of this.offs.splice(0)) off();
    this.session?.cancel();
    this.stopTailgate?.();
    clearTimeout(this.tickTimer);
    clearTimeout(this.heldTimer);
    await Promise.allSettled([...this.d.readers.map((r) => r.stop()), this.d.exitButton?.stop(), this.d.lock.close()]);
    await this.inputs.catch(() => {});
  }

  status(): DoorStatus {
    const door = this.d.door;
    return {
      id: door.id,
      name: door.name,
      mode: door.mode,
      direction: door.direction,
      view: this.currentView(),
      lock: this.d.lock.kind,
      camera: this.d.camera ? (this.d.camera.online ? 'online' : 'offline') : 'none',
      contact: this.contact,
      lastAccess: this.lastAccess,
    };
  }

  currentView(): TerminalView {
    if (this.state.phase === 'locked_out') return { state: 'locked_out', until: this.state.deadline };
    if (this.state.phase === 'awaiting_face') {
      const prompt = this.challenge?.prompt();
      return prompt ? { state: 'looking', until: this.state.deadline, prompt: prompt.text } : { state: 'looking', until: this.state.deadline };
    }
    return this.now() < this.viewUntil ? this.view : { state: 'idle' };
  }

  /** A PIN typed or a fob shown. Resolves once the door has taken it in (the answer comes later). */
  credential(factor: CredentialFactor, value: string, via: string): Promise<TerminalView> {
    return this.serial(async () => {
      const found = await this.d.findCredential(factor, value).catch((err: unknown) => {
        this.d.log.error({ err, door: this.id }, 'credential lookup failed');
        return undefined;
      });
      const person = found ? await this.d.person(found.personId) : undefined;
      const at = this.now();
      const scheduleOk = person ? accessAllowed(person.access, this.id, new Date(at)) : false;
      this.d.log.info({ door: this.id, factor, via }, 'credential presented');
      await this.input({ type: 'credential', result: { factor, personId: person && found ? found.personId : null, duress: found?.duress ?? false, scheduleOk }, at });
    }).then(() => this.currentView());
  }

  /** Runs inputs one at a time, in arrival order. */
  private serial(fn: () => Promise<void>): Promise<void> {
    const run = this.inputs.then(fn);
    this.inputs = run.catch((err: unknown) => this.d.log.error({ err, door: this.id }, 'door input failed'));
    return this.inputs;
  }

  private async input(input: AccessInput, outcome?: SessionOutcome): Promise<void> {
    if (this.stopped) return;
    const { state, effects } = stepAccess(this.state, input, this.settings);
    this.state = state;
    for (const e of effects) await this.apply(e, input.at, outcome);
  }

  private async apply(e: AccessEffect, at: number, outcome?: SessionOutcome): Promise<void> {
    switch (e.type) {
      case 'await_face':
        this.lookFor(e.personId, at, e.until);
        return;
      case 'grant':
        await this.grant(e, at, outcome);
        return;
      case 'deny': {
        this.show({ state: 'denied' });
        const details: DetailsOf<'Denied'> = { reason: e.reason, factors: e.factors.join('+'), mode: this.d.door.mode, score: outcome?.sawFace ? round(outcome.score) : null };
        if (outcome?.challenge && !outcome.challenge.pass && e.reason === 'not_live') details.liveness = outcome.challenge.reason;
        else if (outcome?.liveness && e.reason === 'not_live') details.liveness = outcome.liveness.reasons.join('; ') || null;
        this.lastAccess = { type: 'Denied', personId: e.personId, at };
        await this.log({ type: 'Denied', time: at, doorId: this.id, personId: e.personId, details }, outcome?.snapshot ?? this.d.camera?.latest());
        return;
      }
      case 'lockout':
        this.tickAt(e.until);
        this.d.record({ type: 'TerminalLockout', time: at, doorId: this.id, details: { until: e.until, lockouts: e.lockouts, seconds: Math.round((e.until - at) / 1000) } });
        return;
    }
  }

  /** Starts the camera's look for the face; its outcome comes back as a face (or timeout) input. */
  private lookFor(personId: string | null, at: number, until: number, identify = false): void {
    this.session?.cancel();
    const feed = this.d.camera;
    const id = ++this.sessionSeq;
    if (!feed) {
      // Without a camera the attempt can only run out (a face mode needs a kiosk or camera).
      this.tickAt(until);
      return;
    }
    // A face-only door has no moment to ask at (no credential): it stays passive.
    const challenge = identify ? undefined : this.challenge;
    challenge?.begin(this.now(), until);
    const s = runFaceSession({
      feed,
      faces: this.d.faces,
      challenge,
      candidate: identify ? 'identify' : personId,
      since: at - this.d.door.preRoll * 1000,
      deadline: until,
      burstFrames: this.d.door.burstFrames,
      concurrency: this.d.concurrency,
      now: this.now,
    });
    this.session = { cancel: s.cancel, id };
    void s.done.then((outcome) =>
      this.serial(async () => {
        if (this.session?.id !== id) return;
        this.session = undefined;
        challenge?.end();
        if (this.state.phase === 'awaiting_face' || identify) {
          if (outcome.sawFace) {
            await this.input({ type: 'face', result: { personId: outcome.personId, score: outcome.score, live: outcome.live }, at: Math.min(this.now(), until) }, outcome);
          } else await this.input({ type: 'tick', at: Math.max(this.now(), until) }, outcome);
        }
      }),
    );
  }

  /** The machine's next deadline (lockout end, or a face window with no camera to end it); a stale one is a harmless tick. */
  private tickAt(at: number): void {
    clearTimeout(this.tickTimer);
    this.tickTimer = setTimeout(() => void this.serial(() => this.input({ type: 'tick', at: Math.max(this.now(), at) })), Math.max(0, at - this.now()));
  }

  /** Face-only doors: a usable face in view starts an attempt. */
  private watchIdle(frame: Frame): void {
    if (this.idleBusy || this.session || this.state.phase !== 'idle' || this.now() < this.idleRestUntil) return;
    this.idleBusy = true;
    this.d.faces
      .analyze(frame.image)
      .then((faces) => {
        if (!faces.some((f) => this.d.faces.usable(f)) || this.session || this.state.phase !== 'idle') return;
        const at = this.now();
        this.idleRestUntil = at + this.settings.faceWindowMs + FACE_ONLY_PAUSE_MS;
        this.lookFor(null, frame.at, at + this.settings.faceWindowMs, true);
      })
      .catch((err: unknown) => this.d.log.warn({ err, door: this.id }, 'face-only frame failed'))
      .finally(() => (this.idleBusy = false));
  }

  private async grant(e: Extract<AccessEffect, { type: 'grant' }>, at: number, outcome?: SessionOutcome): Promise<void> {
    const door = this.d.door;
    const unlockMs = door.unlockSeconds * 1000;
    this.openAllowedUntil = at + unlockMs + OPEN_GRACE_MS;
    // The lock first: everything else can wait a few milliseconds, the person at the door cannot.
    const lock = await this.d.lock.unlock(unlockMs);
    if (!lock.ok) this.d.log.error({ door: this.id, detail: lock.detail }, 'the lock did not take the unlock command');
    const person = await this.d.person(e.personId);
    this.show({ state: 'granted', name: person?.name ?? '' });
    if (door.disarmAlarm && door.direction === 'entry') this.d.disarm?.(`door:${this.id}`);
    const type = door.direction === 'exit' ? 'Exit' : 'Entry';
    this.lastAccess = { type, personId: e.personId, at };
    const snapshot = outcome?.snapshot ?? this.d.camera?.latest();
    const details: DetailsOf<'Entry'> = { factors: e.factors.join('+'), mode: door.mode, score: e.score === null ? null : round(e.score), lock: lockOutcome(lock) };
    if (door.mode === 'pin_only') details.fallback = 'pin_only';
    const logged = this.log({ type, time: at, doorId: this.id, personId: e.personId, details }, snapshot);
    // Silent: nothing at the door differs; only the log and the notifications know.
    if (e.duress) this.d.record({ type: 'DuressAlarm', time: at, doorId: this.id, personId: e.personId, details: { factors: e.factors.join('+') } });
    this.watchFollowers(outcome);
    await logged;
  }

  private watchFollowers(outcome?: SessionOutcome): void {
    const window = this.d.door.tailgateWindow * 1000;
    if (!this.d.camera || window <= 0) return;
    this.stopTailgate?.();
    this.stopTailgate = watchTailgating({
      feed: this.d.camera,
      faces: this.d.faces,
      granted: [outcome?.embeddings ?? []],
      until: this.now() + window,
      now: this.now,
      onTailgate: (distinct, frame) => void this.log({ type: 'Tailgating', time: frame.at, doorId: this.id, details: { faces: distinct, granted: 1 } }, frame),
    });
  }

  /** Request to exit: open at once; the exit camera, if any, names who left. */
  requestExit(via: string): Promise<void> {
    const at = this.now();
    this.openAllowedUntil = at + this.d.door.unlockSeconds * 1000 + OPEN_GRACE_MS;
    return this.d.lock.unlock(this.d.door.unlockSeconds * 1000).then(async (lock) => {
      let outcome: SessionOutcome | undefined;
      if (this.d.exitCamera) {
        outcome = await runFaceSession({
          feed: this.d.exitCamera,
          faces: this.d.faces,
          candidate: 'identify',
          since: at - this.d.door.preRoll * 1000,
          deadline: at + 2000,
          burstFrames: 1,
          concurrency: this.d.concurrency,
          now: this.now,
        }).done;
      }
      const personId = outcome?.personId ?? null;
      this.lastAccess = { type: 'Exit', personId, at };
      await this.log(
        { type: 'Exit', time: at, doorId: this.id, personId, details: { via, score: personId ? round(outcome?.score ?? 0) : null, lock: lockOutcome(lock) } },
        outcome?.snapshot,
      );
    });
  }

  /** An operator's remote unlock from the panel or API. */
  async remoteUnlock(user: string): Promise<boolean> {
    const at = this.now();
    this.openAllowedUntil = at + this.d.door.unlockSeconds * 1000 + OPEN_GRACE_MS;
    const lock = await this.d.lock.unlock(this.d.door.unlockSeconds * 1000);
    this.d.record({ type: 'DoorUnlocked', time: at, doorId: this.id, details: { by: user, lock: lockOutcome(lock) } });
    return lock.ok;
  }

  private onContact(contact: 'open' | 'closed', at: number): void {
    const was = this.contact;
    this.contact = contact;
    if (contact === 'closed') {
      clearTimeout(this.heldTimer);
      this.heldTimer = undefined;
      return;
    }
    if (was === 'open') return;
    if (at > this.openAllowedUntil) void this.log({ type: 'DoorForced', time: at, doorId: this.id, sensorId: this.d.door.contactSensor, details: {} }, this.d.camera?.latest());
    clearTimeout(this.heldTimer);
    this.heldTimer = setTimeout(() => {
      if (this.contact === 'open') this.d.record({ type: 'DoorHeldOpen', doorId: this.id, sensorId: this.d.door.contactSensor, details: { seconds: this.d.door.heldOpen } });
    }, this.d.door.heldOpen * 1000);
  }

  private show(view: TerminalView): void {
    this.view = view;
    this.viewUntil = this.now() + RESULT_MS;
  }

  /** Saves the snapshot (if there is a frame) and logs the event with its name. */
  private async log(e: Extract<NewEvent, { type: 'Entry' | 'Exit' | 'Denied' | 'Tailgating' | 'DoorForced' }>, frame: Frame | undefined): Promise<void> {
    let snapshot: string | null = null;
    if (frame) {
      snapshot = await this.d.snapshots.save(frame.image, frame.at).catch((err: unknown) => {
        this.d.log.error({ err, door: this.id }, 'snapshot could not be saved');
        return null;
      });
    }
    this.d.record({ ...e, details: { ...e.details, snapshot } } as NewEvent);
  }
}

const round = (v: number) => Math.round(v * 1000) / 1000;
