import type { Logger } from 'pino';
import { doorChain, type DoorConfig } from '../config/schema.ts';
import type { Bus } from '../core/bus.ts';
import type { NewEvent } from '../core/events.ts';
import { lockOutcome, type DetailsOf } from '../core/eventDetails.ts';
import { chainSteps, type ChainEffect, type ChainFactor, type ChainSettings, type ChainStep } from '../core/factorChain.ts';
import { accessAllowed, type AccessRules } from '../core/schedule.ts';
import type { Frame, FrameFeed } from '../camera/frameFeed.ts';
import { fingerFactor, logReaderHealth, type FingerprintService, type FingerprintState } from '../hardware/fingerprintService.ts';
import type { DoorDisplay } from '../hardware/doorDisplay.ts';
import type { DoorFeedback } from '../hardware/feedback.ts';
import type { Button, CredentialFactor, CredentialReader } from './devices.ts';
import type { DoorLock } from '../core/lock.ts';
import { ChainDriver } from './chainDriver.ts';
import { ContactSupervisor, type ContactState } from './contactSupervisor.ts';
import { DoorLog } from './doorLog.ts';
import { DoorOpener } from './doorOpener.ts';
import { remoteUnlock, requestExit, round, type ExitDeps } from './doorReleases.ts';
import { DoorScreen, type TerminalView } from './doorScreen.ts';
import type { SessionFaces, SessionOutcome } from './faceSession.ts';
import { FaceLook } from './faceLook.ts';
import { ChallengeStep, livenessMode, type DoorPrompt } from './challengeStep.ts';
import { watchForFaces } from './faceWatch.ts';
import { watchTailgating, type TailgateOptions } from './tailgating.ts';
import type { SnapshotStore } from './snapshots.ts';

export type { TerminalView } from './doorScreen.ts';

export interface DoorStatus {
  id: string;
  name: string;
  mode: DoorConfig['mode'];
  /** The steps the door asks for, each a list of alternatives. */
  chain: ChainFactor[][];
  direction: DoorConfig['direction'];
  view: TerminalView;
  lock: string;
  camera: 'online' | 'offline' | 'none';
  contact: ContactState;
  fingerprint: FingerprintState | 'none';
  lastAccess: { type: 'Entry' | 'Exit' | 'Denied'; personId: string | null; at: number } | null;
}

/** A reed on the door unit's GPIO, reporting each settled change. */
export interface ContactLine {
  start(onChange: (contact: 'open' | 'closed', at: number) => void): Promise<void>;
  stop(): Promise<void>;
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
  contactLine?: ContactLine | undefined;
  fingers?: Pick<FingerprintService, 'onRead' | 'onStatus' | 'arm' | 'status'> | undefined;
  display?: DoorDisplay | undefined;
  feedback?: DoorFeedback | undefined;
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

/** After a face-first attempt, how long the camera rests before the next. */
const FACE_FIRST_PAUSE_MS = 2000;

/** What one attempt gathered beyond the chain's own record: for the log's details and snapshot. */
interface Attempt {
  face?: SessionOutcome;
  fingerScore?: number;
}

/**
 * One door: runs its factor chain (core/factorChain.ts, through the ChainDriver) over the door's
 * inputs (keypads, card readers, the fingerprint reader, the camera, the kiosk) and acts on the
 * answers: the lock, the log, the screens. The exit path, remote unlock, the contact and who follows
 * a granted person in are units of their own, wired here.
 */
export class DoorTerminal {
  private readonly now: () => number;
  private readonly steps: ChainStep[];
  private readonly chain: ChainDriver;
  private readonly opener: DoorOpener;
  private readonly doorLog: DoorLog;
  private readonly screen: DoorScreen;
  private readonly contact: ContactSupervisor;
  private readonly exit: ExitDeps;
  private readonly look: FaceLook;
  /** Challenge mode: asks for random actions after the credential (passive mode: undefined). */
  private readonly challenge: ChallengeStep | undefined;
  private attempt: Attempt = {};
  private stopTailgate: (() => void) | undefined;
  private readonly offs: Array<() => void> = [];
  private lastAccess: DoorStatus['lastAccess'] = null;

