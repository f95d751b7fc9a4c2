import { createLogger } from '../../logger.ts';
import { startVigil } from '../../app.ts';
import { standbyProblem } from '../../config/schema.ts';
import { StartupError } from '../../core/errors.ts';
import type { Cli } from '../context.ts';
import { startSystemdWatchdog } from '../watchdog.ts';

/** How long a hub that lost the lead may take to stop its doors before it exits anyway. */
const LOST_LEAD_STOP_MS = 3000;

export async function start(cli: Cli): Promise<void> {
  const cfg = cli.config();
  const problem = standbyProblem(cfg);
  if (problem) throw new StartupError(problem);
  const log = createLogger(cfg.log.level);
  let stopping = false;
  const hub = cfg.hub.standby
    ? await (await import('../../standbyHub.ts')).startStandbyHub(cfg, log, (err) => {
        // The other hub may be active already: stop acting at once, and exit non-zero so systemd
        // restarts this one, as a standby.
        stopping = true;
        log.fatal({ err: err.message }, 'lost the hub lock: stopping the active hub');
        setTimeout(() => process.exit(1), LOST_LEAD_STOP_MS);
        hub.stop().finally(() => process.exit(1));
      })
    : await startVigil(cfg, log);
  if ('takeover' in hub) {
    hub.takeover.then(
      () => process.stdout.write(`vigil: this hub is the active hub now, on port ${hub.httpPort}\n`),
      (err: unknown) => {
        if (stopping) return;
        log.fatal({ err }, 'taking over as the active hub failed');
        process.exit(1);
      },
    );
  }
  const host = cfg.http.host === '0.0.0.0' || cfg.http.host === '::' ? '127.0.0.1' : cfg.http.host;
  const stopWatchdog = startSystemdWatchdog(`http://${host.includes(':') ? `[${host}]` : host}:${hub.httpPort}/api/health`, log);
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    stopWatchdog();
    hub.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}
