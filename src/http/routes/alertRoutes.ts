import type { FastifyPluginAsync } from 'fastify';
import { Conflict, NotFound } from '../../core/errors.ts';
import Type from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { EventLog } from '../../store/eventLog.ts';
import { isAlert, type LoggedEvent, type NewEvent } from '../../core/events.ts';
import { acknowledgement, foldIncidents, INCIDENT_EVENT_TYPES, openAlerts, type Incident } from '../../core/incidents.ts';
import { ErrorReply, EventSchema } from '../schemas.ts';
import { requireUser } from '../auth.ts';

export interface AlertRouteDeps {
  log: EventLog;
  record(e: NewEvent): Promise<LoggedEvent>;
  /** How far back open alerts are looked for, ms. */
  lookbackMs?: number;
}

const DAY = 24 * 3600 * 1000;

const IncidentSchema = Type.Object({
  id: Type.Integer({ description: 'sequence number of its first event' }),
  kind: Type.Enum(['alarm', 'duress', 'door', 'sensor', 'camera']),
  severity: Type.Enum(['critical', 'warning', 'info', 'ok']),
  headline: EventSchema,
  events: Type.Array(EventSchema, { description: 'oldest first, the event that ended it included' }),
  alerts: Type.Array(Type.Integer()),
  startedAt: Type.Integer(),
  updatedAt: Type.Integer(),
  resolvedBy: Type.Union([EventSchema, Type.Null()]),
  acknowledged: Type.Union([Type.Object({ by: Type.String(), at: Type.Integer(), seq: Type.Integer() }), Type.Null()]),
  open: Type.Boolean({ description: 'still needs someone to look at it' }),
});

export const alertRoutes: FastifyPluginAsync<AlertRouteDeps> = async (app, d) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const lookback = d.lookbackMs ?? 7 * DAY;

  const recent = async () => {
    const out: LoggedEvent[] = [];
    for await (const e of d.log.iterate({ types: [...INCIDENT_EVENT_TYPES], from: Date.now() - lookback })) out.push(e);
    return out;
  };

  const acknowledge = async (user: string, incident: Incident | undefined, missing: string) => {
    if (!incident) throw new NotFound(missing);
    if (!incident.open) throw new Conflict(incident.acknowledged ? `already acknowledged by ${incident.acknowledged.by}` : 'it closed by itself');
    return d.record(acknowledgement(incident, user));
  };

  r.get(
    '/api/incidents',
    {
      config: { access: 'viewer' },
      schema: { tags: ['alerts'], summary: 'Incidents of the last 7 days (related alerts folded together), newest first', response: { 200: Type.Array(IncidentSchema) } },
    },
    async () => foldIncidents(await recent()),
  );

  r.post(
    '/api/incidents/:id/ack',
    {
      config: { access: 'operator', audit: 'none' },
      schema: {
        tags: ['alerts'],
        summary: 'Acknowledge an incident with all its alerts (logged once as AlertAcknowledged with who)',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        response: { 200: EventSchema, 404: ErrorReply, 409: ErrorReply },
      },
    },
    async (req) => {
      const incident = foldIncidents(await recent()).find((i) => i.id === req.params.id);
      return acknowledge(requireUser(req).username, incident, 'no such incident');
    },
  );

  r.get(
    '/api/alerts',
    { config: { access: 'viewer' }, schema: { tags: ['alerts'], summary: 'Alert events of the open incidents of the last 7 days, newest first', response: { 200: Type.Array(EventSchema) } } },
    async () => openAlerts(await recent()),
  );

  r.post(
    '/api/alerts/:seq/ack',
    {
      config: { access: 'operator', audit: 'none' },
      schema: {
        tags: ['alerts'],
        summary: 'Acknowledge the incident this alert belongs to (logged as AlertAcknowledged with who)',
        params: Type.Object({ seq: Type.Integer({ minimum: 1 }) }),
        response: { 200: EventSchema, 404: ErrorReply, 409: ErrorReply },
      },
    },
    async (req) => {
      const [alert] = await d.log.after(req.params.seq - 1, 1);
      const known = alert?.seq === req.params.seq && isAlert(alert.type);
      const incident = known ? foldIncidents(await recent()).find((i) => i.alerts.includes(req.params.seq)) : undefined;
      return acknowledge(requireUser(req).username, incident, 'no such alert');
    },
  );
};
