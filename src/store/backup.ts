// A Vigil backup is one file that brings a whole installation back: the database and the data
// directory's keys and config (log.key, credential.key, template.key, sensor.key, vapid.json,
// vigil.yaml, ...) and the event spool (events the store had not taken yet; a restore replays them,
// each exactly once). Without the keys a restored database is useless: the log chain, PINs, face
// templates and sensor signatures all depend on them. The file is an SQLite database (mode 0600):
//   - SQLite installations: a consistent copy of the database itself, plus two tables,
//     vigil_backup_info and vigil_backup_files, that restore takes out again;
//   - PostgreSQL installations: the same two tables, with pg_dump's custom-format dump as a file.
// Photos and snapshots (the data directory's sub-folders) are not in it; the face chips are (in the database, with the templates).
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import type { Dialect, Store } from './db.ts';
import { INITIAL_ADMIN_PASSWORD_FILE } from './initialAdmin.ts';
import { EVENT_SPOOL_FILE } from './spool.ts';

const FORMAT = 1;
const PG_DUMP = 'postgres.dump';
const MAX_FILE_BYTES = 1024 * 1024;
/** Data-directory files that are not keys or config: the database itself and what is temporary. */
const NOT_KEYS = new Set(['vigil.db', 'vigil.db-wal', 'vigil.db-shm', 'vigil.db-journal', INITIAL_ADMIN_PASSWORD_FILE]);

export class BackupError extends Error {}

export interface BackupInfo {
  format: number;
  dialect: Dialect;
  createdAt: number;
  migrations: string[];
  files: string[];
}

/** The data directory's keys and config (its small regular files other than the database) and the event spool, whatever its size. */
function keyFiles(dataDir: string): string[] {
  return readdirSync(dataDir)
    .filter((name) => !NOT_KEYS.has(name) && !name.startsWith('.'))
    .filter((name) => {
      const s = lstatSync(path.join(dataDir, name));
      return s.isFile() && (s.size <= MAX_FILE_BYTES || name === EVENT_SPOOL_FILE);
    })
    .sort();
}

async function appliedMigrations(store: Store): Promise<string[]> {
  const rows = await sql<{ name: string }>`SELECT name FROM vigil_migrations ORDER BY name`.execute(store.db);
  return rows.rows.map((r) => r.name);
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e) => reject(new BackupError(`${cmd} could not run: ${e.message}`)));
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new BackupError(`${cmd} failed: ${err.trim()}`))));
  });
}

/** Writes a backup of `store` and the keys in `dataDir` to `file` (mode 0600); returns what is in it. */
export async function writeBackup(store: Store, dataDir: string, file: string): Promise<BackupInfo> {
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  const info: BackupInfo = { format: FORMAT, dialect: store.dialect, createdAt: Date.now(), migrations: await appliedMigrations(store), files: keyFiles(dataDir) };
  try {
    const extra: Array<[string, Buffer]> = [];
    if (store.dialect === 'sqlite') {
      await store.backup(partial);
    } else {
      const dump = path.join(path.dirname(partial), `.${path.basename(partial)}.dump`);
      try {
        await store.backup(dump);
        extra.push([PG_DUMP, readFileSync(dump)]);
      } finally {
        rmSync(dump, { force: true });
      }
    }
    writeFileSync(partial, '', { flag: 'a', mode: 0o600 });
    chmodSync(partial, 0o600);
    const db = new SQLite(partial);
    try {
      db.pragma('journal_mode = DELETE');
      db.exec('CREATE TABLE vigil_backup_info (json TEXT NOT NULL); CREATE TABLE vigil_backup_files (name TEXT PRIMARY KEY, content BLOB NOT NULL)');
      db.prepare('INSERT INTO vigil_backup_info VALUES (?)').run(JSON.stringify(info));
      const put = db.prepare('INSERT INTO vigil_backup_files VALUES (?, ?)');
      db.transaction(() => {
        for (const name of info.files) put.run(name, readFileSync(path.join(dataDir, name)));
        for (const [name, content] of extra) put.run(name, content);
      })();
    } finally {
      db.close();
    }
    renameSync(partial, file);
    return info;
  } catch (err) {
    rmSync(partial, { force: true });
    throw err;
  }
}

/** What a backup file holds, or a BackupError saying why it is not a Vigil backup. */
export function readBackupInfo(file: string): BackupInfo {
  let db: SQLite.Database;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new BackupError(`cannot open ${file}: ${(err as Error).message}`);
  }
  try {
    const row = db.prepare('SELECT json FROM vigil_backup_info').get() as { json: string } | undefined;
    if (!row) throw new Error('no backup information');
    const info = JSON.parse(row.json) as BackupInfo;
    if (info.format !== FORMAT) throw new BackupError(`${file} is a backup in format ${info.format}; this Vigil reads format ${FORMAT}`);
    return info;
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw new BackupError(`${file} is not a Vigil backup (made by "vigil db backup"): ${(err as Error).message}`);
  } finally {
    db.close();
  }
}

