// The built-in broker before trust: raw sockets (not mqtt.js) that announce huge packets, skip
// CONNECT, never log in or open too many connections are cut off, and memory stays flat.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import v8 from 'node:v8';
import vm from 'node:vm';
import mqtt from 'mqtt';
import { startTestVigil, waitFor, type TestVigil } from '../helpers.ts';

/** MQTT's remaining-length encoding. */
function remainingLength(n: number): Buffer {
  const out: number[] = [];
  do {
    let byte = n % 128;
    n = Math.floor(n / 128);
    if (n > 0) byte |= 0x80;
    out.push(byte);
  } while (n > 0);
  return Buffer.from(out);
}

function connectPacket(clientId: string, username?: string, password?: string): Buffer {
  const str = (s: string) => Buffer.concat([Buffer.from([s.length >> 8, s.length & 0xff]), Buffer.from(s)]);
  const flags = (username ? 0x80 : 0) | (password ? 0x40 : 0) | 0x02;
  const body = Buffer.concat([str('MQTT'), Buffer.from([4, flags, 0, 60]), str(clientId), username ? str(username) : Buffer.alloc(0), password ? str(password) : Buffer.alloc(0)]);
  return Buffer.concat([Buffer.from([0x10]), remainingLength(body.length), body]);
}

interface Flood {
  sent: number;
  closed: Promise<void>;
}

/** Opens a socket, sends `head`, then streams zeros until the server closes it (or `cap` bytes). */
function flood(port: number, head: Buffer, cap = 300 * 1024 * 1024): Flood {
  const socket = net.connect(port, '127.0.0.1');
  const state: Flood = { sent: 0, closed: new Promise((r) => socket.once('close', () => r())) };
  socket.on('error', () => {});
  const chunk = Buffer.alloc(64 * 1024);
  socket.once('connect', () => {
    socket.write(head);
    const pump = () => {
      while (!socket.destroyed && state.sent < cap) {
        state.sent += chunk.length;
        if (!socket.write(chunk)) return void socket.once('drain', pump);
      }
    };
    pump();
  });
  return state;
}

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

describe('MQTT limits before trust (built-in broker, raw sockets)', () => {
  let v: TestVigil;
  let port: number;
  before(async () => {
    v = await startTestVigil();
    port = Number(new URL(v.vigil.mqttUrl).port);
  });
  after(async () => v?.stop());

  test('8 sockets announcing a 250 MB PUBLISH without CONNECT are cut at once; RSS stays within +50 MB', async () => {
    gc();
    const rssBefore = process.memoryUsage().rss;
    const head = Buffer.concat([Buffer.from([0x30]), remainingLength(250 * 1024 * 1024)]);
    const floods = Array.from({ length: 8 }, () => flood(port, head));
    await Promise.all(floods.map((f) => f.closed));
    gc();
    const grown = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
    for (const f of floods) assert.ok(f.sent < 64 * 1024 * 1024, `a socket streamed ${f.sent} bytes before it was cut`);
    assert.ok(grown < 50, `RSS grew ${grown.toFixed(1)} MB`);
    assert.ok(v.vigil.diagnostics.get('mqtt_dropped_not_connect_first') >= 8);
  });

  test('a CONNECT announcing 250 MB is cut before login', async () => {
    const f = flood(port, Buffer.concat([Buffer.from([0x10]), remainingLength(250 * 1024 * 1024)]));
    await f.closed;
    assert.ok(f.sent < 64 * 1024 * 1024);
    assert.ok(v.vigil.diagnostics.get('mqtt_dropped_packet_too_large') >= 1);
  });

  test('a logged-in device announcing a PUBLISH far over mqtt.maxPayloadBytes is cut', async () => {
    const admin = await v.client();
    const reg = await admin.json<{ mqtt: { username: string; password: string } }>('POST', '/api/sensors', { id: 'kitchen', name: 'Kitchen', kind: 'window', signed: false });
    const socket = net.connect(port, '127.0.0.1');
    socket.on('error', () => {});
    const closed = new Promise<void>((r) => socket.once('close', () => r()));
    const connack = new Promise<Buffer>((r) => socket.once('data', r));
    await new Promise<void>((r) => socket.once('connect', () => r()));
    socket.write(connectPacket('kitchen-dev', reg.mqtt.username, reg.mqtt.password));
    const ack = await connack;
    assert.equal(ack[0], 0x20);
    assert.equal(ack[3], 0, 'login accepted');
    socket.write(Buffer.concat([Buffer.from([0x30]), remainingLength(250 * 1024 * 1024), Buffer.alloc(1024)]));
    await closed;
  });

  test('a socket that never sends CONNECT is closed after the connect timeout', async () => {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('error', () => {});
    const started = Date.now();
    await new Promise<void>((r) => socket.once('close', () => r()));
    assert.ok(Date.now() - started < 30_000);
  });

  test('one address may hold only mqtt.maxConnectionsPerAddress connections; others still get in after', async () => {
    const limit = v.config.mqtt.maxConnectionsPerAddress;
    const refusedBefore = v.vigil.diagnostics.get('mqtt_connection_refused');
    const sockets = Array.from({ length: limit + 10 }, () => {
      const s = net.connect(port, '127.0.0.1');
      s.on('error', () => {});
      return { s, closed: false };
    });
    for (const x of sockets) x.s.once('close', () => (x.closed = true));
    // Vigil's own client holds one connection from this address too. Counted refusals, not just
    // closed sockets: the connect timeout would close the admitted ones too, given time.
    await waitFor(() => v.vigil.diagnostics.get('mqtt_connection_refused') - refusedBefore >= 10 && sockets.filter((x) => x.closed).length >= 10, 10_000, '10 connections refused');
    for (const x of sockets) x.s.destroy();
    const admin = await v.client();
    const reg = await admin.json<{ mqtt: { username: string; password: string } }>('POST', '/api/sensors', { id: 'hall', name: 'Hall', kind: 'door', signed: false });
    // The broker frees the address's slots as it sees the sockets close.
    const c = await waitFor(() => mqtt.connectAsync(v.vigil.mqttUrl, { username: reg.mqtt.username, password: reg.mqtt.password, reconnectPeriod: 0 }, false).catch(() => undefined), 10_000, 'a login once the sockets are gone');
    await c.endAsync();
  });
});
