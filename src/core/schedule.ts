// When and where a person may enter: pure, so the terminal and the panel agree and tests can cover
// every edge (midnight, the last minute of a window, a window that spans midnight).
import Type, { type Static } from 'typebox';

const Time = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM, local time' });

export const ScheduleRuleSchema = Type.Object(
  {
    /** 0 = Sunday ... 6 = Saturday, as Date.getDay(). */
    days: Type.Array(Type.Integer({ minimum: 0, maximum: 6 }), { minItems: 1, maxItems: 7, uniqueItems: true }),
    from: Time,
    /** Exclusive; a `to` at or before `from` runs past midnight into the next day. */
    to: Time,
  },
  { additionalProperties: false },
);
export type ScheduleRule = Static<typeof ScheduleRuleSchema>;

export const AccessRulesSchema = Type.Object(
  {
    /** Door ids the person may open; null = every door. */
    doors: Type.Union([Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 256, uniqueItems: true }), Type.Null()]),
    /** When; null = at any time. An empty list means never. */
    schedule: Type.Union([Type.Array(ScheduleRuleSchema, { maxItems: 64 }), Type.Null()]),
  },
  { additionalProperties: false },
);
export type AccessRules = Static<typeof AccessRulesSchema>;

export const ANYWHERE_ANYTIME: AccessRules = { doors: null, schedule: null };

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function ruleAllows(rule: ScheduleRule, day: number, minute: number): boolean {
  const from = minutes(rule.from), to = minutes(rule.to);
  if (from < to) return rule.days.includes(day) && minute >= from && minute < to;
  // Overnight: the evening part belongs to the listed day, the morning part to the day after it.
  return (rule.days.includes(day) && minute >= from) || (rule.days.includes((day + 6) % 7) && minute < to);
}

/** Whether the rules let the person through this door at this local time. */
export function accessAllowed(rules: AccessRules, doorId: string, at: Date): boolean {
  if (rules.doors && !rules.doors.includes(doorId)) return false;
  if (!rules.schedule) return true;
  const day = at.getDay(), minute = at.getHours() * 60 + at.getMinutes();
  return rules.schedule.some((r) => ruleAllows(r, day, minute));
}
