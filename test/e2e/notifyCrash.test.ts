import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import mqtt from 'mqtt';
import SQLite from 'better-sqlite3';
import { ApiClient, kill9, tmpDir, waitFor } from '../helpers.ts';
import { startServer, vigil } from '../vigilProcess.ts';

// kill -9 while a burst of alerts is being sent: after the restart every alert reaches the
// webhook (some twice, none never).
test('kill -9 during a burst of alerts loses none of them', async (t) => {
  const tmp = tmpDir();
  const data = tmp.dir;
  writeFileSync(path.join(data, 'vigil.yaml'), 'sensors:\n  - id: front\n    name: Front door\n    signed: false\n');
  const received = new Set<number>();
  // A slow receiver, so that messages are still waiting in the outbox when Vigil dies.
  const hook = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () =>
      setTimeout(() => {
        for (const e of (JSON.parse(body) as { events: Array<{ seq: number }> }).events) received.add(e.seq);
        res.writeHead(200).end();
      }, 150),
    );
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  const hookUrl = `http://127.0.0.1:${(hook.address() as { port: number }).port}/`;

  assert.equal((await vigil(['--data', data, 'admin', 'add', 'root', '--password-stdin'], {}, 'a long enough secret\n')).code, 0);
  let server = await startServer(data);
  try {
    const api = new ApiClient(`http://127.0.0.1:${server.httpPort}`);
    assert.equal((await api.login('root', 'a long enough secret')).status, 200);
    const types = ['SensorOpened', 'SensorClosed'];
    const made = await api.request('POST', '/api/notify/channels', { name: 'hook', type: 'webhook', settings: { url: hookUrl }, rules: { types, urgent: types } });
    assert.equal(made.status, 201, await made.text());

    const secret = readFileSync(path.join(data, 'mqtt-internal.secret'), 'utf8').trim();
    const device = await mqtt.connectAsync(`mqtt://127.0.0.1:${server.mqttPort}`, { username: 'vigil-internal', password: secret, reconnectPeriod: 0 });
    device.on('error', () => {});
    let n = 0;
    const pump = setInterval(() => {
      for (let i = 0; i < 10; i++) device.publish('vigil/sensor/front/state', JSON.stringify({ contact: n++ % 2 ? 'open' : 'closed' }), { qos: 0 });
    }, 5);
    await waitFor(() => received.size >= 50, 20_000, '50 alerts delivered');
    await kill9(server.child);
    clearInterval(pump);
    device.end(true);
    const beforeRestart = received.size;

    const db = new SQLite(path.join(data, 'vigil.db'), { readonly: true });
    const logged = (db.prepare(`SELECT seq FROM events WHERE type IN ('SensorOpened', 'SensorClosed')`).all() as Array<{ seq: number }>).map((r) => r.seq);
    const pending = (db.prepare(`SELECT count(*) AS n FROM outbox WHERE status = 'pending'`).get() as { n: number }).n;
    db.close();
    assert.ok(logged.length > beforeRestart, `${logged.length} alerts logged, ${beforeRestart} delivered when Vigil died`);

    server = await startServer(data, { httpPort: server.httpPort, mqttPort: server.mqttPort });
    await waitFor(() => logged.every((s) => received.has(s)), 60_000, 'every logged alert delivered after the restart');
    t.diagnostic(`${logged.length} alerts logged; ${beforeRestart} delivered before kill -9 (${pending} pending in the outbox); all ${logged.length} delivered after the restart`);
    assert.ok(received.size > beforeRestart, `delivered after the restart: ${received.size - beforeRestart} (${pending} were pending in the outbox)`);
  } finally {
    await kill9(server.child);
    hook.close();
    tmp.cleanup();
  }
});
