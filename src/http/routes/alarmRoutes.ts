import type { FastifyPluginAsync } from 'fastify';
import { Conflict, Forbidden, TooManyRequests } from '../../core/errors.ts';
import Type from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ALARM_ACTIONS, type AlarmService } from '../../alarm/alarmService.ts';
import { AlarmSchema, ErrorReply } from '../schemas.ts';
import { requireUser } from '../auth.ts';

export const alarmRoutes: FastifyPluginAsync<{ alarm: AlarmService }> = async (app, d) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/alarm',
    { config: { access: 'viewer' }, schema: { tags: ['alarm'], summary: 'Current alarm state', response: { 200: AlarmSchema } } },
    async () => ({ ...d.alarm.state, codeRequired: d.alarm.codeRequired }),
  );

  r.post(
    '/api/alarm',
    {
      config: { access: 'operator', audit: 'none' },
      schema: {
        tags: ['alarm'],
        summary: 'Arm or disarm (Home Assistant vocabulary)',
        body: Type.Object(
          { action: Type.Enum(ALARM_ACTIONS), code: Type.Optional(Type.String({ maxLength: 32 })) },
          { additionalProperties: false },
        ),
        response: { 200: AlarmSchema, 403: ErrorReply, 409: ErrorReply, 429: ErrorReply },
      },
    },
    async (req) => {
      const result = d.alarm.command(req.body.action, req.body.code, `http:${requireUser(req).username}`);
      if (result.ok) return { ...result.alarm, codeRequired: d.alarm.codeRequired };
      if (result.reason === 'invalid_code') throw new Forbidden('wrong alarm code');
      if (result.reason === 'locked_out') throw new TooManyRequests('too many wrong codes: try again later');
      throw new Conflict(result.reason);
    },
  );
};
