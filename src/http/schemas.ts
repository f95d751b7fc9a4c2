import Type from 'typebox';
import { EVENT_TYPES } from '../core/events.ts';
import { ALARM_STATES } from '../core/alarm.ts';
import { ROLES } from '../store/users.ts';

export const ErrorReply = Type.Object({ statusCode: Type.Integer(), error: Type.String(), message: Type.String() });

export const UserSchema = Type.Object({
  id: Type.String(),
  username: Type.String(),
  role: Type.Enum(ROLES),
  createdAt: Type.Integer(),
});

export const EventTypeSchema = Type.Enum(EVENT_TYPES);

export const EventSchema = Type.Object({
  seq: Type.Integer(),
  time: Type.Integer({ description: 'ms since the epoch' }),
  type: EventTypeSchema,
  doorId: Type.Union([Type.String(), Type.Null()]),
  sensorId: Type.Union([Type.String(), Type.Null()]),
  personId: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()])),
  prevHash: Type.String(),
  hash: Type.String(),
});

export const AlarmSchema = Type.Object({
  state: Type.Enum(ALARM_STATES),
  mode: Type.Union([Type.Literal('home'), Type.Literal('away'), Type.Null()]),
  deadline: Type.Union([Type.Integer(), Type.Null()]),
  triggeredBy: Type.Union([Type.String(), Type.Null()]),
  since: Type.Integer(),
  codeRequired: Type.Object({ arm: Type.Boolean(), disarm: Type.Boolean() }, { description: 'which commands need the alarm code' }),
});
