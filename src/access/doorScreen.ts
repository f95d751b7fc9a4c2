import type { Logger } from 'pino';
import type { ChainFactor } from '../core/factorChain.ts';
import type { ChallengeAction } from '../core/challenge.ts';
import type { DoorDisplay, DoorScreen as Screen } from '../hardware/doorDisplay.ts';
import type { DoorFeedback, FeedbackSignal } from '../hardware/feedback.ts';

/** What the kiosk shows: the same for a good and a bad credential until the very end. */
export type TerminalView =
  | { state: 'idle' }
  /** A step that takes the face (alone or beside other factors). */
  | { state: 'looking'; until: number; accept: ChainFactor[]; prompt?: string }
  /** A step that takes no face: a PIN, a card, a finger. */
  | { state: 'waiting'; until: number; accept: ChainFactor[] }
  | { state: 'granted'; name: string }
  | { state: 'denied' }
  | { state: 'locked_out'; until: number };

/** How long a result stays on the screens. */
const RESULT_MS = 4000;

/**
 * Everything the person at the door sees and hears: the kiosk's view, the LCD or OLED, the buzzer
 * and the LEDs. A display that fails is logged, never in the way of the door.
 */
export class DoorScreen {
  private view: TerminalView = { state: 'idle' };
  private viewUntil = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  private shown: Promise<void> = Promise.resolve();

  constructor(
    private readonly d: { doorId: string; idle: readonly ChainFactor[]; display?: DoorDisplay | undefined; feedback?: DoorFeedback | undefined; now(): number; log: Logger },
  ) {}

  current(): TerminalView {
    const v = this.view;
    if (v.state === 'idle' || v.state === 'granted' || v.state === 'denied') return this.d.now() < this.viewUntil ? v : { state: 'idle' };
    return v;
  }

  async start(): Promise<void> {
    await this.d.display?.start().catch((err: unknown) => this.d.log.error({ err, door: this.d.doorId }, 'the door display could not be set up'));
    await this.d.feedback?.start().catch((err: unknown) => this.d.log.error({ err, door: this.d.doorId }, 'the door buzzer and LEDs could not be set up'));
    this.showIdle();
  }

  async stop(): Promise<void> {
    clearTimeout(this.idleTimer);
    await this.shown;
    await Promise.allSettled([this.d.display?.close(), this.d.feedback?.stop()]);
  }

  prompt(accept: readonly ChainFactor[], until: number): void {
    this.set({ state: accept.includes('face') ? 'looking' : 'waiting', until, accept: [...accept] }, 0);
    this.draw({ kind: 'prompt', accept }, 'prompt');
  }

  granted(name: string): void {
    this.set({ state: 'granted', name }, RESULT_MS);
    this.draw({ kind: 'welcome', name }, 'granted');
  }

  denied(): void {
    this.set({ state: 'denied' }, RESULT_MS);
    this.draw({ kind: 'denied' }, 'denied');
  }

  lockedOut(until: number): void {
    this.set({ state: 'locked_out', until }, 0);
    this.draw({ kind: 'locked_out', seconds: (until - this.d.now()) / 1000 }, 'lockout');
    this.idleAfter(until - this.d.now());
  }

  /**
   * The liveness challenge on the LCD or OLED (the kiosk reads it from the view), only while the
   * step takes the face alone: where a finger or a card would also do, the screen keeps offering
   * them, and the person who uses those never needs to act for the camera.
   */
  challenge(actions: readonly ChallengeAction[]): void {
    const v = this.view;
    if (v.state !== 'looking' || v.accept.some((f) => f !== 'face') || !actions.length) return;
    this.draw({ kind: 'challenge', actions }, null);
  }

  /** The finger was read badly: the step is still open, the person tries again. */
  tryAgain(): void {
    this.draw({ kind: 'try_again' }, 'prompt');
  }

  /** Back to the first prompt: after a result has been on screen long enough, or once a lockout is over. */
  showIdle(): void {
    clearTimeout(this.idleTimer);
    this.view = { state: 'idle' };
    this.draw({ kind: 'prompt', accept: this.d.idle }, null);
  }

  private set(view: TerminalView, holdMs: number): void {
    this.view = view;
    this.viewUntil = this.d.now() + holdMs;
    clearTimeout(this.idleTimer);
    if (holdMs > 0) this.idleAfter(holdMs);
  }

  private idleAfter(ms: number): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.showIdle(), Math.max(0, ms));
  }

  /** Screens are drawn one after another, in order; the buzzer does not wait for the display. */
  private draw(screen: Screen, signal: FeedbackSignal | null): void {
    if (signal) void this.d.feedback?.signal(signal).catch((err: unknown) => this.d.log.warn({ err, door: this.d.doorId }, 'door feedback failed'));
    const display = this.d.display;
    if (!display) return;
    this.shown = this.shown.then(() => display.show(screen)).catch((err: unknown) => this.d.log.warn({ err, door: this.d.doorId }, 'the door display failed'));
  }
}
