import pg from 'pg';
import type { LoggedEvent } from '../core/events.ts';
import { LOG_CHANNEL, type EventLog } from './eventLog.ts';

/**
 * One tail of the event log, in sequence order, with no gap and no repeat: what this process appends
 * is handed over as it commits; an append by another process (the CLI, a second node) is read from
 * the log — on PostgreSQL as soon as its NOTIFY arrives, on SQLite at this process's next append.
 */
export class LogFeed {
  private cursor = 0;
  private reading: Promise<void> | null = null;
  private again = false;
  private listener: pg.Client | undefined;
  private closed = false;
  private started = false;

  constructor(
    private readonly log: Pick<EventLog, 'after' | 'headSeq'>,
    private readonly deliver: (e: LoggedEvent) => void,
    private readonly onError: (err: unknown) => void,
  ) {}

  /** Starts at the log's head: what was there before is history, not news. On PostgreSQL, also listens to other writers. */
  async start(postgresUrl?: string): Promise<void> {
    this.cursor = await this.log.headSeq();
    this.started = true;
    // An append that committed while the head was read was not handed on: read it.
    this.catchUp();
    if (!postgresUrl) return;
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

  async stop(): Promise<void> {
    this.closed = true;
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