  constructor(private readonly d: DoorTerminalDeps) {
    this.now = d.now ?? Date.now;
    const door = d.door;
    this.steps = chainSteps(doorChain(door));
    const settings: ChainSettings = { steps: this.steps, maxFailures: door.maxFailures, lockoutBaseMs: door.lockout * 1000, lockoutMaxMs: door.lockoutMax * 1000 };
    this.chain = new ChainDriver({ doorId: door.id, settings, now: this.now, log: d.log, apply: (e, at) => this.apply(e, at) });
    this.opener = new DoorOpener(d.lock, door.unlockSeconds * 1000, this.now);
    this.doorLog = new DoorLog({ doorId: door.id, snapshots: d.snapshots, record: d.record, log: d.log });
    this.screen = new DoorScreen({ doorId: door.id, idle: this.steps[0]?.accept ?? [], display: d.display, feedback: d.feedback, now: this.now, log: d.log });
    this.contact = new ContactSupervisor({ doorId: door.id, sensorId: door.contactSensor || undefined, heldOpenS: door.heldOpen, opener: this.opener, log: this.doorLog, frame: () => d.camera?.latest() });
    if (livenessMode(door) === 'challenge') {
      // The prompt goes to the kiosk (its view), MQTT (the bus) and, on a face-only step, the door's own display.
      const publish = (prompt: DoorPrompt | null) => {
        d.bus.emit('door.prompt', { doorId: door.id, prompt });
        if (prompt) this.screen.challenge(prompt.actions);
      };
      this.challenge = new ChallengeStep({ doorId: door.id, steps: door.challengeSteps, actions: door.challengeActions, isLive: (s) => d.faces.isLive(s), publish });
    }
    this.look = new FaceLook({ feed: d.camera, faces: d.faces, challenge: this.challenge, preRollMs: door.preRoll * 1000, burstFrames: door.burstFrames, concurrency: d.concurrency, now: this.now });
    this.exit = { doorId: door.id, opener: this.opener, log: this.doorLog, exitCamera: d.exitCamera, faces: d.faces, preRollMs: door.preRoll * 1000, concurrency: d.concurrency, now: this.now };
  }

  get id(): string {
    return this.d.door.id;
  }

  private get first(): readonly ChainFactor[] {
    return this.steps[0]?.accept ?? [];
  }

  async start(): Promise<void> {
    await this.d.lock.start().catch((err: unknown) => this.d.log.error({ err, door: this.id }, 'the lock could not be set up'));
    await this.screen.start();
    for (const reader of this.d.readers) {
      await reader.start((factor, value) => void this.credential(factor, value, 'keypad'));
    }
    await this.d.exitButton?.start(() => void this.requestExit('button'));
    if (this.d.door.contactSensor) {
      this.offs.push(this.d.bus.on('sensor.report', (r) => r.sensorId === this.d.door.contactSensor && r.contact && this.contact.report(r.contact, r.receivedAt)));
    }
    await this.d.contactLine?.start((contact, at) => this.contact.report(contact, at));
    this.watchCameras();
    const fingers = this.d.fingers;
    if (fingers) {
      this.offs.push(logReaderHealth(fingers, this.id, this.d.record));
      this.offs.push(fingers.onRead((r) => (r.kind === 'poor_image' ? this.screen.tryAgain() : void this.finger(r))));
      fingers.arm(this.first.includes('finger'));
    }
    if (this.first.includes('face') && this.d.camera) {
      const windowMs = this.d.door.faceWindow * 1000;
      this.offs.push(
        watchForFaces({
          feed: this.d.camera,
          faces: this.d.faces,
          ready: () => this.chain.current.phase === 'idle' && !this.look.running,
          onFace: (frame) => {
            const until = this.now() + windowMs;
            this.lookFor(null, frame.at, until, true);
            return until + FACE_FIRST_PAUSE_MS;
          },
          onError: (err) => this.d.log.warn({ err, door: this.id }, 'face-first frame failed'),
          now: this.now,
        }),
      );
    }
  }

  async stop(): Promise<void> {
    for (const off of this.offs.splice(0)) off();
    this.look.cancel();
    this.stopTailgate?.();
    this.contact.stop();
    this.d.fingers?.arm(false);
    await this.chain.stop();
    await Promise.allSettled([...this.d.readers.map((r) => r.stop()), this.d.exitButton?.stop(), this.d.contactLine?.stop(), this.d.lock.close(), this.screen.stop()]);
  }

