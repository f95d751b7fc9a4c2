import { EventLog } from './eventLog.ts';
import type { Store } from './db.ts';
import { readOrCreateSecret } from './secrets.ts';

export const LOG_KEY_FILE = 'log.key';

/** The event log with its chain key from the data directory (made on first use). */
export function openEventLog(store: Store, dataDir: string, onAppended?: ConstructorParameters<typeof EventLog>[2]): EventLog {
  return new EventLog(store, Buffer.from(readOrCreateSecret(dataDir, LOG_KEY_FILE), 'hex'), onAppended);
}
