// HTTP hardening as an outsider meets it: headers on every answer, strict bodies, connection caps
// and timeouts, a proxy believed only when configured, and no requests to forbidden addresses.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { startTestVigil, waitFor, type ApiClient, type TestVigil, type TestEvent } from '../helpers.ts';

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, headers }, (res) => {
      res.resume();
      resolve(res);
    });
    req.on('error', reject);
  });
}

describe('HTTP hardening', () => {
  let v: TestVigil;
  let port: number;
  let admin: ApiClient;
  const events: TestEvent[] = [];
  before(async () => {
    // No loopback allowance here: the outbound policy as shipped.
    v = await startTestVigil({ env: { VIGIL_OUTBOUND_ALLOW: '' } });
    port = Number(new URL(v.base).port);
    v.vigil.bus.on('log.appended', (e) => events.push(e));
    admin = await v.client();
  });
  after(async () => v?.stop());

  test('security headers on every answer: API, refusals, not found, the panel, the kiosk and the docs', async () => {
    for (const path of ['/api/health', '/api/settings', '/api/nothing', '/', '/people', '/kiosk', '/api/docs', '/api/docs/json']) {
      const res = await get(port, path);
      const csp = String(res.headers['content-security-policy'] ?? '');
      assert.match(csp, /frame-ancestors 'none'/, `${path}: ${csp}`);
      assert.equal(res.headers['x-content-type-options'], 'nosniff', path);
      assert.equal(res.headers['referrer-policy'], 'no-referrer', path);
      assert.equal(res.headers['x-frame-options'], 'DENY', path);
      assert.equal(res.headers['strict-transport-security'], undefined, `${path}: no HSTS over plain HTTP`);
    }
  });

  test('no public source maps', async () => {
    const index = await (await fetch(`${v.base}/`)).text();
    for (const [, src] of index.matchAll(/src="([^"]+\.js)"/g)) {
      assert.equal((await get(port, `${src}.map`)).statusCode, 404, `${src}.map`);
      assert.doesNotMatch(await (await fetch(`${v.base}${src}`)).text(), /sourceMappingURL=/);
    }
  });

  test('bodies are taken as sent: no number or array turned into a string', async () => {
    assert.equal((await admin.request('POST', '/api/people', { name: 12345 })).status, 400);
    assert.equal((await admin.request('POST', '/api/people', { name: ['Ada'] })).status, 400);
    const person = await admin.json<{ id: string }>('POST', '/api/people', { name: 'Ada' });
    assert.equal((await admin.request('PUT', `/api/people/${person.id}/pin`, { pin: 4815 })).status, 400);
    assert.equal((await admin.request('POST', `/api/people/${person.id}/fobs`, { fob: ['DEADBEEF'] })).status, 400);
    assert.equal((await admin.request('PUT', `/api/people/${person.id}/pin`, { pin: '4815' })).status, 204);
    // Query strings are text by nature and are still read as numbers.
    assert.equal((await admin.request('GET', '/api/events?limit=5')).status, 200);
  });

  test('a client may hold only http.maxConnectionsPerAddress connections; the box keeps answering', async () => {
    const limit = v.config.http.maxConnectionsPerAddress;
    const refusedBefore = v.vigil.diagnostics.get('http_connection_refused');
    const sockets = Array.from({ length: limit + 20 }, () => {
      const s = net.connect(port, '127.0.0.1');
      s.on('error', () => {});
      return { s, closed: false };
    });
    for (const x of sockets) x.s.once('close', () => (x.closed = true));
    await waitFor(() => v.vigil.diagnostics.get('http_connection_refused') - refusedBefore >= 20 && sockets.filter((x) => x.closed).length >= 20, 10_000, '20 connections refused and closed');
    for (const x of sockets) x.s.destroy();
    // The server lets go of the address's slots as it sees the sockets close.
    const health = await waitFor(() => get(port, '/api/health').catch(() => undefined), 10_000, 'an answer once the sockets are gone');
    assert.equal(health.statusCode, 200);
  });

  test('a client that never finishes its headers is cut off (slowloris)', async () => {
    const s = net.connect(port, '127.0.0.1');
    s.on('error', () => {});
    await new Promise<void>((r) => s.once('connect', () => r()));
    s.write('GET /api/health HTTP/1.1\r\nHost: x\r\n');
    const trickle = setInterval(() => s.write('X-a: b\r\n'), 1000);
    const closedIn = await new Promise<number>((r) => {
      const t0 = Date.now();
      s.once('close', () => r(Date.now() - t0));
    });
    clearInterval(trickle);
    assert.ok(closedIn < 60_000, `closed after ${closedIn} ms`);
  });

  test('X-Forwarded-For is ignored without http.trustProxy: a spoofed address neither evades the sign-in limit nor enters the log', async () => {
    let limited = 0;
    for (let i = 0; i < v.config.http.loginAttemptsPerMinute + 3; i++) {
      const r = await fetch(`${v.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${i}` }, body: JSON.stringify({ username: 'admin', password: 'wrong' }) });
      if (r.status === 429) limited++;
    }
    assert.ok(limited > 0);
    assert.ok(events.filter((e) => e.type === 'SignInFailed').every((e) => e.details.from === '127.0.0.1'));
  });

  test('notification channels may not point at loopback, link-local or metadata addresses', async () => {
    const channel = (url: string) => ({ type: 'webhook', name: 'hook', settings: { url }, rules: { types: ['Intrusion'] } });
    for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://127.0.0.1:8099/', 'http://[::1]/', 'http://[::ffff:127.0.0.1]/', 'http://0.0.0.0/']) {
      const r = await admin.request('POST', '/api/notify/channels', channel(url));
      assert.equal(r.status, 400, url);
      assert.match(((await r.json()) as { message: string }).message, /loopback|link-local|metadata|unspecified/);
    }
    // A name that resolves to loopback is caught when the connection is made.
    const created = await admin.json<{ id: string }>('POST', '/api/notify/channels', channel('http://localhost:8099/hook'));
    const test1 = await admin.json<{ ok: boolean; error?: string }>('POST', `/api/notify/channels/${created.id}/test`);
    assert.equal(test1.ok, false);
    assert.match(test1.error ?? '', /refused.*loopback/);
    // The house network stays reachable.
    assert.equal((await admin.request('POST', '/api/notify/channels', channel('http://192.168.1.20/hook'))).status, 201);
  });
});

describe('HTTP behind a reverse proxy (http.trustProxy)', () => {
  let v: TestVigil;
  const events: TestEvent[] = [];
  before(async () => {
    v = await startTestVigil({ env: { VIGIL_HTTP_TRUST_PROXY: '127.0.0.1' } });
    v.vigil.bus.on('log.appended', (e) => events.push(e));
  });
  after(async () => v?.stop());

  test('the client address comes from the proxy: limits are per real client, and the log names it', async () => {
    const attempt = (client: string) =>
      fetch(`${v.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': client }, body: JSON.stringify({ username: 'nobody', password: 'wrong' }) });
    const n = v.config.http.loginAttemptsPerMinute * 3;
    const first: number[] = [];
    for (let i = 0; i < n + 2; i++) first.push((await attempt('203.0.113.7')).status);
    assert.ok(first.includes(429), 'the one client was limited');
    assert.equal((await attempt('198.51.100.9')).status, 401, 'another client behind the same proxy was not');
    assert.ok(events.some((e) => e.type === 'SignInFailed' && e.details.from === '203.0.113.7'));
    assert.ok(events.some((e) => e.type === 'SignInFailed' && e.details.from === '198.51.100.9'));
  });
});
