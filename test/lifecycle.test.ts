import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, connect, type Server } from 'node:net';
import { Bus } from '../src/core/bus.ts';
import { Lifecycle, type Module } from '../src/lifecycle.ts';
import { startVigil } from '../src/app.ts';
import { freePort, silentLog, testConfig, tmpDir } from './helpers.ts';

const listening = (server: Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
const refused = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(false)));
    s.once('error', () => resolve(true));
  });

test('a module that throws half way through start leaves nothing running, and stopping undoes the others newest first', async () => {
  const bus = new Bus();
  const order: string[] = [];
  const heard: string[] = [];
  let ticks = 0;
  const errors: string[] = [];
  const life = new Lifecycle((_err, what) => errors.push(what));

  const first: Module<{ bus: Bus }, { port: number }> = {
    name: 'first',
    async start({ bus }, scope) {
      const server = createServer((s) => s.end());
      scope.defer('server', () => new Promise<void>((r) => server.close(() => (order.push('first: server'), r()))));
      scope.listen(bus, 'alarm.changed', () => heard.push('first'));
      scope.serve(firstRoutes);
      return { port: await listening(server) };
    },
  };
  const broken: Module<{ bus: Bus }, void> = {
    name: 'broken',
    async start({ bus }, scope) {
      const server = createServer((s) => s.end());
      scope.defer('server', () => new Promise<void>((r) => server.close(() => (order.push('broken: server'), r()))));
      await listening(server);
      scope.listen(bus, 'alarm.changed', () => heard.push('broken'));
      scope.every('tick', 10, () => ticks++);
      scope.defer('a failing undo', () => {
        throw new Error('undo failed');
      });
      scope.defer('last', () => void order.push('broken: last'));
      scope.serve(async () => {});
      brokenPort = (server.address() as { port: number }).port;
      throw new Error('start failed half way');
    },
  };
  let brokenPort = 0;
  const firstRoutes = async () => {};

  const { port } = await life.start(first, { bus });
  await assert.rejects(life.start(broken, { bus }), /half way/);
  assert.deepEqual(order, ['broken: last', 'broken: server'], 'undone newest first, past a failing undo');
  assert.deepEqual(errors, ['broken: a failing undo']);
  assert.ok(await refused(brokenPort), "the failed module's server is closed");
  const ticksAfter = ticks;
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(ticks, ticksAfter, 'its timer is cleared');
  bus.emit('alarm.changed', {} as never);
  assert.deepEqual(heard, ['first'], 'its bus listener is gone; the earlier module still runs');
  assert.equal(await refused(port), false);
  assert.deepEqual(life.routes(), [firstRoutes], 'only a started module serves its routes');

  await life.stop();
  assert.ok(await refused(port));
  bus.emit('alarm.changed', {} as never);
  assert.deepEqual(heard, ['first']);
  assert.deepEqual(order, ['broken: last', 'broken: server', 'first: server']);
});

test('Vigil failing at its last module (the web port is taken) stops every module it had started: the broker port is free again', async (t) => {
  const tmp = tmpDir();
  t.after(() => tmp.cleanup());
  const taken = createServer();
  const httpPort = await listening(taken);
  const mqttPort = await freePort();
  const config = testConfig(tmp.dir, {}, { VIGIL_HTTP_PORT: String(httpPort), VIGIL_MQTT_PORT: String(mqttPort) });
  await assert.rejects(startVigil(config, silentLog()), /already in use/);
  assert.ok(await refused(mqttPort), 'the built-in broker was closed');
  await new Promise<void>((r) => taken.close(() => r()));
  const again = await startVigil(config, silentLog());
  await again.stop();
});
