import type { Server } from 'node:http';
import type { FastifyInstance, FastifySchemaCompiler } from 'fastify';
import helmet from '@fastify/helmet';
import { AjvCompiler } from '@fastify/ajv-compiler';
import proxyAddr from 'proxy-addr';
import { compileOnFirstUse } from './lazySchemas.ts';

/**
 * Time limits sized for a small box: a slow or stalled client cannot hold a connection (and one
 * of the Pi's 1024 open files) for long. A long upload (a 10 MB photo on a weak Wi-Fi) still fits.
 */
export const TIMEOUTS = {
  /** Inactivity on a socket; the event stream pings every 15 s, so it stays open. */
  connectionTimeout: 120_000,
  keepAliveTimeout: 10_000,
  /** The whole request, body included, must arrive in this. */
  requestTimeout: 60_000,
  headersTimeout: 15_000,
  maxRequestsPerSocket: 1000,
};
/** Connections in all: below the usual limit of 1024 open files, with room for the database and devices. */
export const MAX_CONNECTIONS = 512;

/** Which hops of X-Forwarded-For to believe: the n nearest, or those from the given addresses and ranges. */
export type TrustProxy = (address: string, hop: number) => boolean;

/** `http.trustProxy`: '' = no proxy, a number = that many hops, else addresses and ranges. */
export function trustProxySetting(text: string): TrustProxy {
  const t = text.trim();
  if (!t) return () => false;
  if (/^[0-9]+$/.test(t)) {
    const hops = Number(t);
    return (_address, hop) => hop < hops;
  }
  return proxyAddr.compile(t.split(',').map((s) => s.trim()).filter(Boolean));
}

/** Caps open connections per client address (a trusted proxy speaks for many clients and is not capped). */
export function limitConnections(server: Server, perAddress: number, trustProxy: TrustProxy, onRefused: (address: string) => void): void {
  const open = new Map<string, number>();
  server.maxConnections = MAX_CONNECTIONS;
  server.headersTimeout = TIMEOUTS.headersTimeout;
  server.on('connection', (socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    if (trustProxy(address, 0)) return;
    const n = open.get(address) ?? 0;
    if (n >= perAddress) {
      onRefused(address);
      socket.destroy();
      return;
    }
    open.set(address, n + 1);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
}

/**
 * Bodies are taken as sent: a number where a string belongs is an error, not silently made a
 * string. Query strings and path parameters are text by nature and are still converted.
 */
export function strictBodies(app: FastifyInstance): void {
  const build = AjvCompiler();
  const common = { removeAdditional: false, useDefaults: true, allErrors: false } as const;
  const strict = build({}, { customOptions: { ...common, coerceTypes: false } });
  const text = build({}, { customOptions: { ...common, coerceTypes: 'array' } });
  const compile: FastifySchemaCompiler<unknown> = (route) => (route.httpPart === 'body' ? strict : text)(route as Parameters<typeof strict>[0]);
  compileOnFirstUse(app, compile);
}

/**
 * Security headers on every answer, API and pages alike. Pages that need more (the panel, the
 * kiosk's camera, the API docs) set their own policy on top; none may be framed by another site.
 */
export async function securityHeaders(app: FastifyInstance, https: boolean): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // Vigil is often reached over plain HTTP on the house network; HSTS only makes sense behind HTTPS.
    strictTransportSecurity: https ? { maxAge: 15552000 } : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
  });
}
