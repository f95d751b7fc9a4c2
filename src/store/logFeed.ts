import pg from 'pg';
import type { LoggedEvent } from '../core/events.ts';
import { LOG_CHANNEL, type EventLog } from './eventLog.ts';

/** How other processes' appends are noticed: PostgreSQL's LISTEN, or SQLite's data version. */
export type OtherWriters = { postgresUrl: string } | { dataVersion: () => number };

/**
 * One tail of the event log, in sequence order, with no gap and no repeat: what this process appends
 * is handed over as it commits; an append by another process (the CLI, a second hub) is read from
 * the log — on PostgreSQL as soon as its NOTIFY arrives, on SQLite when SQLite's data version (which
 * only another connection's commit changes) is seen to move, a cheap check every quarter second.
 */
export class LogFeed {
  private cursor = 0;
  private reading: Promise<void> | null = null;
  private again = false;
  private listener: pg.Client | undefined;
  private poll: NodeJS.Timeout | undefined;
  private closed = false;
  private started = false;

  constructor(
    private readonly log: Pick<EventLog, 'after' | 'headSeq'>,
    private readonly deliver: (e: LoggedEvent) => void,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Starts at the log's head: what was there before is history, not news. Also follows other writers, as `others` says. */
  async start(others?: OtherWriters): Promise<void> {
    this.cursor = await this.log.headSeq();
    this.started = true;
    // An append that committed while the head was read was not handed on: read it.
    this.catchUp();
    if (!others) return;
    if ('dataVersion' in others) return this.pollVersion(others.dataVersion);
    const postgresUrl = others.postgresUrl;
    const client = new pg.Client({ connectionString: postgresUrl });
    client.on('error', (err) => this.onError(err));
    client.on('notification', () => this.catchUp());
    await client.connect();
    await client.query(`LISTEN ${LOG_CHANNEL}`);
    this.listener = client;
    // Anything committed between reading the head and listening.
    this.catchUp();
  }

  /** Events this process just committed: handed on at once when they follow the cursor, else the log is read. */
  appended(e: LoggedEvent): void {
    if (!this.started || e.seq <= this.cursor) return;
    if (e.seq === this.cursor + 1 && !this.reading) {
      this.cursor = e.seq;
      this.deliver(e);
      return;
    }
    this.catchUp();
  }

  private pollVersion(dataVersion: () => number): void {
    let last = dataVersion();
    this.poll = setInterval(() => {
      try {
        const now = dataVersion();
        if (now !== last) this.catchUp();
        last = now;
      } catch (err) {
        this.onError(err);
      }
    }, 250);
    this.poll.unref();
    // A commit between reading the head and the first version.
    this.catchUp();
  }

  async stop(): Promise<void> {
    this.closed = true;
    clearInterval(this.poll);
    await this.reading;
    await this.listener?.end().catch(() => {});
  }

  private catchUp(): void {
    if (this.closed) return;
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = this.read()
      .catch((err: unknown) => this.onError(err))
      .finally(() => {
        this.reading = null;
        if (this.again) {
          this.again = false;
          this.catchUp();
        }
      });
  }

  private async read(): Promise<void> {
    for (;;) {
      const events = await this.log.after(this.cursor, 1000);
      for (const e of events) {
        if (e.seq !== this.cursor + 1) return; // a gap: a transaction with a lower number has not committed yet
        this.cursor = e.seq;
        this.deliver(e);
      }
      if (events.length < 1000) return;
    }
  }
}
