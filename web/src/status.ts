// "Is my home secure?" in one line: green, amber or red, from the alarm, the sensors and the open
// incidents. Pure, so it is tested without a browser.
import { describeEvent, severityRank, type Names } from '../../src/core/eventCatalogue.ts';
import { sensorHealth } from '../../src/core/sensorHealth.ts';
import type { Alarm, Incident, Sensor } from './api.ts';
import { clockTime } from './format.ts';

export type Level = 'ok' | 'warn' | 'alert';

export interface HomeStatus {
  level: Level;
  /** The one line: "All secure · Armed away · 6 closed". */
  headline: string;
  /** Everything that makes it amber or red, one short phrase each. */
  notes: string[];
}

export const ALARM_LABEL: Record<Alarm['state'], string> = {
  disarmed: 'Disarmed',
  arming: 'Arming',
  armed_home: 'Armed home',
  armed_away: 'Armed away',
  pending: 'Entry delay',
  triggered: 'Triggered',
};

/** Amber notes about one sensor: open, silent, waiting, tampered, battery low. */
export function sensorNotes(s: Sensor): string[] {
  const notes: string[] = [];
  const health = sensorHealth(s.state);
  if (s.state.contact === 'open') notes.push(`${s.name} open`);
  if (health === 'offline') notes.push(`${s.name} offline`);
  if (health === 'waiting') notes.push(`${s.name} waiting for its first message`);
  if (s.state.tamper) notes.push(`${s.name} tampered with`);
  if (s.state.battery !== null && s.state.battery <= s.batteryLow) notes.push(`${s.name} battery ${s.state.battery} %`);
  return notes;
}

export function homeStatus(alarm: Alarm | undefined, sensors: Sensor[], open: Incident[], names: Names): HomeStatus {
  const sensorName = (id: string | null) => (id ? (names.sensor?.(id) ?? id) : 'a sensor');
  if (alarm?.state === 'triggered') {
    return { level: 'alert', headline: `INTRUSION · ${sensorName(alarm.triggeredBy)} · ${clockTime(alarm.since)}`, notes: [] };
  }
  if (alarm?.state === 'pending') {
    return { level: 'alert', headline: `Entry delay · ${sensorName(alarm.triggeredBy)} opened · disarm now`, notes: [] };
  }
  const critical = open.filter((i) => i.severity === 'critical').sort((a, b) => b.updatedAt - a.updatedAt)[0];
  const incidentNotes = open
    .filter((i) => severityRank(i.severity) >= severityRank('warning'))
    .map((i) => describeEvent(i.headline, names).sentence);
  if (critical) {
    const words = describeEvent(critical.headline, names);
    return { level: 'alert', headline: `${words.title.toUpperCase()} · ${words.sentence} · ${clockTime(critical.updatedAt)}`, notes: incidentNotes.filter((n) => n !== words.sentence) };
  }
  const notes = [...sensors.flatMap(sensorNotes), ...incidentNotes];
  const label = alarm ? ALARM_LABEL[alarm.state] : 'Alarm state unknown';
  if (notes.length) {
    const shown = notes.slice(0, 2).join(' · ');
    return { level: 'warn', headline: notes.length > 2 ? `${shown} · ${notes.length - 2} more` : shown, notes };
  }
  const closed = sensors.filter((s) => s.state.contact === 'closed').length;
  return { level: 'ok', headline: ['All secure', label, ...(sensors.length ? [`${closed} closed`] : [])].join(' · '), notes: [] };
}
