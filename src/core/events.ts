import type { DetailsOf } from './eventDetails.ts';

// Log event vocabulary shared by every part of Vigil. Adding a type here is all a new feature needs
// to log it; the store and the HTTP schemas derive from this list.
export const EVENT_TYPES = [
  'Entry',
  'Exit',
  'Denied',
  'Intrusion',
  'AlarmArming',
  'AlarmArmed',
  'AlarmDisarmed',
  'AlarmPending',
  'AlarmTriggered',
  'AlarmCommandRejected',
  'SensorOpened',
  'SensorClosed',
  'SensorOffline',
  'SensorOnline',
  'SensorTamper',
  'SensorBatteryLow',
  'DuressAlarm',
  'Tailgating',
  'TerminalLockout',
  'DoorUnlocked',
  'DoorForced',
  'DoorHeldOpen',
  'CameraOffline',
  'CameraOnline',
  'AlertAcknowledged',
  'FingerprintReaderOffline',
  'FingerprintReaderOnline',
  // The audit trail: changes of configuration or credentials, and sign-ins.
  'ConfigChanged',
  'SignedIn',
  'SignInFailed',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** Events that need a person's attention: a banner on every panel until someone acknowledges it. */
export const ALERT_TYPES = [
  'Intrusion',
  'AlarmTriggered',
  'DuressAlarm',
  'Tailgating',
  'TerminalLockout',
  'DoorForced',
  'DoorHeldOpen',
  'SensorOffline',
  'SensorTamper',
  'CameraOffline',
] as const satisfies readonly EventType[];

export function isAlert(type: EventType): boolean {
  return (ALERT_TYPES as readonly EventType[]).includes(type);
}

export function isEventType(value: string): value is EventType {
  return (EVENT_TYPES as readonly string[]).includes(value);
}

/** Details as stored and sent, whatever the type (the store, the stream); producers and readers use the typed ones. */
export type EventDetails = Record<string, string | number | boolean | null>;

interface Placement {
  doorId?: string | null;
  sensorId?: string | null;
  personId?: string | null;
}

/** What a producer hands to the log: the details must fit the type's schema (core/eventDetails.ts). */
export type NewEventOf<T extends EventType> = Placement & {
  type: T;
  /** Milliseconds since the epoch; the log stamps the current time when absent. */
  time?: number;
  details: DetailsOf<T>;
};
export type NewEvent = { [T in EventType]: NewEventOf<T> }[EventType];

/** An event as stored: sequence number and hash chain included. */
export interface LoggedEventOf<T extends EventType> {
  seq: number;
  time: number;
  type: T;
  doorId: string | null;
  sensorId: string | null;
  personId: string | null;
  details: DetailsOf<T>;
  prevHash: string;
  hash: string;
}
export type LoggedEvent = { [T in EventType]: LoggedEventOf<T> }[EventType];

/** The snapshot an event names, whatever its type (door events carry one). */
export function snapshotOf(e: { details: object }): string | null {
  const s = (e.details as { snapshot?: unknown }).snapshot;
  return typeof s === 'string' ? s : null;
}
