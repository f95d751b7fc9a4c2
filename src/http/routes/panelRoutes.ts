import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import fastifyStatic from '@fastify/static';
import { declarePublic } from '../auth.ts';

/** Whether an address, however spelled (`/%61pi/…`, `/API/…`), is under /api: those never get the panel page. */
function isApiPath(url: string): boolean {
  const raw = url.split('?')[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return true;
  }
  const first = decoded.split('/').find((part) => part !== '') ?? '';
  return first.toLowerCase() === 'api';
}

/**
 * The panel: its built files, and index.html for any other page address (the single-page app
 * routes in the browser). /api addresses that match nothing stay a JSON 404.
 */
export const panelRoutes: FastifyPluginAsync<{ dir: string }> = async (app, { dir }) => {
  const built = existsSync(path.join(dir, 'index.html'));
  // Sent from memory: the page is small, and a file lookup keyed on an odd address ('//x') fails.
  const index = built ? readFileSync(path.join(dir, 'index.html')) : null;
  if (built) {
    // The panel's files hold no data; the API behind them is what needs a session.
    await app.register(async (files) => {
      declarePublic(files);
      await files.register(fastifyStatic, { root: dir, prefix: '/', wildcard: false, index: false, maxAge: '1h', immutable: false });
    });
  }
  app.setNotFoundHandler((req, reply) => {
    const page = req.method === 'GET' && !isApiPath(req.url) && !path.extname(req.url.split('?')[0] ?? '');
    if (page && index) {
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .header('content-security-policy', "default-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'")
        .send(index);
    }
    return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no route ${req.method} ${req.url.split('?')[0]}` });
  });
};
