import type { Logger } from 'pino';
import { initialChain, stepChain, type ChainEffect, type ChainInput, type ChainSettings, type ChainState, type FactorResult } from '../core/factorChain.ts';

/** How long after a deadline its tick comes. */
const VERDICT_MARGIN_MS = 500;

/**
 * Runs a door's factor chain (core/factorChain.ts) in time: one input at a time in arrival order,
 * a tick at each deadline the state holds (a step's timeout, the end of a lockout), and each effect
 * handed on in order. Knows nothing of cameras, readers or locks.
 */
export class ChainDriver {
  private state: ChainState = initialChain;
  private queue: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly d: {
      doorId: string;
      settings: ChainSettings;
      now(): number;
      log: Logger;
      /** Acts on one effect; the next input waits until it has. */
      apply(e: ChainEffect, at: number): Promise<void>;
    },
  ) {}

  get current(): ChainState {
    return this.state;
  }

  /** Runs `fn` in the door's queue, after every input before it. */
  serial(fn: () => Promise<void>): Promise<void> {
    const run = this.queue.then(fn);
    this.queue = run.catch((err: unknown) => this.d.log.error({ err, door: this.d.doorId }, 'door input failed'));
    return this.queue;
  }

  /**
   * A factor presented now (or at `at`); its lookup (whose PIN, whose finger, the schedule) runs in
   * the queue too, so inputs are decided in the order they came. Resolves once the door has acted.
   */
  present(lookup: () => Promise<FactorResult>, at?: number): Promise<void> {
    const when = at ?? this.d.now();
    return this.serial(async () => {
      await this.step({ type: 'factor', result: await lookup(), at: when });
    });
  }

  /** Time passing: ends a step whose timeout has run out. */
  tick(at?: number): Promise<void> {
    return this.serial(() => this.step({ type: 'tick', at: at ?? this.d.now() }));
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.queue;
  }

  private async step(input: ChainInput): Promise<void> {
    if (this.stopped) return;
    const { state, effects } = stepChain(this.state, input, this.d.settings);
    this.state = state;
    this.schedule();
    for (const e of effects) await this.d.apply(e, input.at);
  }

  /**
   * A tick just after the state's next deadline; a stale one finds nothing to do. The margin lets a
   * camera that looked until the deadline hand in its verdict (stamped at the deadline) first.
   */
  private schedule(): void {
    clearTimeout(this.timer);
    if (this.state.phase === 'idle') return;
    const at = this.state.deadline;
    this.timer = setTimeout(() => void this.tick(Math.max(this.d.now(), at)), Math.max(0, at - this.d.now()) + VERDICT_MARGIN_MS);
  }
}
