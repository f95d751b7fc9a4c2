// Related alerts folded into one incident with one acknowledgement: a window opening while armed,
// the alarm going off and the disarm are one story, not three alerts to click away one by one.
import { ALERT_TYPES, isAlert, type EventType, type LoggedEvent, type NewEvent } from './events.ts';
import { EVENT_CATALOGUE, severityRank, type Severity } from './eventCatalogue.ts';

export type IncidentKind = 'alarm' | 'duress' | 'door' | 'sensor' | 'camera';

type AlertType = (typeof ALERT_TYPES)[number];

/** Which incident each alert belongs to; a new alert type must say (the compiler asks). */
const KIND: Record<AlertType, IncidentKind> = {
  Intrusion: 'alarm',
  AlarmTriggered: 'alarm',
  DuressAlarm: 'duress',
  Tailgating: 'door',
  TerminalLockout: 'door',
  DoorForced: 'door',
  DoorHeldOpen: 'door',
  SensorOffline: 'sensor',
  SensorTamper: 'sensor',
  CameraOffline: 'camera',
};

/** What ends the danger of an incident of that kind, keyed like the incident it ends. */
const RESOLVERS: Partial<Record<EventType, (e: LoggedEvent) => string | null>> = {
  AlarmDisarmed: () => 'alarm',
  // Re-armed by itself after the siren time: the intrusion is over, someone still has to look.
  AlarmArmed: (e) => (e.type === 'AlarmArmed' && e.details.reason === 'trigger_time_elapsed' ? 'alarm' : null),
  SensorOnline: (e) => `sensor:${e.sensorId ?? ''}`,
  CameraOnline: (e) => (e.type === 'CameraOnline' ? `camera:${e.doorId ?? ''}:${e.details.camera}` : null),
};

/** Every event type incidents are made from: alerts, the entry delay that joins them, what ends them, acknowledgements. */
export const INCIDENT_EVENT_TYPES: readonly EventType[] = [...ALERT_TYPES, 'AlarmPending', ...(Object.keys(RESOLVERS) as EventType[]), 'AlertAcknowledged'];

export interface Incident {
  /** The sequence number of its first event. */
  id: number;
  kind: IncidentKind;
  /** The event that names it: the most serious one, the latest of equals. */
  headline: LoggedEvent;
  severity: Severity;
  /** Oldest first, the ending event included. */
  events: LoggedEvent[];
  /** Sequence numbers of its alert events. */
  alerts: number[];
  startedAt: number;
  updatedAt: number;
  /** What ended the danger (the disarm, the sensor back online); null while it lasts. */
  resolvedBy: LoggedEvent | null;
  acknowledged: { by: string; at: number; seq: number } | null;
  /** Still needs someone to look at it. */
  open: boolean;
}

function keyOf(e: LoggedEvent): { kind: IncidentKind; key: string } | null {
  // The entry delay is part of the alarm's story, though not an alert of its own.
  if (e.type === 'AlarmPending') return { kind: 'alarm', key: 'alarm' };
  if (!isAlert(e.type)) return null;
  const kind = KIND[e.type as AlertType];
  switch (kind) {
    case 'alarm':
      return { kind, key: 'alarm' };
    case 'duress':
    case 'door':
      return { kind, key: `${kind}:${e.doorId ?? ''}` };
    case 'sensor':
      return { kind, key: `sensor:${e.sensorId ?? ''}` };
    case 'camera':
      return { kind, key: `camera:${e.doorId ?? ''}:${e.type === 'CameraOffline' ? e.details.camera : ''}` };
  }
}

/**
 * Closed without an acknowledgement when its own ending says all: an alarm disarmed within the
 * entry delay (it never went off), a sensor or camera back online that reported nothing worse.
 */
function closesItself(i: Incident): boolean {
  if (!i.resolvedBy) return false;
  if (i.kind === 'alarm') return !i.events.some((e) => e.type === 'AlarmTriggered');
  if (i.kind === 'sensor' || i.kind === 'camera') return severityRank(i.severity) < severityRank('critical');
  return false;
}

/** Incidents from events in any order; newest first. */
export function foldIncidents(events: readonly LoggedEvent[]): Incident[] {
  const sorted = [...events].sort((a, b) => a.seq - b.seq);
  const all: Incident[] = [];
  const active = new Map<string, Incident>();
  for (const e of sorted) {
    if (e.type === 'AlertAcknowledged') {
      const target = Number(e.details.incident ?? e.details.alert);
      const i = all.find((x) => x.id === target || x.alerts.includes(target));
      if (i && !i.acknowledged) {
        i.acknowledged = { by: String(e.details.by ?? ''), at: e.time, seq: e.seq };
        for (const [k, v] of active) if (v === i) active.delete(k);
      }
      continue;
    }
    const resolves = RESOLVERS[e.type]?.(e);
    if (resolves) {
      const i = active.get(resolves);
      if (i) {
        i.resolvedBy = e;
        i.events.push(e);
        i.updatedAt = e.time;
        active.delete(resolves);
      }
      continue;
    }
    const k = keyOf(e);
    if (!k) continue;
    const severity = EVENT_CATALOGUE[e.type].severity;
    let i = active.get(k.key);
    if (!i) {
      i = { id: e.seq, kind: k.kind, headline: e, severity, events: [], alerts: [], startedAt: e.time, updatedAt: e.time, resolvedBy: null, acknowledged: null, open: true };
      all.push(i);
      active.set(k.key, i);
    }
    i.events.push(e);
    i.updatedAt = e.time;
    if (isAlert(e.type)) i.alerts.push(e.seq);
    if (severityRank(severity) >= severityRank(i.severity) && (isAlert(e.type) || !isAlert(i.headline.type))) {
      i.severity = severity;
      i.headline = e;
    }
  }
  for (const i of all) i.open = !i.acknowledged && closesItself(i) === false;
  return all.reverse();
}

/** Alert events of the incidents still open, newest first. */
export function openAlerts(events: readonly LoggedEvent[]): LoggedEvent[] {
  return foldIncidents(events)
    .filter((i) => i.open)
    .flatMap((i) => i.events.filter((e) => isAlert(e.type)))
    .sort((a, b) => b.seq - a.seq);
}

/** The one log event that acknowledges a whole incident. */
export function acknowledgement(i: Incident, by: string): NewEvent {
  return {
    type: 'AlertAcknowledged',
    doorId: i.headline.doorId,
    sensorId: i.headline.sensorId,
    details: { alert: i.alerts[0] ?? i.id, incident: i.id, alertType: i.headline.type, alerts: i.alerts.length, by },
  };
}
