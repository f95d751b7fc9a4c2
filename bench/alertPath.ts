// Sensor publish -> Intrusion event on an SSE client, beside a bare broker publish -> subscribe
// round trip on the same broker, interleaved one by one so both see the same machine load.
import mqtt from 'mqtt';
import { performance } from 'node:perf_hooks';
import { internalMqtt } from '../src/app.ts';
import { openSse, SignedSensor, startTestVigil, type TestEvent } from '../test/helpers.ts';
import { compare, heading } from './lib.ts';

export async function benchAlertPath(runs = Number(process.env.BENCH_ALERTS ?? 1000)): Promise<void> {
  heading(`Alert path: sensor publish -> Intrusion on SSE (${runs} events)`);
  const v = await startTestVigil({ env: { VIGIL_ALARM_EXIT_DELAY: '0', VIGIL_ALARM_TRIGGER_DURATION: '0' }, file: { sensors: [{ id: 'bench', name: 'Bench window', entryDelay: 0 }] } });
  try {
    const admin = await v.client();
    await admin.json('POST', '/api/alarm', { action: 'ARM_AWAY' });
    const { username, password } = internalMqtt(v.config);
    const opts = { username, password, reconnectPeriod: 0 };
    const device = await mqtt.connectAsync(v.vigil.mqttUrl, opts);
    const probe = await mqtt.connectAsync(v.vigil.mqttUrl, opts);
    await probe.subscribeAsync('bench/echo', { qos: 0 });
    let echo: (() => void) | null = null;
    probe.on('message', () => echo?.());
    const sse = await openSse(`${v.base}/api/events/stream`, { cookie: admin.cookie });
    // Signed like the firmware's messages (the default), so verification is in the figure.
    const key = v.vigil.sensors.signing('bench')?.key;
    if (!key) throw new Error('the bench sensor should be signed');
    const sensor = new SignedSensor(key, 'bench');

    const bare: number[] = [];
    const vigil: number[] = [];
    for (let i = 0; i < runs + 20; i++) {
      const t0 = performance.now();
      await new Promise<void>((r) => {
        echo = r;
        probe.publish('bench/echo', 'x', { qos: 0 });
      });
      const rtt = performance.now() - t0;

      device.publish('vigil/sensor/bench/state', sensor.message({ contact: 'closed' }), { qos: 0 });
      await sse.next<TestEvent>((e) => e.type === 'SensorClosed');
      const open = sensor.message({ contact: 'open' });
      const t1 = performance.now();
      device.publish('vigil/sensor/bench/state', open, { qos: 0 });
      await sse.next<TestEvent>((e) => e.type === 'Intrusion');
      const alert = performance.now() - t1;
      // The first few warm up JIT and caches.
      if (i >= 20) {
        bare.push(rtt);
        vigil.push(alert);
      }
    }
    sse.close();
    await device.endAsync();
    await probe.endAsync();
    compare({ label: 'bare broker publish -> subscriber (baseline)', samples: bare }, { label: 'sensor publish -> Intrusion on SSE (Vigil)', samples: vigil }, 'Vigil adds (target < 5 ms at p99)');
  } finally {
    await v.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchAlertPath();
  process.exit(0);
}
