// The standby hub's web server against a real HTTP server standing in for the active hub.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { startStandbyProxy, type StandbyProxy } from '../../src/http/standbyProxy.ts';
import { freePort, silentLog } from '../helpers.ts';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Sends raw bytes and returns the raw answer (for request targets fetch would not send). */
function raw(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(text));
    let out = '';
    socket.on('data', (d: Buffer) => (out += d.toString()));
    socket.on('end', () => resolve(out));
    socket.on('error', reject);
  });
}

describe('standby proxy', () => {
  let upstream: http.Server;
  let upstreamUrl: string;
  let proxy: StandbyProxy;
  let active: string | null = null;
  let database = true;
  const seen: Seen[] = [];

  before(async () => {
    upstream = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        if (req.url === '/api/events/stream') {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          res.write('data: {"n":1}\n\n');
          return;
        }
        res.writeHead(201, [['set-cookie', 'a=1; HttpOnly'], ['set-cookie', 'b=2'], ['content-type', 'application/json'], ['keep-alive', 'timeout=99']]);
        res.end('{"ok":true}');
      });
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    proxy = await startStandbyProxy({ host: '127.0.0.1', port: 0, trustProxy: '', maxConnectionsPerAddress: 64, active: () => active, databaseOk: () => database, log: silentLog() });
  });
  after(async () => {
    await proxy.close();
    upstream.closeAllConnections();
    await new Promise((r) => upstream.close(r));
  });

  const base = () => `http://127.0.0.1:${proxy.port}`;

  test('health: the standby role and the active hub, answered by the standby itself', async () => {
    active = null;
    database = false;
    assert.deepEqual(await (await fetch(`${base()}/api/health`)).json(), { status: 'degraded', role: 'standby', active: null, database: false });
    active = upstreamUrl;
    database = true;
    assert.deepEqual(await (await fetch(`${base()}/api/health`)).json(), { status: 'ok', role: 'standby', active: upstreamUrl, database: true });
    assert.equal(seen.length, 0);
  });

  test('with no active hub, other requests get 503 and a retry hint, and nothing is sent on', async () => {
    active = null;
    const res = await fetch(`${base()}/api/people`);
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('retry-after'), '2');
    assert.equal(seen.length, 0);
  });

  test('a request goes through unchanged: method, path, body, cookie, CSRF header; every Set-Cookie comes back', async () => {
    active = upstreamUrl;
    const res = await fetch(`${base()}/api/people?x=1`, { method: 'POST', headers: { cookie: 'vigil_session=s', 'x-csrf-token': 't', 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.9' }, body: '{"name":"A"}' });
    assert.equal(res.status, 201);
    assert.deepEqual(res.headers.getSetCookie(), ['a=1; HttpOnly', 'b=2']);
    assert.notEqual(res.headers.get('keep-alive'), 'timeout=99', "the active hub's hop-by-hop headers stay on its hop");
    assert.deepEqual(await res.json(), { ok: true });
    const got = seen.at(-1) as Seen;
    assert.deepEqual([got.method, got.url, got.body, got.headers.cookie, got.headers['x-csrf-token']], ['POST', '/api/people?x=1', '{"name":"A"}', 'vigil_session=s', 't']);
    // The client's address is appended after what it claimed: the active hub believes only trusted hops.
    assert.equal(got.headers['x-forwarded-for'], '203.0.113.9, 127.0.0.1');
    assert.equal(got.headers.host, `127.0.0.1:${proxy.port}`);
  });

  test('an event stream streams: the first message arrives while the stream stays open', async () => {
    active = upstreamUrl;
    const ctrl = new AbortController();
    const res = await fetch(`${base()}/api/events/stream`, { signal: ctrl.signal });
    assert.equal(res.headers.get('content-type'), 'text/event-stream');
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const { value } = await reader.read();
    assert.equal(new TextDecoder().decode(value), 'data: {"n":1}\n\n');
    ctrl.abort();
  });

  test('an absolute request target is refused: the standby is no open proxy', async () => {
    active = upstreamUrl;
    const before = seen.length;
    const answer = await raw(proxy.port, 'GET http://169.254.169.254/latest/meta-data HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    assert.match(answer, /^HTTP\/1\.1 400/);
    assert.equal(seen.length, before);
    // A path that looks protocol-relative stays a path on the active hub.
    const res = await raw(proxy.port, 'GET //169.254.169.254/latest HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    assert.match(res, /^HTTP\/1\.1 201/);
    assert.equal(seen.at(-1)?.url, '//169.254.169.254/latest');
  });

  test('an active hub that does not answer gives 502', async () => {
    active = `http://127.0.0.1:${await freePort()}`;
    const res = await fetch(`${base()}/api/people`);
    assert.equal(res.status, 502);
  });
});
