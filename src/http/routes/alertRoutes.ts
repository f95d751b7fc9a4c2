import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { AlertService } from '../../alarm/alertService.ts';
import { ErrorReply, EventSchema } from '../schemas.ts';
import { requireUser } from '../auth.ts';

export interface AlertRouteDeps {
  alerts: AlertService;
}

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

  r.get(
    '/api/incidents',
    {
      config: { access: 'viewer' },
      schema: { tags: ['alerts'], summary: 'Incidents of the last 7 days (related alerts folded together), newest first', response: { 200: Type.Array(IncidentSchema) } },
    },
    async () => d.alerts.incidents(),
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
    async (req) => d.alerts.acknowledgeIncident(req.params.id, requireUser(req).username),
  );

  r.get(
    '/api/alerts',
    { config: { access: 'viewer' }, schema: { tags: ['alerts'], summary: 'Alert events of the open incidents of the last 7 days, newest first', response: { 200: Type.Array(EventSchema) } } },
    async () => d.alerts.openAlerts(),
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
    async (req) => d.alerts.acknowledgeAlert(req.params.seq, requireUser(req).username),
  );
};
