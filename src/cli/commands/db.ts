import type { Cli } from '../context.ts';

export async function dbBackup(cli: Cli, file: string): Promise<void> {
  await cli.withStore(async (store) => {
    await store.backup(file);
    cli.report({ file, database: store.dialect }, `backup written to ${file}`);
  });
}
