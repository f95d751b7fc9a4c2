// What each log event means to a person: a title, an icon, how serious it is, and a sentence with
// names instead of ids. One place, shared by the panel, the notifications and Home Assistant, so
// that an event reads the same wherever it shows up.
import type { AuditAction } from './audit.ts';
import type { EventDetails, EventType } from './events.ts';

export type Severity = 'critical' | 'warning' | 'info' | 'ok';

/** Icon names; the panel maps each to a drawing (lucide), a text channel ignores them. */
export type EventIcon =
  | 'log-in'
  | 'log-out'
  | 'ban'
  | 'siren'
  | 'shield'
  | 'shield-check'
  | 'shield-off'
  | 'shield-alert'
  | 'timer'
  | 'door-open'
  | 'door-closed'
  | 'wifi'
  | 'wifi-off'
  | 'hand'
  | 'battery-low'
  | 'user-x'
  | 'users'
  | 'lock'
  | 'unlock'
  | 'camera'
  | 'camera-off'
  | 'check'
  | 'settings'
  | 'key';

export type EventGroup = 'access' | 'alarm' | 'sensors' | 'doors' | 'cameras' | 'audit';

/** Names for the ids an event carries; unknown ids fall back to the id itself (or 'someone'). */
export interface Names {
  person?(id: string): string | undefined;
  door?(id: string): string | undefined;
  sensor?(id: string): string | undefined;
}

/** The parts of a logged event the words are made from. */
export interface EventFacts {
  type: EventType;
  doorId: string | null;
  sensorId: string | null;
  personId: string | null;
  details: EventDetails;
}

interface Entry {
  title: string;
  icon: EventIcon;
  severity: Severity;
  group: EventGroup;
  sentence(e: EventFacts, n: Resolved): string;
}

interface Resolved {
  person: string | null;
  door: string;
  sensor: string;
  /** Who or what gave a command: a user name, a door, Home Assistant. */
  via(v: unknown): string;
}

export interface EventWords {
  title: string;
  icon: EventIcon;
  severity: Severity;
  group: EventGroup;
  sentence: string;
}

const FACTORS: Record<string, string> = { pin: 'PIN', fob: 'fob', face: 'face', finger: 'fingerprint' };

/** 'pin+face' -> 'PIN + face'. */
export function factorWords(v: unknown): string | null {
  if (typeof v !== 'string' || !v) return null;
  return v
    .split('+')
    .map((f) => FACTORS[f] ?? f)
    .join(' + ');
}

const DENIED: Record<string, string> = {
  unknown_credential: 'unknown PIN or fob',
  face_mismatch: 'the face did not match',
  not_live: 'the face did not look live (a photo or a screen?)',
  unknown_face: 'face not recognised',
  outside_schedule: 'outside their allowed hours',
  wrong_factor: 'the wrong kind of credential for this door',
  timeout: 'no face seen in time',
  locked_out: 'the keypad is locked after repeated failures',
  wrong_code: 'wrong alarm code',
  no_code_set: 'no alarm code is set, so remote unlocking is off',
  hub_offline: 'the door refuses everyone while its hub is unreachable',
};

const REJECTED: Record<string, string> = {
  invalid_code: 'wrong code',
  already_armed: 'already armed that way',
  disarm_first: 'disarm first',
  too_many_wrong_codes: 'too many wrong codes; locked out for a while',
  locked_out: 'locked out after too many wrong codes',
};

const ACTIONS: Record<AuditAction, string> = { created: 'added', changed: 'changed', deleted: 'removed', issued: 'issued a new', revoked: 'revoked', exported: 'downloaded', restored: 'restored' };