  status(): DoorStatus {
    const door = this.d.door;
    return {
      id: door.id,
      name: door.name,
      mode: door.mode,
      chain: this.steps.map((s) => [...s.accept]),
      direction: door.direction,
      view: this.currentView(),
      lock: this.opener.kind,
      camera: this.d.camera ? (this.d.camera.online ? 'online' : 'offline') : 'none',
      contact: this.contact.contact,
      fingerprint: this.d.fingers?.status().state ?? 'none',
      lastAccess: this.lastAccess,
    };
  }

  currentView(): TerminalView {
    const view = this.screen.current();
    const prompt = this.challenge?.prompt();
    return view.state === 'looking' && prompt ? { ...view, prompt: prompt.text } : view;
  }

  /** A PIN typed or a fob shown. Resolves once the door has taken it in (the answer may come later). */
  credential(factor: CredentialFactor, value: string, via: string): Promise<TerminalView> {
    this.d.log.info({ door: this.id, factor, via }, 'credential presented');
    return this.chain
      .present(async () => {
        const found = await this.d.findCredential(factor, value).catch((err: unknown) => {
          this.d.log.error({ err, door: this.id }, 'credential lookup failed');
          return undefined;
        });
        const known = found ? await this.allowed(found.personId) : { personId: null, scheduleOk: false };
        return { factor, personId: known.personId, duress: known.personId ? (found?.duress ?? false) : false, scheduleOk: known.scheduleOk };
      })
      .then(() => this.currentView());
  }

  private finger(read: Parameters<typeof fingerFactor>[0]): Promise<void> {
    if (read.kind === 'match') this.attempt.fingerScore = read.score;
    return this.chain.present(async () => {
      const known = read.kind === 'match' ? await this.allowed(read.personId) : null;
      return fingerFactor(known?.personId ? read : { kind: 'no_match' }, known?.scheduleOk ?? false);
    });
  }

  /** The person, if they still exist, and whether they may use this door now. */
  private async allowed(personId: string | null): Promise<{ personId: string | null; scheduleOk: boolean }> {
    const person = personId ? await this.d.person(personId) : undefined;
    return person && personId ? { personId, scheduleOk: accessAllowed(person.access, this.id, new Date(this.now())) } : { personId: null, scheduleOk: false };
  }

  private async apply(e: ChainEffect, at: number): Promise<void> {
    switch (e.type) {
      case 'prompt':
        this.screen.prompt(e.accept, e.until);
        this.d.fingers?.arm(e.accept.includes('finger'));
        if (e.accept.includes('face')) this.lookFor(e.candidate, at, e.until, false);
        else this.look.cancel();
        return;
      case 'duress':
        // Silent: nothing at the door differs; only the log and the notifications know.
        this.d.record({ type: 'DuressAlarm', time: at, doorId: this.id, personId: e.personId, details: { factors: e.factor } });
        return;
      case 'grant':
        await this.grant(e, at, this.endAttempt());
        return;
      case 'deny':
        await this.deny(e, at, this.endAttempt());
        return;
      case 'lockout':
        this.screen.lockedOut(e.until);
        this.d.record({ type: 'TerminalLockout', time: at, doorId: this.id, details: { until: e.until, lockouts: e.lockouts, seconds: Math.round((e.until - at) / 1000) } });
        return;
    }
  }

  /** The attempt is answered: the camera stops looking, the reader waits for the first step again. */
  private endAttempt(): Attempt {
    const attempt = this.attempt;
    this.attempt = {};
    this.look.cancel();
    this.d.fingers?.arm(this.first.includes('finger'));
    return attempt;
  }

  /** What the door's details call its mode: the mode's name, or the chain's steps. */
  private get modeLabel(): string {
    return this.d.door.chain ? this.steps.map((s) => s.accept.join('|')).join('+') : this.d.door.mode;
  }

