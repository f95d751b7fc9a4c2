// 2,000 sensor messages a second for a minute: every message accepted, every event logged, RSS
// flat. The baseline is the same stream through the bare broker to a plain subscriber.
import mqtt from 'mqtt';
import { performance } from 'node:perf_hooks';
import { internalMqtt } from '../src/app.ts';
import { SignedSensor, startTestVigil } from '../test/helpers.ts';
import { heading, row, sleep } from './lib.ts';

const SENSORS = 100;

export async function benchSustained(seconds = Number(process.env.BENCH_SECONDS ?? 60), rate = Number(process.env.BENCH_RATE ?? 2000)): Promise<void> {
  heading(`Sustained load: ${rate} sensor messages/s for ${seconds} s (${SENSORS} sensors, every message a state change)`);
  const sensors = Array.from({ length: SENSORS }, (_, i) => ({ id: `s${i}`, name: `Sensor ${i}` }));
  const v = await startTestVigil({ file: { sensors } });
  try {
    const { username, password } = internalMqtt(v.config);
    const device = await mqtt.connectAsync(v.vigil.mqttUrl, { username, password, reconnectPeriod: 0 });
    const counter = await mqtt.connectAsync(v.vigil.mqttUrl, { username, password, reconnectPeriod: 0 });
    let bareReceived = 0;
    counter.on('message', () => bareReceived++);
    await counter.subscribeAsync('vigil/sensor/+/state', { qos: 1 });

    const headBefore = await v.vigil.eventLog.headSeq();
    const acceptedBefore = v.vigil.diagnostics.get('mqtt_accepted');
    const rss: number[] = [];
    const heap: number[] = [];
    let lastSample = 0;
    const contact = new Array<boolean>(SENSORS).fill(false);
    const signers = sensors.map((s) => {
      const key = v.vigil.sensors.signing(s.id)?.key;
      if (!key) throw new Error('bench sensors should be signed');
      return new SignedSensor(key, s.id);
    });
    let sent = 0;
    const start = performance.now();
    const tickMs = 10;
    while (performance.now() - start < seconds * 1000) {
      const due = Math.floor(((performance.now() - start) / 1000) * rate);
      while (sent < due) {
        const i = sent % SENSORS;
        contact[i] = !contact[i];
        device.publish(`vigil/sensor/s${i}/state`, signers[i]?.message({ contact: contact[i] ? 'open' : 'closed' }) ?? '', { qos: 1 });
        sent++;
      }
      if (sent - lastSample >= rate * 5) {
        lastSample = sent;
        // Collected first, so the figure is memory still held, not garbage not yet swept.
        globalThis.gc?.();
        rss.push(process.memoryUsage().rss);
        heap.push(process.memoryUsage().heapUsed);
      }
      await sleep(tickMs);
    }
    const elapsed = (performance.now() - start) / 1000;
    // Let the last messages land.
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline && ((await v.vigil.eventLog.headSeq()) - headBefore < sent || bareReceived < sent)) await sleep(100);
    await v.vigil.eventLog.drain();
    const accepted = v.vigil.diagnostics.get('mqtt_accepted') - acceptedBefore;
    const logged = (await v.vigil.eventLog.headSeq()) - headBefore;
    const verify = await v.vigil.eventLog.verify();
    await device.endAsync();
    await counter.endAsync();

    const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`;
    row('', 'sent', 'received', 'lost');
    row('bare broker -> subscriber (baseline)', String(sent), String(bareReceived), String(sent - bareReceived));
    row('Vigil: messages accepted', String(sent), String(accepted), String(sent - accepted));
    row('Vigil: events logged', String(sent), String(logged), String(sent - logged));
    row('achieved rate', `${(sent / elapsed).toFixed(0)}/s`);
    row('chain verifies after the run', verify.ok ? 'yes' : 'NO');
    const q = (a: number[]) => Math.max(1, Math.floor(a.length / 4));
    const avg = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
    row('', 'first 5 s', 'max', 'last 5 s');
    row('RSS after GC (Vigil + load generator)', mb(rss[0] ?? 0), mb(Math.max(...rss)), mb(rss.at(-1) ?? 0));
    row('JS heap after GC', mb(heap[0] ?? 0), mb(Math.max(...heap)), mb(heap.at(-1) ?? 0));
    row('heap: first quarter avg -> last quarter avg', mb(avg(heap.slice(0, q(heap)))), mb(avg(heap.slice(-q(heap)))));
  } finally {
    await v.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchSustained();
  process.exit(0);
}
