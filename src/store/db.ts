import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { spawn } from 'node:child_process';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, type Migration } from 'kysely';
import type { Tables } from './schema.ts';
import { migrations } from './migrations.ts';
import { redactUrl } from '../core/redact.ts';
import { StartupError } from '../core/errors.ts';

export type Dialect = 'sqlite' | 'postgres';
export type Db = Kysely<Tables>;

export interface Store {
  db: Db;
  dialect: Dialect;
  /** Where the SQLite file lives, or the PostgreSQL URL. */
  location: string;
  /** A consistent copy while Vigil keeps writing. */
  backup(file: string): Promise<void>;
  /** SQLite only: a number that changes when another connection (another process) commits. */
  dataVersion?(): number;
  close(): Promise<void>;
}

export function sqlitePath(dataDir: string): string {
  return path.join(dataDir, 'vigil.db');
}

function openSqlite(dataDir: string): Store {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = sqlitePath(dataDir);
  const raw = new SQLite(file);
  raw.pragma('journal_mode = WAL');
  // FULL makes every commit durable in WAL mode; NORMAL could lose the last commits on power loss.
  raw.pragma('synchronous = FULL');
  raw.pragma('busy_timeout = 5000');
  raw.pragma('foreign_keys = ON');
  const db = new Kysely<Tables>({ dialect: new SqliteDialect({ database: raw }) });
  return {
    db,
    dialect: 'sqlite',
    location: file,
    async backup(target) {
      await raw.backup(target);
    },
    dataVersion: () => raw.pragma('data_version', { simple: true }) as number,
    async close() {
      await db.destroy();
    },
  };
}

function openPostgres(url: string): Store {
  // Sequence numbers and millisecond times fit in a double; read int8 as numbers.
  pg.types.setTypeParser(20, (v) => Number(v));
  const pool = new pg.Pool({ connectionString: url, max: 5 });
  // A connection the server drops (a restart, pg_terminate_backend) is discarded by the pool and the
  // next query opens another; the query that was using it fails and its caller retries. Without these
  // listeners the connection's 'error' would end the process.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: 'postgres',
    location: redactUrl(url),
    backup(target) {
      return new Promise((resolve, reject) => {
        const child = spawn('pg_dump', ['--format=custom', '--file', target, url], { stdio: ['ignore', 'ignore', 'pipe'] });
        let err = '';
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        child.on('error', (e) => reject(new Error(`pg_dump could not run: ${e.message}`)));
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`pg_dump failed: ${err.trim()}`))));
      });
    },
    async close() {
      await db.destroy();
    },
  };
}

/**
 * An existing database that this version will change is backed up first (database and keys,
 * restorable with `vigil db restore`), into <data>/backups/. A new database is not.
 */
async function backupBeforeUpgrade(store: Store, migrator: Migrator, dataDir: string): Promise<void> {
  const all = await migrator.getMigrations();
  const done = all.filter((m) => m.executedAt);
  const pending = all.filter((m) => !m.executedAt);
  if (done.length === 0 || pending.length === 0) return;
  const dir = path.join(dataDir, 'backups');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `before-${pending.at(-1)?.name}-${new Date().toISOString().replace(/[:.]/g, '-')}.vigil-backup`);
  // Loaded only here: an upgrade is rare and every command opens the store.
  const { writeBackup } = await import('./backup.ts');
  await writeBackup(store, dataDir, file);
  process.stderr.write(`vigil: upgrading the database (${pending.map((m) => m.name).join(', ')}); backed up first to ${file}\n`);
}

export async function openStore(opts: { databaseUrl: string; dataDir: string }): Promise<Store> {
  const store = opts.databaseUrl ? openPostgres(opts.databaseUrl) : openSqlite(opts.dataDir);
  const all = migrations(store.dialect);
  const migrator = new Migrator({
    db: store.db,
    provider: { getMigrations: async (): Promise<Record<string, Migration>> => all },
    migrationTableName: 'vigil_migrations',
    migrationLockTableName: 'vigil_migrations_lock',
  });
  try {
    await backupBeforeUpgrade(store, migrator, opts.dataDir);
  } catch (err) {
    await store.close();
    throw new StartupError(`Vigil backs up before it upgrades the database, and the backup failed: ${(err as Error).message}`);
  }
  const { error } = await migrator.migrateToLatest();
  if (error) {
    await store.close();
    throw new Error(`Database migration failed on ${store.location}: ${(error as Error).message}`);
  }
  return store;
}
