import { signedPayload, type SignedFields } from '../src/core/sensorSignature.ts';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import type { ChildProcess } from 'node:child_process';
import pg from 'pg';
import YAML from 'yaml';
import pino from 'pino';
import { loadConfig } from '../src/config/load.ts';
import type { Config } from '../src/config/schema.ts';
import { startVigil, type StartOptions, type Vigil } from '../src/app.ts';
import { UserRepo, type Role } from '../src/store/users.ts';
import { hashPassword } from '../src/store/passwords.ts';
import type { EventDetails, LoggedEvent } from '../src/core/events.ts';
import { openStore, type Store } from '../src/store/db.ts';

/**
 * An event as tests read it: any field of any type's details. Production code narrows by type
 * (core/eventDetails.ts), so that a renamed key is a compile error there.
 */
export type TestEvent = Omit<LoggedEvent, 'details'> & { details: EventDetails };

export const PG_ADMIN_URL = process.env.VIGIL_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Why the PostgreSQL cases are skipped, or false. Only the fast tier runs without PostgreSQL: its
 * runner (scripts/run-tests.mjs --fast) sets VIGIL_TEST_PG_ABSENT when no server answered. The
 * whole suite starts one first, and a PostgreSQL case there fails rather than skips.
 */
export const pgSkip: string | false = process.env.VIGIL_TEST_PG_ABSENT ? `no PostgreSQL server answers (${process.env.VIGIL_TEST_PG_ABSENT}); start one or set VIGIL_TEST_PG to run this` : false;

export function tmpDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'vigil-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A throwaway PostgreSQL database on the machine's server. */
export async function createPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `vigil_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = PG_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    async drop() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

export interface OpenedStore {
  store: Store;
  args: Parameters<typeof openStore>[0];
  cleanup: () => Promise<void>;
}

/** SQLite and PostgreSQL, for tests that must behave the same on both; `skip` for describe/test when there is no PostgreSQL server. */
export function storeBackends(): Array<{ name: string; skip: string | false; open: () => Promise<OpenedStore> }> {
  const open = async (databaseUrl: string, drop?: () => Promise<void>): Promise<OpenedStore> => {
    const t = tmpDir();
    const args = { databaseUrl, dataDir: t.dir };
    const store = await openStore(args);
    return {
      store,
      args,
      cleanup: async () => {
        await store.close();
        await drop?.();
        t.cleanup();
      },
    };
  };
  return [
    { name: 'SQLite', skip: false, open: () => open('') },
    {
      name: 'PostgreSQL',
      skip: pgSkip,
      async open() {
        const pgdb = await createPgDatabase();
        return open(pgdb.url, pgdb.drop);
      },
    },
  ];
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export function testConfig(dataDir: string, file: Record<string, unknown> = {}, env: Record<string, string> = {}): Config {
  const yaml = path.join(dataDir, 'test-config.yaml');
  writeFileSync(yaml, YAML.stringify(file));
  return loadConfig({
    file: yaml,
    dataDir,
    // The protocol peers tests talk to (push service, webhook locks, SMTP) run on loopback.
    env: { VIGIL_HTTP_HOST: '127.0.0.1', VIGIL_HTTP_PORT: '0', VIGIL_MQTT_HOST: '127.0.0.1', VIGIL_MQTT_PORT: '0', VIGIL_LOG_LEVEL: 'silent', VIGIL_OUTBOUND_ALLOW: '127.0.0.1', ...env },
  });
}

export const silentLog = () => pino({ level: 'silent' });

/** A signed-in API client: keeps the session cookie and sends the CSRF token on changes. */
export class ApiClient {
  cookie = '';
  csrf = '';
  constructor(readonly base: string) {}

  async login(username: string, password: string): Promise<Response> {
    const res = await this.request('POST', '/api/auth/login', { username, password });
    if (res.ok) {
      this.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      this.csrf = ((await res.clone().json()) as { csrfToken: string }).csrfToken;
    }
    return res;
  }

  request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<Response> {
    const h: Record<string, string> = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && method !== 'GET') h['x-csrf-token'] = this.csrf;
    if (body !== undefined) h['content-type'] = 'application/json';
    return fetch(this.base + url, { method, headers: h, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body), ...(signal ? { signal } : {}) });
  }

  async json<T>(method: string, url: string, body?: unknown): Promise<T> {
    const res = await this.request(method, url, body);
    if (!res.ok) throw new Error(`${method} ${url} -> ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }
}

