// Sensor publish -> the Web Push request arriving at a local push service, beside the same
// event's arrival on an SSE client in the same run: what the notification path (routing, outbox
// commit, encryption, HTTPS) adds on top of logging and streaming the event.
import mqtt from 'mqtt';
import { performance } from 'node:perf_hooks';
import { internalMqtt } from '../src/app.ts';
import { openSse, startTestVigil, tmpDir, type TestEvent } from '../test/helpers.ts';
import { startLocalPush } from '../test/localPush.ts';
import { compare, heading, row } from './lib.ts';

async function main(runs = Number(process.env.BENCH_PUSH ?? 500)): Promise<void> {
  heading(`Push path: sensor publish -> Web Push request at the push service (${runs} alerts)`);
  const tmp = tmpDir();
  const push = await startLocalPush(tmp.dir);
  const v = await startTestVigil({ env: { VIGIL_ALARM_EXIT_DELAY: '0', VIGIL_ALARM_TRIGGER_DURATION: '0' }, file: { sensors: [{ id: 'bench', name: 'Bench window', entryDelay: 0, signed: false }] } });
  try {
    const admin = await v.client();
    const types = ['SensorOpened'];
    await admin.json('POST', '/api/notify/channels', { name: 'phones', type: 'webpush', settings: {}, rules: { types, urgent: types } });
    const { publicKey } = await admin.json<{ publicKey: string }>('GET', '/api/push/key');
    const sub = await push.subscribe(publicKey);
    await admin.json('POST', '/api/push/subscriptions', { endpoint: sub.endpoint, keys: sub.keys });
    let arrived: (() => void) | null = null;
    push.onArrival(() => arrived?.());

    const { username, password } = internalMqtt(v.config);
    const device = await mqtt.connectAsync(v.vigil.mqttUrl, { username, password, reconnectPeriod: 0 });
    const sse = await openSse(`${v.base}/api/events/stream`, { cookie: admin.cookie });
    const onSse: number[] = [];
    const onPush: number[] = [];
    for (let i = 0; i < runs + 20; i++) {
      device.publish('vigil/sensor/bench/state', '{"contact":"closed"}', { qos: 0 });
      await sse.next<TestEvent>((e) => e.type === 'SensorClosed');
      const pushed = new Promise<number>((r) => (arrived = () => r(performance.now())));
      const t0 = performance.now();
      device.publish('vigil/sensor/bench/state', '{"contact":"open"}', { qos: 0 });
      await sse.next<TestEvent>((e) => e.type === 'SensorOpened');
      const t1 = performance.now();
      const t2 = await pushed;
      arrived = null;
      if (i >= 20) {
        onSse.push(t1 - t0);
        onPush.push(t2 - t0);
      }
    }
    sse.close();
    await device.endAsync();
    compare({ label: 'publish -> event on SSE (baseline)', samples: onSse }, { label: 'publish -> push request at the service', samples: onPush }, 'push adds (target < 50 ms at p99)');
    const delivered = (await push.messages(sub.clientHash)).length;
    row('messages the service accepted', String(delivered));
  } finally {
    await v.stop();
    await push.close();
    tmp.cleanup();
  }
}

await main();