  private async grant(e: Extract<ChainEffect, { type: 'grant' }>, at: number, attempt: Attempt): Promise<void> {
    const door = this.d.door;
    // The lock first: everything else can wait a few milliseconds, the person at the door cannot.
    const lock = await this.opener.open(at);
    if (!lock.ok) this.d.log.error({ door: this.id, detail: lock.detail }, 'the lock did not take the unlock command');
    const person = await this.d.person(e.personId);
    this.screen.granted(person?.name ?? '');
    if (door.disarmAlarm && door.direction === 'entry') this.d.disarm?.(`door:${this.id}`);
    const type = door.direction === 'exit' ? 'Exit' : 'Entry';
    this.lastAccess = { type, personId: e.personId, at };
    const details: DetailsOf<'Entry'> = { factors: e.factors.join('+'), mode: this.modeLabel, score: e.scores.face === undefined ? null : round(e.scores.face), lock: lockOutcome(lock) };
    if (e.scores.finger !== undefined) details.fingerScore = e.scores.finger;
    if (!door.chain && door.mode === 'pin_only') details.fallback = 'pin_only';
    const logged = this.doorLog.withSnapshot({ type, time: at, doorId: this.id, personId: e.personId, details }, attempt.face?.snapshot ?? this.d.camera?.latest());
    this.watchFollowers(attempt.face);
    await logged;
  }

  private async deny(e: Extract<ChainEffect, { type: 'deny' }>, at: number, attempt: Attempt): Promise<void> {
    const state = this.chain.current;
    // Locked out, the door keeps saying so (and until when) rather than "denied".
    if (state.phase === 'locked_out') this.screen.lockedOut(state.deadline);
    else this.screen.denied();
    const face = attempt.face;
    const details: DetailsOf<'Denied'> = { reason: e.reason, factors: e.factors.join('+'), mode: this.modeLabel, score: face?.sawFace ? round(face.score) : null };
    if (attempt.fingerScore !== undefined) details.fingerScore = attempt.fingerScore;
    if (face?.challenge && !face.challenge.pass && e.reason === 'not_live') details.liveness = face.challenge.reason;
    else if (face?.liveness && e.reason === 'not_live') details.liveness = face.liveness.reasons.join('; ') || null;
    // The step ran out before a whole burst matched: the check never ran, and the log says so.
    else if (face && e.reason === 'not_live') details.liveness = `too few matching frames to judge (${face.embeddings.length} of ${this.d.door.burstFrames})`;
    this.lastAccess = { type: 'Denied', personId: e.personId, at };
    await this.doorLog.withSnapshot({ type: 'Denied', time: at, doorId: this.id, personId: e.personId, details }, face?.snapshot ?? this.d.camera?.latest());
  }

  /** The camera looks for the face; a face seen comes back as the step's factor, none leaves the step to its timeout. */
  private lookFor(candidate: string | null, at: number, until: number, identify: boolean): void {
    this.look.start(candidate, at, until, identify, (outcome) => {
      this.attempt.face = outcome;
      void this.chain.present(async () => {
        const known = await this.allowed(outcome.personId);
        return { factor: 'face', personId: known.personId, live: outcome.live, scheduleOk: known.scheduleOk, score: known.personId ? outcome.score : null };
      }, Math.min(this.now(), until));
    });
  }

  private watchCameras(): void {
    for (const [feed, which] of [
      [this.d.camera, 'entry'],
      [this.d.exitCamera, 'exit'],
    ] as const) {
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
  }

  private watchFollowers(outcome: SessionOutcome | undefined): void {
    const window = this.d.door.tailgateWindow * 1000;
    if (!this.d.camera || window <= 0) return;
    this.stopTailgate?.();
    this.stopTailgate = watchTailgating({
      feed: this.d.camera,
      faces: this.d.faces,
      granted: [outcome?.embeddings ?? []],
      until: this.now() + window,
      now: this.now,
      onTailgate: (distinct, frame: Frame) => void this.doorLog.withSnapshot({ type: 'Tailgating', time: frame.at, doorId: this.id, details: { faces: distinct, granted: 1 } }, frame),
    });
  }

  /** Request to exit: open at once; the exit camera, if any, names who left. */
  async requestExit(via: string): Promise<void> {
    const { personId, at } = await requestExit(this.exit, via);
    this.lastAccess = { type: 'Exit', personId, at };
  }

  /** An operator's remote unlock from the panel or API. */
  remoteUnlock(user: string): Promise<boolean> {
    return remoteUnlock(this.exit, user);
  }
}