/** Adds a person and enrols a face from each photo file, as an admin would through the API. */
export async function addPerson(admin: ApiClient, name: string, photos: string[]): Promise<string> {
  const { id } = await admin.json<{ id: string }>('POST', '/api/people', { name });
  for (const file of photos) {
    const res = await fetch(`${admin.base}/api/people/${id}/faces`, {
      method: 'POST',
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': file.endsWith('.png') ? 'image/png' : 'image/jpeg' },
      body: readFileSync(file),
    });
    if (res.status !== 201) throw new Error(`enrolling ${file}: ${res.status} ${await res.text()}`);
  }
  return id;
}

export interface TestVigil {
  vigil: Vigil;
  config: Config;
  base: string;
  /** Signs in a fresh account of that role. */
  client(role?: Role): Promise<ApiClient>;
  stop(): Promise<void>;
}

export async function startTestVigil(opts: { file?: Record<string, unknown>; env?: Record<string, string>; start?: StartOptions } = {}): Promise<TestVigil> {
  const tmp = tmpDir();
  const config = testConfig(tmp.dir, opts.file, opts.env);
  const vigil = await startVigil(config, silentLog(), opts.start);
  const base = `http://127.0.0.1:${vigil.httpPort}`;
  const users = new UserRepo(vigil.store.db);
  let n = 0;
  return {
    vigil,
    config,
    base,
    async client(role: Role = 'admin') {
      const username = `${role}${++n}`;
      const password = 'correct horse battery';
      await users.create(username, await hashPassword(password), role);
      const c = new ApiClient(base);
      const res = await c.login(username, password);
      if (!res.ok) throw new Error(`login failed: ${res.status}`);
      return c;
    },
    async stop() {
      await vigil.stop();
      tmp.cleanup();
    },
  };
}

export interface SseMessage {
  id: string;
  data: string;
}

/** Reads a server-sent event stream; `next` waits for the next message that matches. */
export async function openSse(url: string, headers: Record<string, string>) {
  const ctrl = new AbortController();
  const res = await fetch(url, { headers, signal: ctrl.signal });
  if (!res.ok || !res.body) throw new Error(`SSE ${res.status}`);
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  const queue: SseMessage[] = [];
  const waiter: { wake: (() => void) | null } = { wake: null };
  let ended = false;
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buf += decoder.decode(value, { stream: true });
        let idx: number;
        while ((idx = buf.indexOf('\n\n')) >= 0) {
          const block = buf.slice(0, idx);
          buf = buf.slice(idx + 2);
          let id = '';
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('id: ')) id = line.slice(4);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
          }
          if (data.length) queue.push({ id, data: data.join('\n') });
        }
        waiter.wake?.();
      }
    } catch {
      // aborted
    }
    ended = true;
    waiter.wake?.();
  })();
  return {
    status: res.status,
    async next<T = unknown>(match: (e: T) => boolean = () => true, timeoutMs = 5000): Promise<T> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        while (queue.length) {
          const m = queue.shift() as SseMessage;
          const e = JSON.parse(m.data) as T;
          if (match(e)) return e;
        }
        if (ended) throw new Error('stream ended');
        const left = deadline - Date.now();
        if (left <= 0) throw new Error('timed out waiting for an SSE message');
        await new Promise<void>((r) => {
          waiter.wake = r;
          setTimeout(r, left);
        });
        waiter.wake = null;
      }
    },
    close: () => ctrl.abort(),
  };
}

/** kill -9 a child process and wait until it is gone. */
export async function kill9(child: ChildProcess): Promise<void> {
  // A child that ended by a signal has no exit code, only a signal code.
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

/** The first event of `events` from index `from` on that matches, as they arrive; on timeout the error lists what did arrive. */
export async function waitForEvent(events: readonly TestEvent[], match: (e: TestEvent) => boolean, from = 0, ms = 10_000): Promise<TestEvent> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = events.slice(from).find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no matching event in ${ms} ms; saw ${events.slice(from).map((e) => `${e.type}@${e.doorId ?? e.sensorId ?? ''}`).join(', ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function waitFor<T>(fn: () => T | Promise<T>, timeoutMs = 5000, what = 'condition'): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A signing sensor as the firmware behaves: its key, and a sequence number that starts at boot 1. */
export class SignedSensor {
  private seq = 2 ** 32;
  constructor(
    private readonly key: Buffer,
    readonly id: string,
  ) {}

  message(f: Omit<SignedFields, 'seq'>): string {
    return signedPayload(this.key, this.id, { ...f, seq: this.seq++ });
  }
}
