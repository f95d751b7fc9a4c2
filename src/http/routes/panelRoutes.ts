import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import { errorReply } from '../errorReply.ts';
import { NotFound } from '../../core/errors.ts';
import fastifyStatic from '@fastify/static';

/** Whether an address, however spelled (`/%61pi/…`, `/API/…`), is under /api: those never get the panel page. */
function isApiPath(url: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(url);
  } catch {
    return true;
  }
  const first = decoded.split('/').find((part) => part !== '') ?? '';
  return first.toLowerCase() === 'api';
}

/** Vite puts content-hashed names under assets/: a new build is a new name, so they never change. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** Everything else (index.html, the service worker, the manifest, icons) is checked on every load, so an upgrade is seen at once. */
const REVALIDATE = 'no-cache';
/** Source maps and the precompressed twins are never files of their own. */
const HIDDEN = /\.(map|br|gz)$/;

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // Radix's scroll lock writes a <style> element while a dialog is open.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((e) => {
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) return filesUnder(dir, rel);
    return HIDDEN.test(e.name) ? [] : [rel];
  });
}

/**
 * The panel: its built files (brotli or gzip when the browser takes it, made at build time), and
 * index.html for any other page address (the single-page app routes in the browser). /api
 * addresses that match nothing stay a JSON 404.
 */
export const panelRoutes: FastifyPluginAsync<{ dir: string }> = async (app, { dir }) => {
  const built = existsSync(path.join(dir, 'index.html'));
  const files = new Set(built ? filesUnder(dir) : []);
  await app.register(fastifyStatic, {
    root: dir,
    serve: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, file) => reply.header('cache-control', path.relative(dir, file).startsWith(`assets${path.sep}`) ? IMMUTABLE : REVALIDATE),
  });

  const notFound = (method: string, url: string) => errorReply(new NotFound(`no route ${method} ${url}`));

  // GET (and the HEAD Fastify adds for it) of anything outside /api: the panel's files are public,
  // they hold no data; what they show comes from the API, which needs a session.
  app.get('/*', { config: { access: 'public' }, schema: { hide: true } }, (req, reply) => {
    const url = req.url.split('?')[0] ?? '/';
    if (isApiPath(url)) return reply.code(404).send(notFound(req.method, url));
    let file: string;
    try {
      file = decodeURIComponent(url.slice(1));
    } catch {
      return reply.code(404).send(notFound(req.method, url));
    }
    // Only the files the build made, by their exact names: nothing else on the disk is reachable.
    if (files.has(file) && file !== 'index.html') return reply.sendFile(file);
    if (!built || (path.extname(file) && file !== 'index.html')) return reply.code(404).send(notFound(req.method, url));
    return reply.header('cache-control', REVALIDATE).header('content-security-policy', CSP).sendFile('index.html');
  });
  app.setNotFoundHandler((req, reply) => reply.code(404).send(notFound(req.method, req.url.split('?')[0] ?? '')));
};