export interface RestoreOptions {
  file: string;
  dataDir: string;
  /** Empty for SQLite; the PostgreSQL URL the dump goes into. */
  databaseUrl: string;
  /** Migrations this Vigil knows: a backup made by a newer Vigil is refused. */
  knownMigrations: string[];
  /** Move the data directory's current database and keys aside instead of refusing. */
  replace: boolean;
}

export interface RestoreResult {
  info: BackupInfo;
  /** Where the replaced database and keys were moved, if anything was. */
  movedAside: string | null;
}

/**
 * Puts a backup's database and keys back. Refuses, changing nothing, when the backup is not a
 * Vigil backup, was made by a newer Vigil, is for the other kind of database, or when the data
 * directory already holds a database or different keys and `replace` is not set. The caller opens
 * the store afterwards, which runs any newer migrations.
 */
export async function restoreBackup(opts: RestoreOptions): Promise<RestoreResult> {
  const info = readBackupInfo(opts.file);
  const unknown = info.migrations.filter((m) => !opts.knownMigrations.includes(m));
  if (unknown.length) throw new BackupError(`the backup was made by a newer Vigil (database changes ${unknown.join(', ')}); upgrade this one first`);
  const target: Dialect = opts.databaseUrl ? 'postgres' : 'sqlite';
  if (info.dialect !== target) throw new BackupError(`the backup holds a ${info.dialect} database but this Vigil is set up for ${target} (database.url)`);

  const src = new SQLite(opts.file, { readonly: true });
  let files: Array<{ name: string; content: Buffer }>;
  try {
    files = src.prepare('SELECT name, content FROM vigil_backup_files ORDER BY name').all() as Array<{ name: string; content: Buffer }>;
  } finally {
    src.close();
  }
  const keys = files.filter((f) => f.name !== PG_DUMP);
  for (const k of keys) {
    if (k.name !== path.basename(k.name) || k.name.startsWith('.') || NOT_KEYS.has(k.name)) throw new BackupError(`the backup holds an unexpected file name: ${JSON.stringify(k.name)}`);
  }

  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const dbFile = path.join(opts.dataDir, 'vigil.db');
  const clashing = [
    ...(target === 'sqlite' ? ['vigil.db', 'vigil.db-wal', 'vigil.db-shm', 'vigil.db-journal'].filter((n) => existsSync(path.join(opts.dataDir, n))) : []),
    ...keys.filter((k) => existsSync(path.join(opts.dataDir, k.name)) && !readFileSync(path.join(opts.dataDir, k.name)).equals(k.content)).map((k) => k.name),
  ];
  const mustReplace = clashing.length > 0 || target === 'postgres';
  if (mustReplace && !opts.replace) {
    const what = target === 'postgres' ? `the database at database.url${clashing.length ? ` and ${clashing.join(', ')}` : ''}` : clashing.join(', ');
    throw new BackupError(`restoring would replace ${what}; stop Vigil, then run again with --replace (the current files are moved to a folder in ${opts.dataDir})`);
  }

  let movedAside: string | null = null;
  if (clashing.length) {
    movedAside = path.join(opts.dataDir, `replaced-${new Date().toISOString().replace(/[:.]/g, '-')}`);
    mkdirSync(movedAside, { mode: 0o700 });
    for (const name of clashing) renameSync(path.join(opts.dataDir, name), path.join(movedAside, name));
  }

  if (target === 'sqlite') {
    const restoring = `${dbFile}.restoring`;
    copyFileSync(opts.file, restoring);
    chmodSync(restoring, 0o600);
    const db = new SQLite(restoring);
    try {
      db.exec('DROP TABLE vigil_backup_files; DROP TABLE vigil_backup_info; VACUUM');
    } finally {
      db.close();
    }
    renameSync(restoring, dbFile);
  } else {
    const dump = files.find((f) => f.name === PG_DUMP);
    if (!dump) throw new BackupError('the backup has no PostgreSQL dump');
    const dumpFile = path.join(tmpdir(), `vigil-restore-${process.pid}.dump`);
    writeFileSync(dumpFile, dump.content, { mode: 0o600 });
    try {
      await run('pg_restore', ['--clean', '--if-exists', '--no-owner', '--exit-on-error', '--dbname', opts.databaseUrl, dumpFile]);
    } finally {
      rmSync(dumpFile, { force: true });
    }
  }
  for (const k of keys) {
    const p = path.join(opts.dataDir, k.name);
    if (!existsSync(p)) writeFileSync(p, k.content, { mode: 0o600, flag: 'wx' });
  }
  return { info, movedAside };
}
