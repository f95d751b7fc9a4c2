// Fuzzing the parsers at Vigil's edges with random and mutated input: each one answers with a
// value or a clear refusal, never a crash, and what it accepts is what its contract says.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import net from 'node:net';
import fc from 'fast-check';
import mqttPacket from 'mqtt-packet';
import YAML from 'yaml';
import { Compile } from 'typebox/compile';
import { parseAvailability, parseStatePayload, StatePayload } from '../../src/mqtt/sensorPayload.ts';
import { FORMATS } from '../../src/mqtt/formats/index.ts';
import { Topics } from '../../src/mqtt/topics.ts';
import { checkSigned } from '../../src/core/sensorSignature.ts';
import { PacketGuard } from '../../src/mqtt/packetGuard.ts';
import { ConfigError, loadConfig } from '../../src/config/load.ts';
import { OutboundPolicy } from '../../src/core/outboundPolicy.ts';
import { SENSOR_FORMATS } from '../../src/config/schema.ts';
import { budget } from './budget.ts';

const checkState = Compile(StatePayload);

/** JSON-ish values, biased towards the keys a sensor message has. */
const sensorish = fc.dictionary(
  fc.constantFrom('contact', 'battery', 'tamper', 'seq', 'sig', 'Switch1', 'state', 'online', '__proto__', 'constructor'),
  fc.oneof(fc.constantFrom('open', 'closed', 'ON', 'OFF', true, false, null, 0, 100, -1, 1e308, '', 'x'.repeat(3000)), fc.jsonValue()),
);
const payloads = fc.oneof(
  fc.uint8Array({ maxLength: 4096 }).map((b) => Buffer.from(b)),
  sensorish.map((o) => Buffer.from(JSON.stringify(o))),
  fc.string({ unit: 'binary', maxLength: 300 }).map((s) => Buffer.from(s)),
  fc.constantFrom('online', 'offline', 'Online', 'ON', '{', '[]', 'null', '1e999').map((s) => Buffer.from(s)),
);

test('fuzz: sensor state and availability payloads never crash; what is accepted fits the contract', () => {
  fc.assert(
    fc.property(payloads, (buf) => {
      const s = parseStatePayload(buf, 2048);
      if (s.ok) assert.ok(checkState.Check(s.value), JSON.stringify(s.value));
      else assert.equal(typeof s.reason, 'string');
      const a = parseAvailability(buf);
      if (a.ok) assert.equal(typeof a.value, 'boolean');
    }),
    budget(),
  );
});

test('fuzz: every off-the-shelf format adapter reads any topic and payload without crashing', () => {
  const format = fc.record({
    type: fc.constantFrom(...SENSOR_FORMATS),
    device: fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !/[#+]/.test(s)),
    input: fc.constantFrom('', 'Switch1', 'Switch2', 'back_door'),
    openWhen: fc.constantFrom('ON' as const, 'OFF' as const),
    baseTopic: fc.constantFrom('zigbee2mqtt', 'z2m'),
  });
  fc.assert(
    fc.property(format, fc.nat(), fc.string({ maxLength: 60 }), payloads, (f, pick, noise, buf) => {
      const adapter = FORMATS[f.type];
      const own = adapter.topics(f);
      const topic = pick % 3 === 0 ? noise : (own[pick % own.length] as string);
      const r = adapter.parse(f, topic, buf);
      assert.ok(['state', 'availability', 'ignore', 'invalid'].includes(r.kind));
      if (r.kind === 'state') {
        if (r.contact !== undefined) assert.ok(r.contact === 'open' || r.contact === 'closed');
        if (r.battery !== undefined) assert.ok(r.battery >= 0 && r.battery <= 100);
      }
    }),
    budget(),
  );
});

test('fuzz: topic parsing and signature checks take any string', () => {
  const topics = new Topics('vigil', 'homeassistant');
  fc.assert(
    fc.property(fc.string({ maxLength: 120 }), fc.string({ maxLength: 40 }), sensorish, (topic, user, fields) => {
      topics.parseSensor(topic);
      const c = topics.parseCommand(topic);
      if (c?.sender) assert.deepEqual(topics.parseCommand(topics.stampSender(topic.replace(/\/by\/[^/]+$/, ''), user))?.sender, user);
      assert.equal(topics.deviceMayPublish(user, topic), topics.parseSensor(topic)?.sensorId === user);
      const r = checkSigned(Buffer.alloc(32, 1), null, user, fields as Record<string, never>);
      assert.ok(r.ok === false || typeof r.seq === 'number');
    }),
    budget(),
  );
});

test('a signature check given a non-string sig or seq (CI found `{"toString": 0}`) says unsigned, not a TypeError', () => {
  const key = Buffer.alloc(32, 1);
  for (const sig of [{ toString: 0 }, Object.create(null), [], 1, null]) {
    assert.deepEqual(checkSigned(key, null, 's', { seq: 1, sig } as unknown as Record<string, never>), { ok: false, reason: 'unsigned' });
  }
  assert.deepEqual(checkSigned(key, null, 's', { seq: '1', sig: 'a'.repeat(64) } as unknown as Record<string, never>), { ok: false, reason: 'unsigned' });
});

/** A generated packet's remaining length, read back from its header. */
function remaining(p: Buffer): number {
  let n = 0;
  for (let i = 1, mul = 1; i < 5; i++, mul *= 128) {
    const b = p[i] as number;
    n += (b & 0x7f) * mul;
    if (!(b & 0x80)) break;
  }
  return n;
}

/** Feeds `bytes` to a PacketGuard in random chunks; returns how it ended. */
async function guard(bytes: Buffer, cuts: number[], limit: number): Promise<{ passed: number; violation: string | null }> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as net.AddressInfo).port;
  const accepted = new Promise<net.Socket>((r) => server.once('connection', r));
  const client = net.connect(port, '127.0.0.1');
  client.on('error', () => {});
  const socket = await accepted;
  let violation: string | null = null;
  let passed = 0;
  const g = new PacketGuard(socket, limit, (v) => (violation = v));
  g.on('data', (c: Buffer) => (passed += c.length));
  g.on('error', () => {});
  const ended = new Promise<void>((r) => g.once('close', () => r()));
  let at = 0;
  for (const cut of [...cuts.filter((c) => c < bytes.length).sort((a, b) => a - b), bytes.length]) {
    if (cut > at) client.write(bytes.subarray(at, cut));
    at = cut;
  }
  client.end();
  await ended;
  server.close();
  return { passed, violation };
}

