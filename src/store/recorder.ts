import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { NewEvent } from '../core/events.ts';
import { eventProblem, type EventLog, type OriginEvent } from './eventLog.ts';
import type { Spool } from './spool.ts';

export interface RecorderDeps {
  log: Pick<EventLog, 'appendRecorded'>;
  spool: Spool;
  logger: Pick<Logger, 'warn' | 'error' | 'info'>;
  /** How long appends may fail (or hang on a locked database) before the events go to the spool. */
  spoolAfterMs?: number;
  /** How often a spool is tried again while the store stays unavailable. */
  retryMs?: number;
}

interface Queued {
  item: OriginEvent;
  safe?: () => void;
}

const BATCH = 500;

/**
 * How events get into the log without one being lost: in the order they were recorded, retried while
 * the store has a passing problem (a locked SQLite file, a dropped PostgreSQL connection), and when it
 * stays unavailable, written to an fsync'd spool that is replayed in order once the store answers
 * again (or at the next start). Every event carries an origin id, so a replay chains it exactly once.
 */
export class Recorder {
  private queue: Queued[] = [];
  private running: Promise<void> | null = null;
  /** The spool holds events, so everything recorded goes behind them. */
  private spooling = false;
  private retry: NodeJS.Timeout | undefined;
  /** An append given up on that has not settled yet: no other is started behind it on a locked database. */
  private hanging: Promise<unknown> | null = null;
  private stopped = false;
  private readonly spoolAfterMs: number;
  private readonly retryMs: number;

  constructor(private readonly d: RecorderDeps) {
    this.spoolAfterMs = d.spoolAfterMs ?? 3000;
    this.retryMs = d.retryMs ?? 2000;
  }

  /** Replays what an earlier run spooled, before anything new is recorded. */
  async start(): Promise<void> {
    this.spooling = !this.d.spool.isEmpty();
    this.kick();
    await this.idle();
  }

  /** Records an event; it is appended soon, or spooled. An event the log could never take is a bug and is reported. */
  record(e: NewEvent): void {
    // Refusals and spool failures are logged where they happen; the caller has nothing to wait for.
    this.enqueue(e).catch(() => {});
  }

  /** Resolves once the event is durable: committed to the log, or fsync'd to the spool. */
  recordDurably(e: NewEvent): Promise<void> {
    return this.enqueue(e);
  }

  /** Resolves when nothing is waiting to be appended or spooled. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Whether events wait in the spool for the store. */
  get spooled(): boolean {
    return this.spooling;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    await this.idle();
    // Whatever could not be appended by now is kept for the next start.
    this.spoolQueue();
  }

  private enqueue(e: NewEvent): Promise<void> {
    const problem = eventProblem(e);
    if (problem) {
      this.d.logger.error({ type: e.type, problem }, 'event refused: it does not fit its type');
      return Promise.reject(new Error(problem));
    }
    // Stamped now, so an event that waits in the spool keeps the time it happened.
    const event = { ...e, time: e.time ?? Date.now() } as NewEvent;
    return new Promise<void>((safe) => {
      this.queue.push({ item: { origin: randomUUID(), event }, safe });
      if (this.stopped) return this.spoolQueue();
      this.kick();
    });
  }

  private kick(): void {
    if (this.running) return;
    let failed = false;
    this.running = this.work()
      .catch((err: unknown) => {
        failed = true;
        this.unspoolable(err);
      })
      .finally(() => {
        this.running = null;
        if (!failed) this.settleLateArrivals();
      });
  }

  /**
   * Events recorded while a run was ending would otherwise wait for the retry timer: behind spooled
   * events they go to the spool now (that is what makes them durable); otherwise another run starts.
   */
  private settleLateArrivals(): void {
    if (this.queue.length === 0 || this.stopped) return;
    if (!this.spooling) return this.kick();
    try {
      this.spoolQueue();
      this.retryLater();
    } catch (err) {
      this.unspoolable(err);
    }
  }

