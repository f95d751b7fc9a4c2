import { openEventLog } from '../../store/openEventLog.ts';
import type { Cli } from '../context.ts';

export async function logVerify(cli: Cli): Promise<void> {
  await cli.withStore(async (store, cfg) => {
    const result = await openEventLog(store, cfg.dataDir).verify();
    cli.report(result, result.ok ? `log intact: ${result.count} events, head ${result.head}` : `LOG BROKEN at event ${result.seq}: ${result.reason} (${result.count} events verified before it)`);
    if (!result.ok) process.exitCode = 1;
  });
}
