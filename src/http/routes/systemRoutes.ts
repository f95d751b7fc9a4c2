import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Registry, Gauge, collectDefaultMetrics } from 'prom-client';
import type { Diagnostics } from '../../core/diagnostics.ts';
import { ALARM_STATES } from '../../core/alarm.ts';
import type { AlarmService } from '../../alarm/alarmService.ts';
import type { SensorService } from '../../alarm/sensorService.ts';

export interface SystemRouteDeps {
  diagnostics: Diagnostics;
  alarm: AlarmService;
  sensors: SensorService;
  streams: Set<unknown>;
  mqttConnected: () => boolean;
  databaseOk: () => Promise<boolean>;
  startedAt: number;
}

export const systemRoutes: FastifyPluginAsync<SystemRouteDeps> = async (app, d) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  // Health tells a monitor whether Vigil works, and nothing a burglar would like (no alarm state).
  r.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: 'Liveness and readiness; no sign-in needed',
        response: {
          200: Type.Object({
            status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
            role: Type.Literal('active', { description: "this process runs the hub; a standby hub (hub.standby) answers 'standby' and the active hub's URL" }),
            uptimeSeconds: Type.Number(),
            database: Type.Boolean(),
            mqtt: Type.Boolean(),
            counters: Type.Record(Type.String(), Type.Number()),
          }),
        },
      },
    },
    async () => {
      const database = await d.databaseOk();
      const mqtt = d.mqttConnected();
      return {
        status: database && mqtt ? ('ok' as const) : ('degraded' as const),
        role: 'active' as const,
        uptimeSeconds: (Date.now() - d.startedAt) / 1000,
        database,
        mqtt,
        counters: d.diagnostics.snapshot(),
      };
    },
  );

  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'vigil_' });
  new Gauge({
    name: 'vigil_alarm_state',
    help: '1 for the current alarm state',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      for (const s of ALARM_STATES) this.set({ state: s }, d.alarm.state.state === s ? 1 : 0);
    },
  });
  new Gauge({
    name: 'vigil_sensors',
    help: 'Sensors by online status',
    labelNames: ['online'],
    registers: [registry],
    collect() {
      const list = d.sensors.list();
      this.set({ online: 'true' }, list.filter((s) => s.state.online === true).length);
      this.set({ online: 'false' }, list.filter((s) => s.state.online === false).length);
      this.set({ online: 'unknown' }, list.filter((s) => s.state.online === null).length);
    },
  });
  new Gauge({
    name: 'vigil_event_stream_clients',
    help: 'Open server-sent event streams',
    registers: [registry],
    collect() {
      this.set(d.streams.size);
    },
  });
  new Gauge({
    name: 'vigil_mqtt_connected',
    help: '1 while Vigil is connected to its MQTT broker',
    registers: [registry],
    collect() {
      this.set(d.mqttConnected() ? 1 : 0);
    },
  });
  new Gauge({
    name: 'vigil_diagnostics_total',
    help: 'Counters of rejected inputs, reconnects and the like',
    labelNames: ['name'],
    registers: [registry],
    collect() {
      for (const [name, value] of Object.entries(d.diagnostics.snapshot())) this.set({ name }, value);
    },
  });

  r.get(
    '/api/metrics',
    { config: { access: 'viewer', metricsToken: true }, schema: { tags: ['system'], summary: 'Prometheus text format', produces: ['text/plain'] } },
    async (_req, reply) => {
      reply.header('content-type', registry.contentType);
      return registry.metrics();
    },
  );
};
