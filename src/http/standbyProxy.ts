import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream';
import type { Logger } from 'pino';
import { listenError } from '../core/errors.ts';
import { limitConnections, TIMEOUTS, trustProxySetting } from './hardening.ts';

export interface StandbyProxyOptions {
  host: string;
  port: number;
  /** The same limits as the hub's own web server (http.trustProxy, http.maxConnectionsPerAddress). */
  trustProxy: string;
  maxConnectionsPerAddress: number;
  /** The active hub's URL, or null while none holds the lead. */
  active: () => string | null;
  /** Whether this hub's lock connection to PostgreSQL is up. */
  databaseOk: () => boolean;
  log: Logger;
}

export interface StandbyProxy {
  port: number;
  /** Stops listening and cuts every open connection (a proxied event stream reconnects to the new active hub). */
  close(): Promise<void>;
}

// Headers about one hop's connection, not the request: never passed on (RFC 9110 7.6.1).
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade', 'proxy-authorization', 'proxy-authenticate']);

function endToEnd(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const named = new Set(String(headers.connection ?? '').toLowerCase().split(',').map((h) => h.trim()));
  const out: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (value !== undefined && !HOP_BY_HOP.has(name) && !named.has(name)) out[name] = value;
  return out;
}

function sendJson(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * What a standby hub serves on its port: its own health, and every other request streamed through to
 * the active hub unchanged (cookies, CSRF token, event streams), so the panel and API work through
 * either hub. The standby decides nothing itself: the active hub authenticates and authorises.
 */
export async function startStandbyProxy(o: StandbyProxyOptions): Promise<StandbyProxy> {
  const server = http.createServer((req, res) => {
    const url = req.url ?? '';
    // Origin-form only: an absolute URL here would make the standby an open proxy.
    if (!url.startsWith('/')) return sendJson(res, 400, { error: 'bad request target' });
    const active = o.active();
    if (req.method === 'GET' && (url === '/api/health' || url.startsWith('/api/health?'))) {
      const database = o.databaseOk();
      return sendJson(res, 200, { status: database && active ? 'ok' : 'degraded', role: 'standby', active, database });
    }
    if (!active) return sendJson(res, 503, { error: 'This hub is standing by and no hub is active yet; try again in a few seconds' }, { 'retry-after': '2' });
    // Appended, not resolved: "//host/x" resolved against the active hub would leave for another host.
    const target = new URL(active.replace(/\/$/, '') + url);
    const headers = endToEnd(req.headers);
    const from = req.socket.remoteAddress ?? '';
    // Appended, so the active hub (with this hub in http.trustProxy) still sees the client's address.
    headers['x-forwarded-for'] = req.headers['x-forwarded-for'] ? `${String(req.headers['x-forwarded-for'])}, ${from}` : from;
    const upstream = (target.protocol === 'https:' ? https : http).request(target, { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
      // Headers now, not with the first body chunk: an event stream may say nothing for a while.
      res.flushHeaders();
      pipeline(answer, res, () => {});
    });
    upstream.on('error', (err) => {
      o.log.warn({ err: err.message, active }, 'standby: the active hub did not answer');
      if (res.headersSent) res.destroy();
      else sendJson(res, 502, { error: 'The active hub did not answer; try again in a few seconds' }, { 'retry-after': '2' });
    });
    // A client that goes away (a closed event stream) ends its request to the active hub too.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    pipeline(req, upstream, () => {});
  });
  // A client may not hold more through the standby than it could at the active hub itself.
  limitConnections(server, o.maxConnectionsPerAddress, trustProxySetting(o.trustProxy), (address) => o.log.debug({ address }, 'standby: too many connections from one address'));
  server.timeout = TIMEOUTS.connectionTimeout;
  server.keepAliveTimeout = TIMEOUTS.keepAliveTimeout;
  server.requestTimeout = TIMEOUTS.requestTimeout;
  server.maxRequestsPerSocket = TIMEOUTS.maxRequestsPerSocket;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err) => reject(listenError(err, 'The standby web server', o.host, o.port, 'Pick another port with http.port (VIGIL_HTTP_PORT=8081).')));
    server.listen(o.port, o.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
