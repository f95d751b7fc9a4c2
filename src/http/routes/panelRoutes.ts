import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import fastifyStatic from '@fastify/static';

/**
 * The panel: its built files, and index.html for any other page address (the single-page app
 * routes in the browser). /api addresses that match nothing stay a JSON 404.
 */
export const panelRoutes: FastifyPluginAsync<{ dir: string }> = async (app, { dir }) => {
  const built = existsSync(path.join(dir, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, { root: dir, prefix: '/', wildcard: false, index: false, maxAge: '1h', immutable: false });
  }
  app.setNotFoundHandler((req, reply) => {
    const page = req.method === 'GET' && !req.url.startsWith('/api/') && !path.extname(req.url.split('?')[0] ?? '');
    if (page && built) {
      return reply
        .header('cache-control', 'no-cache')
        .header('content-security-policy', "default-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'")
        .sendFile('index.html', dir);
    }
    return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: `no route ${req.method} ${req.url.split('?')[0]}` });
  });
};
