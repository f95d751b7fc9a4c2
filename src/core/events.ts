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

export type EventDetails = Record<string, string | number | boolean | null>;

/** What a producer hands to the log. */
export interface NewEvent {
  type: EventType;
  /** Milliseconds since the epoch; the log stamps the current time when absent. */
  time?: number;
  doorId?: string | null;
  sensorId?: string | null;
  personId?: string | null;
  details?: EventDetails;
}

/** An event as stored: sequence number and hash chain included. */
export interface LoggedEvent {
  seq: number;
  time: number;
  type: EventType;
  doorId: string | null;
  sensorId: string | null;
  personId: string | null;
  details: EventDetails;
  prevHash: string;
  hash: string;
}