/** Subjects in the panel's words, where the code's word is not one a person would use. */
const SUBJECT_WORDS: Record<string, string> = {
  notify_channel: 'alert channel',
  door_token: 'kiosk token',
  push_subscription: 'browser notifications',
  homeassistant_login: 'Home Assistant login',
  pin: 'PIN',
  duress_pin: 'duress PIN',
  credential: 'PIN or fob',
  schedule: 'doors and hours',
};
/** What a subject belongs to is joined with "for": "kiosk token for Front door", "PIN for Ada". */
const SUBJECT_FOR: readonly string[] = ['door_token', 'sensor_login', 'sensor_key', 'node_login', 'face', 'pin', 'duress_pin', 'fob', 'credential', 'schedule', 'fingerprint'];
/** A bare generated id says nothing to a person; the log's details keep it. */
const GENERATED_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : typeof v === 'number' ? String(v) : null);
const modeWord = (mode: unknown) => (mode === 'home' ? 'home' : mode === 'away' ? 'away' : null);
const sentenceCase = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function triggerCause(reason: unknown, n: Resolved): string {
  const r = str(reason) ?? '';
  if (r === 'entry_delay_elapsed') return `${n.sensor} opened and nobody disarmed in time`;
  if (r.startsWith('sensor:')) return `${n.sensor} opened while armed`;
  if (r.startsWith('trouble:')) return `${n.sensor} went offline or was tampered with`;
  return r ? `the alarm went off (${r.replace(/_/g, ' ')})` : 'the alarm went off';
}