test('fuzz: the MQTT packet guard passes every well-formed stream under the limit and cuts at the first packet over it', async () => {
  const packet = fc.oneof(
    fc.record({ topic: fc.string({ minLength: 1, maxLength: 30 }).filter((t) => !/[#+]/.test(t)), size: fc.nat({ max: 40_000 }) }).map(({ topic, size }) =>
      mqttPacket.generate({ cmd: 'publish', topic, payload: Buffer.alloc(size, 7), qos: 0, dup: false, retain: false }),
    ),
    fc.constant(mqttPacket.generate({ cmd: 'pingreq' })),
  );
  await fc.assert(
    fc.asyncProperty(fc.array(packet, { maxLength: 6 }), fc.array(fc.nat({ max: 200_000 }), { maxLength: 8 }), fc.integer({ min: 64, max: 20_000 }), async (rest, cuts, limit) => {
      const connect = mqttPacket.generate({ cmd: 'connect', protocolId: 'MQTT', protocolVersion: 4, clean: true, clientId: 'fuzz', keepalive: 10 });
      const stream = Buffer.concat([connect, ...rest]);
      const firstOver = [connect, ...rest].findIndex((p) => remaining(p) > limit);
      const { passed, violation } = await guard(stream, cuts, limit);
      if (firstOver === -1) {
        assert.equal(violation, null);
        assert.equal(passed, stream.length);
      } else {
        assert.equal(violation, 'packet_too_large');
        const before = [connect, ...rest].slice(0, firstOver).reduce((n, p) => n + p.length, 0);
        assert.ok(passed <= before + 5, `${passed} bytes passed, the packet over the limit starts at ${before}`);
      }
    }),
    budget({ interruptAfterTimeLimit: Math.max(1000, Number(process.env.VIGIL_FUZZ_SECONDS ?? 3) * 1000) }),
  );
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 2000 }), async (junk) => {
      const { violation } = await guard(Buffer.from(junk), [], 16 * 1024);
      if ((junk[0] as number) >> 4 !== 1) assert.equal(violation, 'not_connect_first');
    }),
    budget(),
  );
});

test('fuzz: the config loader gives a Config or a ConfigError for any YAML and environment', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vigil-fuzz-'));
  const file = path.join(dir, 'vigil.yaml');
  const section = fc.constantFrom('http', 'mqtt', 'alarm', 'vision', 'notify', 'outbound', 'database', 'sensors', 'doors', 'wireguard', 'bogus');
  const value = fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom('port', 'host', 'code', 'url', 'allow', 'trustProxy', 'exitDelay', 'id', 'x'), fc.jsonValue()));
  const envKey = fc.constantFrom('VIGIL_HTTP_PORT', 'VIGIL_MQTT_URL', 'VIGIL_ALARM_CODE', 'VIGIL_HTTP_TRUST_PROXY', 'VIGIL_OUTBOUND_ALLOW', 'VIGIL_VISION_WORKERS', 'VIGIL_NOPE');
  try {
    fc.assert(
      fc.property(fc.oneof(fc.dictionary(section, value), fc.string({ maxLength: 200 })), fc.dictionary(envKey, fc.string({ maxLength: 30 })), (doc, env) => {
        writeFileSync(file, typeof doc === 'string' ? doc : YAML.stringify(doc));
        try {
          const c = loadConfig({ file, dataDir: dir, env });
          assert.equal(typeof c.http.port, 'number');
          new OutboundPolicy(c.outbound.allow);
        } catch (err) {
          if (!(err instanceof ConfigError) && !(err instanceof Error && /not an address or CIDR range/.test(err.message))) throw err;
        }
      }),
      budget(),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('fuzz: the outbound policy never lets a loopback, link-local or metadata address through however it is written', () => {
  const policy = new OutboundPolicy('');
  const v4 = fc.tuple(fc.nat({ max: 255 }), fc.nat({ max: 255 }), fc.nat({ max: 255 }));
  fc.assert(
    fc.property(v4, fc.boolean(), ([a, b, c], mapped) => {
      const loop = `127.${a}.${b}.${c}`;
      const link = `169.254.${a}.${b}`;
      for (const addr of [loop, link]) assert.notEqual(policy.refuse(mapped ? `::ffff:${addr}` : addr), null, addr);
      assert.equal(policy.refuse(`192.168.${a}.${b}`), null);
    }),
    budget(),
  );
});
