import { createLogger } from '../../logger.ts';
import { startVigil } from '../../app.ts';
import type { Cli } from '../context.ts';
import { startSystemdWatchdog } from '../watchdog.ts';

export async function start(cli: Cli): Promise<void> {
  const cfg = cli.config();
  const log = createLogger(cfg.log.level);
  const vigil = await startVigil(cfg, log);
  const host = cfg.http.host === '0.0.0.0' || cfg.http.host === '::' ? '127.0.0.1' : cfg.http.host;
  const stopWatchdog = startSystemdWatchdog(`http://${host.includes(':') ? `[${host}]` : host}:${vigil.httpPort}/api/health`, log);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    stopWatchdog();
    vigil.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}
