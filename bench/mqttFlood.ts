// Unauthenticated MQTT flood: 8 raw sockets each announce a 250 MB PUBLISH without CONNECT and
// stream zeros. Baseline: a bare aedes broker (what Vigil ran before the packet guard) taking 32 MB
// a socket. Vigil's broker: the same sockets. RSS growth and how long until every socket is cut.
import net from 'node:net';
import { Aedes } from 'aedes';
import pino from 'pino';
import { heading, row } from './lib.ts';
import { startBroker } from '../src/mqtt/broker.ts';
import { Topics } from '../src/mqtt/topics.ts';
import { Diagnostics } from '../src/core/diagnostics.ts';

const SOCKETS = 8;
const STREAM_BYTES = 32 * 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});

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

async function flood(port: number): Promise<{ mb: number; ms: number; sent: number }> {
  gc();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  let sent = 0;
  const head = Buffer.concat([Buffer.from([0x30]), remainingLength(250 * 1024 * 1024)]);
  const chunk = Buffer.alloc(64 * 1024);
  await Promise.all(
    Array.from({ length: SOCKETS }, () => {
      const s = net.connect(port, '127.0.0.1');
      s.on('error', () => {});
      let mine = 0;
      return new Promise<void>((resolve) => {
        s.once('close', () => resolve());
        s.once('connect', () => {
          s.write(head);
          const pump = () => {
            while (!s.destroyed && mine < STREAM_BYTES) {
              mine += chunk.length;
              sent += chunk.length;
              if (!s.write(chunk)) return void s.once('drain', pump);
            }
            if (mine >= STREAM_BYTES) setTimeout(() => s.destroy(), 500);
          };
          pump();
        });
      });
    }),
  );
  const ms = performance.now() - t0;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { mb: (peak - before) / 1024 / 1024, ms, sent };
}

const log = pino({ level: 'silent' });
heading(`MQTT flood before login: ${SOCKETS} sockets announcing 250 MB each, up to ${STREAM_BYTES / 1024 / 1024} MB streamed a socket`);

const broker = await startBroker({
  host: '127.0.0.1',
  port: 0,
  tlsCert: '',
  tlsKey: '',
  maxPayloadBytes: 2048,
  maxConnectionsPerAddress: 32,
  topics: new Topics('vigil', 'homeassistant'),
  internal: { username: 'internal', password: 'x'.repeat(32) },
  verifyLogin: async () => null,
  log,
  diagnostics: new Diagnostics(),
});
const guarded = await flood(broker.port);
await broker.close();

const bare = await Aedes.createBroker();
const server = net.createServer((s) => bare.handle(s));
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const unguarded = await flood((server.address() as net.AddressInfo).port);
await new Promise<void>((r) => bare.close(() => server.close(() => r())));

row('', 'RSS peak +MB', 'bytes sent', 'all cut in');
row('baseline: bare aedes, no guard', unguarded.mb.toFixed(1), `${(unguarded.sent / 1024 / 1024).toFixed(0)} MB`, `${unguarded.ms.toFixed(0)} ms`);
row("Vigil's broker (packet guard)", guarded.mb.toFixed(1), `${(guarded.sent / 1024 / 1024).toFixed(1)} MB`, `${guarded.ms.toFixed(0)} ms`);
process.exit(0);
