// Under systemd (Type=notify): READY=1 once Vigil serves, and WATCHDOG=1 each time its own
// /api/health answers with a working database. Node cannot write to the notify socket (a Unix
// datagram socket) itself, so systemd-notify sends each message; the unit has NotifyAccess=all.
import { execFile } from 'node:child_process';
import type { Logger } from 'pino';

function notify(message: string, log: Logger): Promise<void> {
  return new Promise((resolve) => {
    execFile('systemd-notify', [message], { timeout: 10_000 }, (err) => {
      if (err) log.warn({ err: err.message, message }, 'systemd-notify failed');
      resolve();
    });
  });
}

/** Returns a stop function; does nothing unless systemd started Vigil with a notify socket. */
export function startSystemdWatchdog(healthUrl: string, log: Logger, env = process.env): () => void {
  if (!env.NOTIFY_SOCKET) return () => {};
  void notify('--ready', log);
  const usec = Number(env.WATCHDOG_USEC);
  if (!Number.isFinite(usec) || usec <= 0) return () => {};
  const check = async () => {
    try {
      const res = await fetch(healthUrl, { signal: AbortSignal.timeout(usec / 4000) });
      const body = (await res.json()) as { database?: boolean };
      if (res.ok && body.database === true) await notify('WATCHDOG=1', log);
      else log.warn({ status: res.status, database: body.database }, 'unhealthy: no watchdog ping');
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'health check failed: no watchdog ping');
    }
  };
  // Twice per watchdog period, so one slow check does not get Vigil killed.
  const timer = setInterval(() => void check(), usec / 2000);
  timer.unref();
  void check();
  return () => clearInterval(timer);
}