  /** Neither the store nor the spool took the events: they stay queued in memory and are tried again. */
  private unspoolable(err: unknown): void {
    this.d.logger.error({ err, events: this.queue.length }, 'events could not be logged nor spooled; trying again');
    this.retryLater();
  }

  private async work(): Promise<void> {
    // Let everything recorded in this tick join the first batch.
    await new Promise((r) => setImmediate(r));
    if (this.spooling && !(await this.replay())) return this.waitForStore();
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, BATCH);
      if (await this.append(batch.map((q) => q.item), this.spoolAfterMs, false)) {
        for (const q of batch) q.safe?.();
        continue;
      }
      this.queue.unshift(...batch);
      return this.waitForStore();
    }
  }

  /** Appends the spool's events in order; true once it is empty. */
  private async replay(): Promise<boolean> {
    const { items, bad } = this.d.spool.read();
    if (bad.length) this.d.logger.error({ file: this.d.spool.file, lines: bad }, 'spooled lines that are no valid event were left out');
    for (let i = 0; i < items.length; i += BATCH) {
      if (!(await this.append(items.slice(i, i + BATCH), 0, true))) return false;
    }
    this.d.spool.clear();
    this.spooling = false;
    if (items.length) this.d.logger.info({ events: items.length }, 'spooled events replayed into the log');
    return true;
  }

  /**
   * One batch, retried while the failure is a passing one and time is left. An append that hangs past
   * the limit is given up on, not cancelled: if it commits after all, the replay leaves its events out.
   */
  private async append(items: OriginEvent[], retryForMs: number, replay: boolean): Promise<boolean> {
    const deadline = Date.now() + retryForMs;
    for (let attempt = 1; ; attempt++) {
      if (this.hanging) return false;
      const left = Math.max(deadline - Date.now(), 1000);
      // A batch that failed once may have committed all the same (a connection lost at COMMIT).
      const appended = this.d.log.appendRecorded(items, replay || attempt > 1);
      try {
        await withTimeout(appended, left);
        return true;
      } catch (err) {
        if ((err as { code?: unknown }).code === TIMEOUT) this.hang(appended);
        const passing = isPassingFailure(err);
        if (!passing || Date.now() >= deadline) {
          this.d.logger.warn({ err, events: items.length, passing }, 'the event log is unavailable; events go to the spool');
          return false;
        }
        await new Promise((r) => setTimeout(r, Math.min(50 * 2 ** attempt, 1000)));
      }
    }
  }

  private hang(p: Promise<unknown>): void {
    this.hanging = p;
    const settled = () => {
      if (this.hanging === p) this.hanging = null;
    };
    p.then(settled, settled);
  }

  /** The store did not take the events: they (and everything after them) wait in the spool. */
  private waitForStore(): void {
    this.spoolQueue();
    this.retryLater();
  }

  private retryLater(): void {
    if (this.stopped) return;
    clearTimeout(this.retry);
    this.retry = setTimeout(() => this.kick(), this.retryMs);
    this.retry.unref();
  }

  /** Moves the queue to the spool; the events leave memory only once the spool holds them. */
  private spoolQueue(): void {
    if (this.queue.length === 0) return;
    this.d.spool.append(this.queue.map((q) => q.item));
    const waiting = this.queue.splice(0);
    this.spooling = true;
    for (const q of waiting) q.safe?.();
  }
}

const TIMEOUT = 'VIGIL_TIMEOUT';

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer from the database in ${ms} ms`), { code: TIMEOUT })), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

const PASSING_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', TIMEOUT, '53300', '57P01', '57P02', '57P03']);

/** A failure that may be gone in a moment: a busy SQLite file, a lost or refused PostgreSQL connection. */
export function isPassingFailure(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED') || code.startsWith('08') || PASSING_CODES.has(code))) return true;
  const message = err instanceof Error ? err.message : '';
  return /Connection terminated|connection timeout|Client has encountered a connection error|not queryable/i.test(message);
}
