// Which alerts a notification channel gets, and when: pure, so that quiet hours, grouping, rate
// limits and once-a-day rules can be tested at every edge without a clock or a database.
import Type, { type Static } from 'typebox';
import { EVENT_TYPES, type EventType } from './events.ts';

const Time = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$' });

export const ChannelRulesSchema = Type.Object(
  {
    /** Event types this channel is told of. */
    types: Type.Array(Type.Enum(EVENT_TYPES), { minItems: 1, uniqueItems: true }),
    /** Only events about these people (e.g. the children's entries); empty = about anyone. */
    people: Type.Array(Type.String({ maxLength: 64 }), { maxItems: 256, default: [] }),
    /** Outside urgent types, messages in this window wait for its end and go as one summary. */
    quietHours: Type.Optional(Type.Object({ from: Time, to: Time }, { additionalProperties: false })),
    /** Sent at once, whatever the quiet hours, grouping or rate limit say. */
    urgent: Type.Array(Type.Enum(EVENT_TYPES), { default: ['Intrusion', 'AlarmTriggered', 'DuressAlarm', 'DoorForced'], uniqueItems: true }),
    /** Non-urgent events within this many seconds go as one message; 0 = each on its own. */
    groupSeconds: Type.Integer({ minimum: 0, maximum: 3600, default: 0 }),
    /** More messages than this in a minute are held and summed up; urgent ones always go. */
    maxPerMinute: Type.Integer({ minimum: 1, maximum: 600, default: 10 }),
    /** These types go at most once a day for the same sensor, door or person. */
    oncePerDay: Type.Array(Type.Enum(EVENT_TYPES), { default: ['SensorBatteryLow'], uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type ChannelRules = Static<typeof ChannelRulesSchema>;

export interface RoutedEvent {
  type: EventType;
  time: number;
  personId: string | null;
  sensorId: string | null;
  doorId: string | null;
}

/** What the router knows of the channel's recent past (read from the outbox). */
export interface ChannelHistory {
  /** Messages created for the channel in the last minute. */
  lastMinute: number;
  /** When the same once-a-day key last went out, if it did. */
  lastSameKey: number | null;
}

export type Decision =
  | { kind: 'skip'; why: 'type' | 'person' | 'once_per_day' }
  | { kind: 'now' }
  /** Join (or open) the channel's group that goes out at `dueAt`. */
  | { kind: 'group'; dueAt: number; why: 'quiet_hours' | 'grouping' | 'rate_limit' };

const DAY = 86_400_000;
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The key that makes "the same thing again" for once-a-day rules. */
export function dedupeKey(e: RoutedEvent): string {
  return `${e.type}:${e.sensorId ?? e.doorId ?? e.personId ?? ''}`;
}

/** If `at` (local time) falls in the quiet hours, when they end; else null. */
export function quietUntil(quiet: ChannelRules['quietHours'] | undefined, at: number): number | null {
  if (!quiet) return null;
  const d = new Date(at);
  const now = d.getHours() * 60 + d.getMinutes();
  const from = minutes(quiet.from), to = minutes(quiet.to);
  const inside = from < to ? now >= from && now < to : now >= from || now < to;
  if (!inside) return null;
  const end = new Date(d);
  end.setHours(Math.floor(to / 60), to % 60, 0, 0);
  if (end.getTime() <= at) end.setDate(end.getDate() + 1);
  return end.getTime();
}

export function decide(e: RoutedEvent, rules: ChannelRules, history: ChannelHistory, now: number): Decision {
  if (!rules.types.includes(e.type)) return { kind: 'skip', why: 'type' };
  if (rules.people.length && (!e.personId || !rules.people.includes(e.personId))) return { kind: 'skip', why: 'person' };
  if (rules.oncePerDay.includes(e.type) && history.lastSameKey !== null && now - history.lastSameKey < DAY) return { kind: 'skip', why: 'once_per_day' };
  if (rules.urgent.includes(e.type)) return { kind: 'now' };
  const quiet = quietUntil(rules.quietHours, now);
  if (quiet !== null) return { kind: 'group', dueAt: quiet, why: 'quiet_hours' };
  if (history.lastMinute >= rules.maxPerMinute) return { kind: 'group', dueAt: now + 60_000, why: 'rate_limit' };
  if (rules.groupSeconds > 0) return { kind: 'group', dueAt: now + rules.groupSeconds * 1000, why: 'grouping' };
  return { kind: 'now' };
}
