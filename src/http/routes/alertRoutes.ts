import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { EventLog } from '../../store/eventLog.ts';
import { ALERT_TYPES, isAlert, openAlerts, type LoggedEvent, type NewEvent } from '../../core/events.ts';
import { ErrorReply, EventSchema } from '../schemas.ts';
import { requireUser } from '../auth.ts';

export interface AlertRouteDeps {
  log: EventLog;
  record(e: NewEvent): Promise<LoggedEvent>;
  /** How far back open alerts are looked for, ms. */
  lookbackMs?: number;
}

const DAY = 24 * 3600 * 1000;

export const alertRoutes: FastifyPluginAsync<AlertRouteDeps> = async (app, d) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const lookback = d.lookbackMs ?? 7 * DAY;

  const recent = async () => {
    const out: LoggedEvent[] = [];
    for await (const e of d.log.iterate({ types: [...ALERT_TYPES, 'AlertAcknowledged'], from: Date.now() - lookback })) out.push(e);
    return out;
  };

  r.get(
    '/api/alerts',
    { config: { access: 'viewer' }, schema: { tags: ['alerts'], summary: 'Alerts of the last 7 days nobody has acknowledged, newest first', response: { 200: Type.Array(EventSchema) } } },
    async () => openAlerts(await recent()),
  );

  r.post(
    '/api/alerts/:seq/ack',
    {
      config: { access: 'operator', audit: 'none' },
      schema: {
        tags: ['alerts'],
        summary: 'Acknowledge an alert (logged as AlertAcknowledged with who)',
        params: Type.Object({ seq: Type.Integer({ minimum: 1 }) }),
        response: { 200: EventSchema, 404: ErrorReply, 409: ErrorReply },
      },
    },
    async (req, reply) => {
      const [alert] = await d.log.after(req.params.seq - 1, 1);
      if (!alert || alert.seq !== req.params.seq || !isAlert(alert.type)) return reply.code(404).send({ statusCode: 404, error: 'Not Found', message: 'no such alert' });
      if (!openAlerts(await recent()).some((e) => e.seq === alert.seq)) return reply.code(409).send({ statusCode: 409, error: 'Conflict', message: 'already acknowledged' });
      return d.record({ type: 'AlertAcknowledged', doorId: alert.doorId, sensorId: alert.sensorId, details: { alert: alert.seq, alertType: alert.type, by: requireUser(req).username } });
    },
  );
};
