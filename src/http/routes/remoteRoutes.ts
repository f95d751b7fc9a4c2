import type { FastifyPluginAsync } from 'fastify';
import { NotFound } from '../../core/errors.ts';
import Type from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { PEER_NAME, type RemoteAccess } from '../../remote/remoteAccess.ts';
import { ErrorReply } from '../schemas.ts';

export interface RemoteRouteDeps {
  remote: RemoteAccess;
}

const Peer = Type.Object({ name: Type.String(), publicKey: Type.String(), address: Type.String(), createdAt: Type.Number() });
const Name = Type.String({ pattern: PEER_NAME.source, description: '1-32 letters, digits, - or _' });
const Uci = Type.Object({ uci: Type.String({ description: 'commands for the OpenWrt router' }) });

/** Remote access by WireGuard (admin only: these hand out keys to the house network). */
export const remoteRoutes: FastifyPluginAsync<RemoteRouteDeps> = async (app, d) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get('/api/remote/peers', { config: { access: 'admin' }, schema: { tags: ['remote'], summary: 'Phones that may connect by WireGuard', response: { 200: Type.Array(Peer) } } }, () => d.remote.list());

  r.post(
    '/api/remote/peers',
    {
      config: { access: 'admin', audit: { subject: 'wireguard_peer', action: 'created' } },
      schema: {
        tags: ['remote'],
        summary: "Make a phone's WireGuard config (and QR code) and the router's commands for it; the phone's private key is shown only this once",
        body: Type.Object({ name: Name }, { additionalProperties: false }),
        response: { 201: Type.Object({ peer: Peer, config: Type.String(), qrSvg: Type.String(), uci: Type.String() }), 409: ErrorReply },
      },
    },
    async (req, reply) => reply.code(201).send(await d.remote.add(req.body.name)),
  );

  r.delete(
    '/api/remote/peers/:name',
    { config: { access: 'admin', audit: { subject: 'wireguard_peer', action: 'deleted' } }, schema: { tags: ['remote'], summary: 'Forget a phone; the reply holds the router commands that lock it out', params: Type.Object({ name: Name }), response: { 200: Uci, 404: ErrorReply } } },
    async (req) => {
      const uci = await d.remote.remove(req.params.name);
      if (uci === undefined) throw new NotFound('no such peer');
      return { uci };
    },
  );

  r.get(
    '/api/remote/router',
    { config: { access: 'admin' }, schema: { tags: ['remote'], summary: "The router's whole WireGuard setup as uci commands (holds the router's private key)", response: { 200: Uci, 409: ErrorReply } } },
    async () => ({ uci: await d.remote.routerSetup() }),
  );
};
