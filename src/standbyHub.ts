import type { Logger } from 'pino';
import type { Config } from './config/schema.ts';
import { startVigil, type StartOptions, type Vigil } from './app.ts';
import { Leadership } from './store/leadership.ts';
import { startStandbyProxy, type StandbyProxy } from './http/standbyProxy.ts';

export interface StandbyHub {
  httpPort: number;
  /** The full hub once this process holds the lead. */
  takeover: Promise<Vigil>;
  stop(): Promise<void>;
}

/** Where the other hub reaches this one: hub.advertiseUrl, else this host and port. */
export function advertisedUrl(config: Config, port: number): string {
  if (config.hub.advertiseUrl) return config.hub.advertiseUrl.replace(/\/$/, '');
  const host = config.http.host === '0.0.0.0' || config.http.host === '::' ? '127.0.0.1' : config.http.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * `vigil start` with hub.standby: serve the standby proxy until this process holds the hub lock, then
 * hand the port to the full hub. `lost` is called if the lock goes after that: the caller must stop
 * the hub at once, since the other hub may already be driving the doors.
 */
export async function startStandbyHub(config: Config, log: Logger, lost: (err: Error) => void, opts: StartOptions = {}): Promise<StandbyHub> {
  const leadership = new Leadership({ url: config.database.url, onError: (err) => log.warn({ err: (err as Error).message }, 'standby: the hub lock connection failed; retrying') });
  let proxy: StandbyProxy | undefined = await startStandbyProxy({
    host: config.http.host,
    port: config.http.port,
    trustProxy: config.http.trustProxy,
    maxConnectionsPerAddress: config.http.maxConnectionsPerAddress,
    active: () => leadership.active,
    databaseOk: () => leadership.connected,
    log,
  });
  const httpPort = proxy.port;
  const closeProxy = async () => {
    const p = proxy;
    proxy = undefined;
    await p?.close();
  };
  log.info({ port: httpPort }, 'standing by: serving the panel and API through the active hub until this hub holds the lead');
  let stopping = false;
  const takeover = (async () => {
    await leadership.acquire();
    if (stopping) throw new Error('stopped while taking over');
    const since = Date.now();
    log.warn('this hub holds the lead: taking over as the active hub');
    leadership.onLost((err) => lost(err));
    const vigil = await startVigil({ ...config, http: { ...config.http, port: httpPort } }, log, { ...opts, beforeListen: closeProxy });
    await leadership.advertise(advertisedUrl(config, httpPort));
    log.warn({ port: httpPort, ms: Date.now() - since }, 'active hub: took over');
    return vigil;
  })();
  return {
    httpPort,
    takeover,
    async stop() {
      stopping = true;
      await closeProxy();
      // Still waiting: closing wakes the wait, and the takeover ends without starting anything.
      if (!leadership.holds) await leadership.close();
      const vigil = await takeover.catch(() => undefined);
      // Stopped before the lock goes: the other hub must not take over while this one still drives a door.
      await vigil?.stop();
      await leadership.close();
    },
  };
}