export const EVENT_CATALOGUE: Record<EventType, Entry> = {
  Entry: {
    title: 'Entry',
    icon: 'log-in',
    severity: 'ok',
    group: 'access',
    sentence: (e, n) => {
      const how = factorWords(e.details.factors);
      // A door node's grant made without its hub, for someone the hub would have refused.
      const flagged = str(e.details.flagged);
      return `${n.person ?? 'Someone'} entered at ${n.door}${how ? ` (${how})` : ''}${e.details.offline === true ? ' while the hub was unreachable' : ''}${flagged ? `; flagged: ${flagged}` : ''}`;
    },
  },
  Exit: { title: 'Exit', icon: 'log-out', severity: 'info', group: 'access', sentence: (_e, n) => `${n.person ?? 'Someone'} left by ${n.door}` },
  Denied: {
    title: 'Access refused',
    icon: 'ban',
    severity: 'warning',
    group: 'access',
    sentence: (e, n) => {
      const reason = str(e.details.reason);
      const why = reason ? (DENIED[reason] ?? reason.replace(/_/g, ' ')) : null;
      const who = e.details.via === 'mqtt' ? `Unlock of ${n.door} from Home Assistant refused` : n.person ? `${n.person} was refused at ${n.door}` : `Refused at ${n.door}`;
      return why ? `${who}: ${why}` : who;
    },
  },
  Intrusion: { title: 'Intrusion', icon: 'siren', severity: 'critical', group: 'alarm', sentence: (_e, n) => `${n.sensor} opened while armed` },
  AlarmArming: {
    title: 'Arming',
    icon: 'timer',
    severity: 'info',
    group: 'alarm',
    sentence: (e, n) => {
      const mode = modeWord(e.details.mode);
      return `Arming${mode ? ` ${mode}` : ''}${e.details.via ? ` ${n.via(e.details.via)}` : ''}: the exit delay is running`;
    },
  },
  AlarmArmed: {
    title: 'Armed',
    icon: 'shield-check',
    severity: 'ok',
    group: 'alarm',
    sentence: (e, n) => {
      const mode = modeWord(e.details.mode);
      const base = `Armed${mode ? ` ${mode}` : ''}`;
      if (e.details.reason === 'exit_delay_elapsed') return `${base} after the exit delay`;
      if (e.details.reason === 'trigger_time_elapsed') return `${base} again after the siren time`;
      return e.details.via ? `${base} ${n.via(e.details.via)}` : base;
    },
  },
  AlarmDisarmed: {
    title: 'Disarmed',
    icon: 'shield-off',
    severity: 'info',
    group: 'alarm',
    sentence: (e, n) => (e.details.reason === 'trigger_time_elapsed' ? 'Disarmed after the siren time' : e.details.via ? `Disarmed ${n.via(e.details.via)}` : 'Disarmed'),
  },
  AlarmPending: {
    title: 'Entry delay',
    icon: 'timer',
    severity: 'warning',
    group: 'alarm',
    sentence: (_e, n) => `${n.sensor} opened: disarm before the entry delay runs out`,
  },
  AlarmTriggered: { title: 'Alarm triggered', icon: 'siren', severity: 'critical', group: 'alarm', sentence: (e, n) => sentenceCase(triggerCause(e.details.reason, n)) },
  AlarmCommandRejected: {
    title: 'Alarm command refused',
    icon: 'shield-alert',
    severity: 'warning',
    group: 'alarm',
    sentence: (e, n) => {
      const command = str(e.details.command) ?? 'command';
      const reason = str(e.details.reason);
      const who = e.details.via ? ` ${n.via(e.details.via)}` : '';
      return `${sentenceCase(command)}${who} refused${reason ? `: ${REJECTED[reason] ?? reason.replace(/_/g, ' ')}` : ''}`;
    },
  },
  SensorOpened: { title: 'Opened', icon: 'door-open', severity: 'info', group: 'sensors', sentence: (_e, n) => `${n.sensor} opened` },
  SensorClosed: { title: 'Closed', icon: 'door-closed', severity: 'info', group: 'sensors', sentence: (_e, n) => `${n.sensor} closed` },
  SensorOffline: {
    title: 'Sensor offline',
    icon: 'wifi-off',
    severity: 'warning',
    group: 'sensors',
    sentence: (e, n) => (e.details.reason === 'last_will' ? `${n.sensor} lost its connection` : `${n.sensor} has gone silent`),
  },
  SensorOnline: { title: 'Sensor back online', icon: 'wifi', severity: 'ok', group: 'sensors', sentence: (_e, n) => `${n.sensor} is back online` },
  SensorTamper: { title: 'Sensor tampered with', icon: 'hand', severity: 'critical', group: 'sensors', sentence: (_e, n) => `${n.sensor} reports tampering: its cover may be open` },
  SensorBatteryLow: {
    title: 'Low battery',
    icon: 'battery-low',
    severity: 'warning',
    group: 'sensors',
    sentence: (e, n) => (typeof e.details.battery === 'number' ? `${n.sensor} battery at ${e.details.battery} %` : `${n.sensor} battery is low`),
  },
  DuressAlarm: { title: 'Duress alarm', icon: 'user-x', severity: 'critical', group: 'access', sentence: (e, n) => `${n.person ?? 'Someone'} used the ${e.details.factors === 'finger' ? 'emergency finger' : 'duress PIN'} at ${n.door}: silent alarm` },
  Tailgating: {
    title: 'Tailgating',
    icon: 'users',
    severity: 'critical',
    group: 'access',
    sentence: (e, n) => `${typeof e.details.faces === 'number' ? e.details.faces : 'Several'} people went through ${n.door} on one entry`,
  },
  TerminalLockout: {
    title: 'Keypad locked',
    icon: 'lock',
    severity: 'warning',
    group: 'access',
    sentence: (e, n) => `${n.door} keypad locked${typeof e.details.seconds === 'number' ? ` for ${e.details.seconds} s` : ''} after repeated failures`,
  },
  DoorUnlocked: {
    title: 'Door unlocked',
    icon: 'unlock',
    severity: 'info',
    group: 'doors',
    sentence: (e, n) => {
      const lock = str(e.details.lock);
      return `${n.door} unlocked${e.details.via || e.details.by ? ` ${n.via(e.details.via ?? e.details.by)}` : ''}${lock && lock !== 'ok' ? `, but the lock ${lock}` : ''}`;
    },
  },
  DoorForced: { title: 'Door forced open', icon: 'door-open', severity: 'critical', group: 'doors', sentence: (_e, n) => `${n.door} opened without being unlocked` },
  DoorHeldOpen: {
    title: 'Door held open',
    icon: 'door-open',
    severity: 'warning',
    group: 'doors',
    sentence: (e, n) => `${n.door} has been open${typeof e.details.seconds === 'number' ? ` for over ${e.details.seconds} s` : ' too long'}`,
  },
  CameraOffline: { title: 'Camera offline', icon: 'camera-off', severity: 'warning', group: 'cameras', sentence: (e, n) => `${n.door} ${e.details.camera === 'exit' ? 'exit camera' : 'camera'} stopped sending pictures` },
  CameraOnline: { title: 'Camera back online', icon: 'camera', severity: 'ok', group: 'cameras', sentence: (e, n) => `${n.door} ${e.details.camera === 'exit' ? 'exit camera' : 'camera'} is sending pictures again` },
  FingerprintReaderOffline: { title: 'Fingerprint reader offline', icon: 'hand', severity: 'warning', group: 'doors', sentence: (e, n) => `${n.door} fingerprint reader stopped answering${e.details.reason ? ` (${String(e.details.reason).replace(/_/g, ' ')})` : ''}` },
  FingerprintReaderOnline: { title: 'Fingerprint reader back online', icon: 'hand', severity: 'ok', group: 'doors', sentence: (_e, n) => `${n.door} fingerprint reader answers again` },
  AlertAcknowledged: {
    title: 'Alert acknowledged',
    icon: 'check',
    severity: 'info',
    group: 'audit',
    sentence: (e) => {
      const type = str(e.details.alertType);
      const what = type && type in EVENT_CATALOGUE ? EVENT_CATALOGUE[type as EventType].title : 'an alert';
      const count = typeof e.details.alerts === 'number' && e.details.alerts > 1 ? ` (${e.details.alerts} alerts)` : '';
      return `${str(e.details.by) ?? 'Someone'} acknowledged ${what.toLowerCase()}${count}`;
    },
  },
  ConfigChanged: {
    title: 'Settings changed',
    icon: 'settings',
    severity: 'info',
    group: 'audit',
    sentence: (e, n) => {
      const action = str(e.details.action) ?? 'changed';
      const subject = str(e.details.subject) ?? 'setting';
      // Names where Vigil still knows them (a deleted person is only an id in the log).
      const logged = str(e.details.target);
      const target = e.personId ? n.person : e.sensorId ? n.sensor : e.doorId ? n.door : logged && !GENERATED_ID.test(logged) ? logged : null;
      const word = (ACTIONS as Record<string, string>)[action] ?? action;
      const thing = SUBJECT_WORDS[subject] ?? subject.replace(/_/g, ' ');
      return `${str(e.details.by) ?? 'Someone'} ${word} ${thing}${target ? `${SUBJECT_FOR.includes(subject) ? ' for' : ''} ${target}` : ''}`;
    },
  },
  SignedIn: { title: 'Signed in', icon: 'key', severity: 'info', group: 'audit', sentence: (e) => `${str(e.details.username) ?? 'Someone'} signed in${e.details.from ? ` from ${String(e.details.from)}` : ''}` },
  SignInFailed: {
    title: 'Sign-in failed',
    icon: 'shield-alert',
    severity: 'warning',
    group: 'audit',
    sentence: (e) => {
      const reason = str(e.details.reason);
      return `Sign-in as ${str(e.details.username) ?? 'unknown user'} failed${e.details.from ? ` from ${String(e.details.from)}` : ''}${reason ? `: ${reason.replace(/_/g, ' ')}` : ''}`;
    },
  },
};

