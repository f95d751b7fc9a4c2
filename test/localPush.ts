// A Web Push service on loopback: the web-push-testing package's app, with its notify endpoint
// behind TLS (push services speak HTTPS, and so does the web-push library) using a certificate
// made for the run, and its control endpoints on plain HTTP for the test.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type RequestListener, type Server } from 'node:http';
import https from 'node:https';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** A self-signed certificate for 127.0.0.1, written into `dir` as <name>.key and <name>.crt. */
export function loopbackCert(dir: string, name: string): { key: string; cert: string } {
  const key = path.join(dir, `${name}.key`), cert = path.join(dir, `${name}.crt`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  return { key, cert };
}

export interface LocalPush {
  /** A browser's subscription with this VAPID public key: what the panel would POST to Vigil. */
  subscribe(applicationServerKey: string): Promise<{ endpoint: string; keys: { p256dh: string; auth: string }; clientHash: string }>;
  /** The decrypted messages the subscription received. */
  messages(clientHash: string): Promise<string[]>;
  expire(clientHash: string): Promise<void>;
  /** Called as each push request arrives (before it is handled). */
  onArrival(fn: () => void): void;
  close(): Promise<void>;
}

export async function startLocalPush(dir: string): Promise<LocalPush> {
  const WebPushTestingServer = require('web-push-testing/src/server.js') as new (model: unknown, port: number) => { _app: RequestListener; setRequestHandlers(): void };
  const { PushApiModel } = require('web-push-testing/src/PushApiModel.js') as { PushApiModel: new () => { notifyUrl: string } };
  const model = new PushApiModel();
  const push = new WebPushTestingServer(model, 0);
  // Its own start-up would listen on every interface; the same app is bound to loopback here.
  push.setRequestHandlers();
  const control: Server = createServer(push._app);
  await new Promise<void>((r) => control.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(control.address() as { port: number }).port}`;
  const { key, cert } = loopbackCert(dir, 'push-service');
  const arrivals: Array<() => void> = [];
  const tls = https.createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (req, res) => {
    for (const fn of arrivals) fn();
    push._app(req, res);
  });
  await new Promise<void>((r) => tls.listen(0, '127.0.0.1', r));
  model.notifyUrl = `https://127.0.0.1:${(tls.address() as { port: number }).port}/notify/`;
  // The web-push library uses Node's https agent: trust the run's certificate there.
  https.globalAgent.options.ca = readFileSync(cert);
  const post = (url: string, body?: unknown) => fetch(`${base}${url}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  return {
    async subscribe(applicationServerKey) {
      return ((await (await post('/subscribe', { userVisibleOnly: 'true', applicationServerKey })).json()) as { data: Awaited<ReturnType<LocalPush['subscribe']>> }).data;
    },
    async messages(clientHash) {
      return ((await (await post('/get-notifications', { clientHash })).json()) as { data: { messages: string[] } }).data.messages;
    },
    async expire(clientHash) {
      await post(`/expire-subscription/${clientHash}`);
    },
    onArrival: (fn) => arrivals.push(fn),
    close: async () => {
      control.closeAllConnections();
      tls.closeAllConnections();
      await Promise.all([new Promise((r) => control.close(r)), new Promise((r) => tls.close(r))]);
    },
  };
}
