import Type, { type Static, type TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { ALARM_STATES } from './alarm.ts';
import { AUDIT_ACTIONS, AUDIT_SUBJECTS } from './audit.ts';
import type { EventType } from './events.ts';

// The details each log event type carries: the contract between the modules that write events and
// those that read them (Home Assistant, notifications, incidents, the panel). Checked on every
// append; exported in the OpenAPI document, from which the panel's types are generated. Renaming a
// key is a compile error in every reader.

const Str = Type.String({ maxLength: 500 });
const OptStr = Type.Optional(Type.Union([Str, Type.Null()]));
const Num = Type.Number();
const details = <P extends Record<string, TSchema>>(props: P) => Type.Object(props, { additionalProperties: false });

/** What the lock said: `ok`, or `failed: <why>`. Built only by {@link lockOutcome}. */
export const LockOutcome = Type.Union([Type.Literal('ok'), Type.String({ pattern: '^failed: ', maxLength: 500 })]);
export type LockOutcome = Static<typeof LockOutcome>;

export function lockOutcome(result: { ok: boolean; detail?: string | undefined }): LockOutcome {
  return result.ok ? 'ok' : `failed: ${result.detail ?? ''}`;
}

/** Whether an event's lock outcome says the door was unlocked. */
export function lockOpened(outcome: LockOutcome | undefined): boolean {
  return outcome === 'ok';
}

/** The JPEG name under /api/snapshots, when the door took one. */
const Snapshot = Type.Optional(Type.Union([Str, Type.Null()]));

const Passage = details({
  factors: Type.Optional(Str),
  mode: Type.Optional(Str),
  score: Type.Optional(Type.Union([Num, Type.Null()])),
  /** The fingerprint sensor's match score, when a finger was one of the factors. */
  fingerScore: Type.Optional(Num),
  lock: LockOutcome,
  via: Type.Optional(Str),
  fallback: Type.Optional(Str),
  snapshot: Snapshot,
  /** Decided by a door node while it could not reach the hub. */
  offline: Type.Optional(Type.Boolean()),
  /** Set by the hub when a node's offline grant arrives for someone the hub no longer lets through that door: why. */
  flagged: Type.Optional(Str),
});

const AlarmChange = details({
  from: Type.Enum(ALARM_STATES),
  to: Type.Enum(ALARM_STATES),
  reason: Str,
  via: Type.Union([Str, Type.Null()]),
  mode: Type.Union([Type.Literal('home'), Type.Literal('away'), Type.Null()]),
});

const SensorName = details({ name: Str });
const Camera = details({ camera: Str, detail: OptStr });

export const EVENT_DETAILS = {
  Entry: Passage,
  Exit: Passage,
  Denied: details({
    reason: Str,
    factors: Type.Optional(Str),
    mode: Type.Optional(Str),
    score: Type.Optional(Type.Union([Num, Type.Null()])),
    fingerScore: Type.Optional(Num),
    liveness: OptStr,
    via: Type.Optional(Str),
    snapshot: Snapshot,
    offline: Type.Optional(Type.Boolean()),
  }),
  Intrusion: details({ alarm: Type.Enum(ALARM_STATES), name: Str }),
  AlarmArming: AlarmChange,
  AlarmArmed: AlarmChange,
  AlarmDisarmed: AlarmChange,
  AlarmPending: AlarmChange,
  AlarmTriggered: AlarmChange,
  AlarmCommandRejected: details({ command: Str, reason: Str, via: Type.Union([Str, Type.Null()]), until: Type.Optional(Num) }),
  SensorOpened: details({ name: Str, kind: Str, zone: Str }),
  SensorClosed: details({ name: Str, kind: Str, zone: Str }),
  SensorOffline: details({ name: Str, reason: Str }),
  SensorOnline: SensorName,
  SensorTamper: SensorName,
  SensorBatteryLow: details({ name: Str, battery: Num, threshold: Num }),
  DuressAlarm: details({ factors: Str }),
  Tailgating: details({ faces: Num, granted: Num, snapshot: Snapshot }),
  TerminalLockout: details({ until: Num, lockouts: Num, seconds: Num }),
  DoorUnlocked: details({ by: Str, lock: LockOutcome }),
  DoorForced: details({ snapshot: Snapshot }),
  DoorHeldOpen: details({ seconds: Num }),
  CameraOffline: Camera,
  CameraOnline: Camera,
  FingerprintReaderOffline: details({ reason: Type.Union([Str, Type.Null()]), detail: OptStr }),
  FingerprintReaderOnline: details({ sensor: OptStr }),
  AlertAcknowledged: details({ alert: Num, incident: Type.Optional(Num), alertType: Str, alerts: Type.Optional(Num), by: Str }),
  ConfigChanged: details({
    subject: Type.Enum(AUDIT_SUBJECTS),
    action: Type.Enum(AUDIT_ACTIONS),
    target: Type.Union([Str, Type.Null()]),
    item: Type.Union([Str, Type.Null()]),
    by: Str,
    from: Str,
  }),
  SignedIn: details({ username: Str, from: Str }),
  SignInFailed: details({ username: Type.Union([Str, Type.Null()]), from: Str, reason: Str }),
} satisfies Record<EventType, TSchema>;

export type EventDetailsMap = { [T in EventType]: Static<(typeof EVENT_DETAILS)[T]> };
export type DetailsOf<T extends EventType> = EventDetailsMap[T];

const checks = Object.fromEntries(Object.entries(EVENT_DETAILS).map(([type, schema]) => [type, Compile(schema)])) as unknown as Record<EventType, ReturnType<typeof Compile>>;

/** Why the details do not fit the type's schema, or null when they do. */
export function detailsProblem(type: EventType, details: unknown): string | null {
  const check = checks[type];
  if (check.Check(details)) return null;
  const first = [...check.Errors(details)][0];
  return `${type} details ${first ? `${first.instancePath || '/'} ${first.message}` : 'do not fit'}`;
}
