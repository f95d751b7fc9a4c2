import { openStore } from '../../store/db.ts';
import { migrations } from '../../store/migrations.ts';
import { openEventLog } from '../../store/openEventLog.ts';
import { BackupError, restoreBackup, writeBackup } from '../../store/backup.ts';
import { UsageError } from '../basics.ts';
import type { Cli } from '../context.ts';

export async function dbBackup(cli: Cli, file: string): Promise<void> {
  await cli.withStore(async (store, cfg) => {
    const info = await writeBackup(store, cfg.dataDir, file);
    await cli.audit(store, cfg, { subject: 'backup', action: 'exported', target: null });
    cli.report({ file, database: store.dialect, files: info.files }, `backup written to ${file} (mode 0600): the ${store.dialect} database and ${info.files.join(', ') || 'no key files'}`);
  });
}

export async function dbRestore(cli: Cli, file: string, opts: { replace?: boolean }): Promise<void> {
  const cfg = cli.config();
  let restored;
  try {
    restored = await restoreBackup({
      file,
      dataDir: cfg.dataDir,
      databaseUrl: cfg.database.url,
      knownMigrations: Object.keys(migrations(cfg.database.url ? 'postgres' : 'sqlite')),
      replace: opts.replace ?? false,
    });
  } catch (err) {
    if (err instanceof BackupError) throw new UsageError(err.message);
    throw err;
  }
  // Opening the store runs the migrations of a backup from an older Vigil; then the log must verify
  // with the restored key.
  const store = await openStore({ databaseUrl: cfg.database.url, dataDir: cfg.dataDir });
  try {
    const log = await openEventLog(store, cfg.dataDir).verify();
    // After the check: the restore is the first entry on top of the restored chain.
    if (log.ok) await cli.audit(store, cfg, { subject: 'backup', action: 'restored', target: null });
    const { info, movedAside } = restored;
    cli.report(
      { file, database: info.dialect, backupTakenAt: new Date(info.createdAt).toISOString(), files: info.files, movedAside, log },
      [
        `restored the ${info.dialect} database and ${info.files.join(', ') || 'no key files'} from ${file} (taken ${new Date(info.createdAt).toISOString()})`,
        ...(movedAside ? [`the replaced files are in ${movedAside}`] : []),
        log.ok ? `log intact: ${log.count} events` : `LOG BROKEN at event ${log.seq}: ${log.reason}`,
      ].join('\n'),
    );
    if (!log.ok) process.exitCode = 1;
  } finally {
    await store.close();
  }
}
