import type { NewEvent } from './events.ts';

/** What a change of configuration or credentials was made to; one word per kind of thing an admin can change. */
export const AUDIT_SUBJECTS = [
  'account',
  'sessions',
  'person',
  'face',
  'pin',
  'duress_pin',
  'fob',
  'credential',
  'schedule',
  'sensor',
  'sensor_login',
  'sensor_key',
  'door_token',
  'fingerprint',
  'fingerprint_sensor',
  'notify_channel',
  'push_subscription',
  'retention',
  'homeassistant_login',
  'wireguard_peer',
  'backup',
  'node',
  'node_login',
] as const;
export type AuditSubject = (typeof AUDIT_SUBJECTS)[number];

export const AUDIT_ACTIONS = ['created', 'changed', 'deleted', 'issued', 'revoked', 'exported', 'restored'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditSpec {
  subject: AuditSubject;
  action: AuditAction;
}

/** Who made a change and from where: a panel account and its address, or the command line. */
export interface Actor {
  by: string;
  from: string;
}

export interface AuditChange extends AuditSpec, Actor {
  /** The id (or name) of what changed, when it has one. */
  target: string | null;
  /** A part of the target (a face of a person, one fob), when the change was to that part. */
  item?: string | null;
}

export const PERSON_SUBJECTS: readonly AuditSubject[] = ['person', 'face', 'pin', 'duress_pin', 'fob', 'credential', 'schedule', 'fingerprint'];
const SENSOR_SUBJECTS: readonly AuditSubject[] = ['sensor', 'sensor_login', 'sensor_key'];

/**
 * The log event for a change. Never a secret and never a person's name (names go with the person when
 * they are deleted; the append-only log keeps only ids). Person and sensor changes carry the id in the
 * event's own column, so the log's person and sensor filters find them.
 */
export function auditEvent(c: AuditChange): NewEvent {
  return {
    type: 'ConfigChanged',
    personId: PERSON_SUBJECTS.includes(c.subject) ? c.target : null,
    sensorId: SENSOR_SUBJECTS.includes(c.subject) ? c.target : null,
    doorId: c.subject === 'door_token' || c.subject === 'fingerprint_sensor' ? c.target : null,
    details: { subject: c.subject, action: c.action, target: c.target, item: c.item ?? null, by: c.by, from: c.from },
  };
}