export const EVENT_GROUPS: ReadonlyArray<{ group: EventGroup; label: string }> = [
  { group: 'access', label: 'Access' },
  { group: 'alarm', label: 'Alarm' },
  { group: 'sensors', label: 'Sensors' },
  { group: 'doors', label: 'Doors' },
  { group: 'cameras', label: 'Cameras' },
  { group: 'audit', label: 'Audit' },
];

/** The event types of a group, in catalogue order. */
export function typesOf(group: EventGroup): EventType[] {
  return (Object.keys(EVENT_CATALOGUE) as EventType[]).filter((t) => EVENT_CATALOGUE[t].group === group);
}

const SEVERITY_RANK: Record<Severity, number> = { ok: 0, info: 1, warning: 2, critical: 3 };
export const severityRank = (s: Severity) => SEVERITY_RANK[s];

function via(v: unknown, names: Names): string {
  const s = str(v);
  if (!s) return '';
  if (s.startsWith('door:')) return `at ${names.door?.(s.slice(5)) ?? s.slice(5)}`;
  if (s === 'mqtt') return 'from Home Assistant';
  // The HTTP API says which account: `http:<username>`.
  return `by ${s.startsWith('http:') ? s.slice(5) : s}`;
}

/** Words for one event. Names come from the caller; an id nobody knows is shown as it is. */
export function describeEvent(e: EventFacts, names: Names = {}): EventWords {
  const entry = EVENT_CATALOGUE[e.type];
  const sensorName = e.sensorId ? (names.sensor?.(e.sensorId) ?? str(e.details.name) ?? e.sensorId) : (str(e.details.name) ?? 'A sensor');
  const resolved: Resolved = {
    person: e.personId ? (names.person?.(e.personId) ?? 'someone no longer enrolled') : null,
    door: e.doorId ? (names.door?.(e.doorId) ?? e.doorId) : 'a door',
    sensor: sensorName,
    via: (v) => via(v, names),
  };
  return { title: entry.title, icon: entry.icon, severity: entry.severity, group: entry.group, sentence: entry.sentence(e, resolved) };
}
