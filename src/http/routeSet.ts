import type { FastifyInstance, FastifyPluginAsync, FastifyPluginOptions } from 'fastify';

/** Routes a module contributes to the web server: a route plugin bound to what it needs. */
export type RouteSet = (app: FastifyInstance) => PromiseLike<unknown>;

export function routeSet<O extends FastifyPluginOptions>(plugin: FastifyPluginAsync<O>, opts: O): RouteSet {
  return (app) => app.register(plugin, opts);
}
