import { createLogger } from '../../logger.ts';
import { startVigil } from '../../app.ts';
import type { Cli } from '../context.ts';

export async function start(cli: Cli): Promise<void> {
  const cfg = cli.config();
  const log = createLogger(cfg.log.level);
  const vigil = await startVigil(cfg, log);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    vigil.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}
