// What most commands share: the validated config, the store, and one way to report.
import { createInterface } from 'node:readline';
import { loadConfig } from '../config/load.ts';
import type { Config } from '../config/schema.ts';
import { userInfo } from 'node:os';
import { openStore, type Store } from '../store/db.ts';
import { auditEvent, type AuditSpec } from '../core/audit.ts';
import { UsageError, type GlobalOptions } from './basics.ts';

export class Cli {
  constructor(readonly options: GlobalOptions) {}

  config(): Config {
    return loadConfig({ file: this.options.config, dataDir: this.options.data });
  }

  /** One JSON document with --json, else the text. */
  report(json: unknown, text: string): void {
    process.stdout.write(this.options.json ? `${JSON.stringify(json)}\n` : `${text}\n`);
  }

  /** A change made from the command line, in the audit trail like the panel's (by the local user). */
  async audit(store: Store, cfg: Config, change: AuditSpec & { target: string | null; item?: string | null }): Promise<void> {
    const { openEventLog } = await import('../store/openEventLog.ts');
    const log = openEventLog(store, cfg.dataDir);
    await log.append(auditEvent({ ...change, by: `cli:${localUser()}`, from: 'local' }));
  }

  async withStore<T>(fn: (store: Store, cfg: Config) => Promise<T>): Promise<T> {
    const cfg = this.config();
    const store = await openStore({ databaseUrl: cfg.database.url, dataDir: cfg.dataDir });
    try {
      return await fn(store, cfg);
    } finally {
      await store.close();
    }
  }
}

function localUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

export async function readStdinLine(): Promise<string> {
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  throw new UsageError('expected a password on standard input');
}
