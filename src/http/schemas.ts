import Type from 'typebox';
import { EVENT_TYPES, type LoggedEvent } from '../core/events.ts';
import { EVENT_DETAILS } from '../core/eventDetails.ts';
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

/** A logged event: one shape per type, its details as core/eventDetails.ts says (the panel's types come from here). */
export const EventSchema = Type.Unsafe<LoggedEvent>(
  Type.Union(
    EVENT_TYPES.map((type) =>
      Type.Object(
        {
          seq: Type.Integer(),
          time: Type.Integer({ description: 'ms since the epoch' }),
          type: Type.Literal(type),
          doorId: Type.Union([Type.String(), Type.Null()]),
          sensorId: Type.Union([Type.String(), Type.Null()]),
          personId: Type.Union([Type.String(), Type.Null()]),
          details: EVENT_DETAILS[type],
          prevHash: Type.String(),
          hash: Type.String(),
        },
        { title: `${type}Event` },
      ),
    ),
  ),
);

export const AlarmSchema = Type.Object({
  state: Type.Enum(ALARM_STATES),
  mode: Type.Union([Type.Literal('home'), Type.Literal('away'), Type.Null()]),
  deadline: Type.Union([Type.Integer(), Type.Null()]),
  triggeredBy: Type.Union([Type.String(), Type.Null()]),
  since: Type.Integer(),
  codeRequired: Type.Object({ arm: Type.Boolean(), disarm: Type.Boolean() }, { description: 'which commands need the alarm code' }),
});
