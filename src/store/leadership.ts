import pg from 'pg';

/** The session advisory lock whose holder is the active hub (7317 serialises log appends). */
export const HUB_LOCK = 7318;

export interface LeadershipOptions {
  url: string;
  /** How often a standby tries the lock and looks up the active hub. */
  pollMs?: number;
  /** How often the holder checks that its lock connection still answers. */
  heartbeatMs?: number;
  /** A connection problem while standing by (it reconnects on its own). */
  onError?: (err: unknown) => void;
}

// The active hub, only while its lock connection holds the lock: a row left by a dead hub names no one.
const ACTIVE_SQL = `SELECT h.url FROM hub_leader h JOIN pg_locks l
  ON l.pid = h.pid AND l.locktype = 'advisory' AND l.classid = 0 AND l.objid = $1 AND l.objsubid = 1 AND l.granted
  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
  WHERE h.id = 1`;

/**
 * Which of the hubs on one PostgreSQL database is active: the one whose dedicated connection holds
 * a session-level advisory lock. PostgreSQL frees the lock when that session ends (the hub died, its
 * connection was cut or terminated), so no hub has to decide anything but "do I hold it".
 */
export class Leadership {
  /** The active hub's advertised URL as last seen while standing by; null when none holds the lock. */
  active: string | null = null;
  private client: pg.Client | undefined;
  private held = false;
  private closed = false;
  private lostHandlers: Array<(err: Error) => void> = [];
  private heartbeat: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;
  private readonly pollMs: number;
  private readonly heartbeatMs: number;

  constructor(private readonly opts: LeadershipOptions) {
    this.pollMs = opts.pollMs ?? 500;
    this.heartbeatMs = opts.heartbeatMs ?? 1000;
  }

  /** Whether the lock connection is up (the standby's health reports it as its database). */
  get connected(): boolean {
    return this.client !== undefined;
  }

  /** Whether this process holds the lock. */
  get holds(): boolean {
    return this.held;
  }

  /** Resolves once this process holds the lock; until then `active` says who does. Rejects when closed first. */
  async acquire(): Promise<void> {
    while (!this.closed) {
      try {
        const client = this.client ?? (await this.connect());
        const got = await client.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1) AS got', [HUB_LOCK]);
        if (got.rows[0]?.got) {
          this.held = true;
          this.active = null;
          this.watch(client);
          return;
        }
        this.active = await this.lookUpActive(client);
      } catch (err) {
        if (this.closed) break;
        this.opts.onError?.(err);
        this.active = null;
        this.dropClient();
      }
      await new Promise<void>((resolve) => {
        this.wake = resolve;
        setTimeout(resolve, this.pollMs).unref();
      });
    }
    throw new Error('stopped while standing by');
  }

  /** The holder says where it serves, for the standby's proxy and health. */
  async advertise(url: string): Promise<void> {
    if (!this.held || !this.client) throw new Error('only the holder of the hub lock advertises');
    await this.client.query(
      `INSERT INTO hub_leader (id, url, pid, since) VALUES (1, $1, pg_backend_pid(), $2)
       ON CONFLICT (id) DO UPDATE SET url = EXCLUDED.url, pid = EXCLUDED.pid, since = EXCLUDED.since`,
      [url, Date.now()],
    );
  }

  /** Called once if the held lock may be gone: its connection failed, ended or stopped answering. */
  onLost(fn: (err: Error) => void): void {
    this.lostHandlers.push(fn);
  }

  /** Ends the lock connection, which frees the lock. */
  async close(): Promise<void> {
    this.closed = true;
    this.wake?.();
    clearInterval(this.heartbeat);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }

  private async connect(): Promise<pg.Client> {
    // query_timeout: a holder whose server stopped answering finds out within seconds, not at TCP's pace.
    const client = new pg.Client({ connectionString: this.opts.url, application_name: 'vigil hub lock', keepAlive: true, keepAliveInitialDelayMillis: 5000, query_timeout: 3000 });
    client.on('error', (err) => this.connectionGone(client, err));
    client.on('end', () => this.connectionGone(client, new Error('the hub lock connection ended')));
    try {
      await client.connect();
      // The server side too: a holder cut off by the network loses the lock in about 11 s, not TCP's two hours.
      await client.query('SET tcp_keepalives_idle = 5; SET tcp_keepalives_interval = 2; SET tcp_keepalives_count = 3');
    } catch (err) {
      await client.end().catch(() => {});
      throw err;
    }
    if (this.closed) {
      await client.end().catch(() => {});
      throw new Error('stopped while standing by');
    }
    this.client = client;
    return client;
  }

  private async lookUpActive(client: pg.Client): Promise<string | null> {
    try {
      return (await client.query<{ url: string }>(ACTIVE_SQL, [HUB_LOCK])).rows[0]?.url ?? null;
    } catch (err) {
      // No hub has run the migrations yet: nobody is active.
      if ((err as { code?: string }).code === '42P01') return null;
      throw err;
    }
  }

  private watch(client: pg.Client): void {
    this.heartbeat = setInterval(() => {
      client.query('SELECT 1').catch((err: unknown) => this.connectionGone(client, err instanceof Error ? err : new Error(String(err))));
    }, this.heartbeatMs);
    this.heartbeat.unref();
  }

  private connectionGone(client: pg.Client, err: Error): void {
    if (client !== this.client || this.closed) return;
    if (!this.held) {
      this.dropClient();
      return;
    }
    this.held = false;
    this.client = undefined;
    clearInterval(this.heartbeat);
    client.end().catch(() => {});
    for (const fn of this.lostHandlers.splice(0)) fn(err);
  }

  private dropClient(): void {
    const client = this.client;
    this.client = undefined;
    client?.end().catch(() => {});
  }
}
