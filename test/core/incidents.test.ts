import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EVENT_TYPES, isAlert, type EventDetails, type EventType, type LoggedEvent } from '../../src/core/events.ts';
import { SAMPLE_DETAILS } from '../fixtures/events.ts';
import { acknowledgement, foldIncidents, INCIDENT_EVENT_TYPES, openAlerts } from '../../src/core/incidents.ts';

let seq = 0;
/** An event of the type with the sample details, changed by `over` (details merged into the sample's). */
const ev = (type: EventType, over: Partial<Omit<LoggedEvent, 'details'>> & { details?: EventDetails } = {}): LoggedEvent => {
  seq++;
  const { details, ...rest } = over;
  return { seq, time: seq * 1000, type, doorId: null, sensorId: null, personId: null, prevHash: '', hash: '', ...rest, details: { ...SAMPLE_DETAILS[type], ...details } } as LoggedEvent;
};
/** Acknowledges through the same function the route uses, as the log would number it. */
const ack = (events: LoggedEvent[], id: number, by = 'ann') => {
  const i = foldIncidents(events).find((x) => x.id === id);
  assert.ok(i, `incident ${id}`);
  const e = acknowledgement(i, by);
  return ev('AlertAcknowledged', { doorId: e.doorId ?? null, sensorId: e.sensorId ?? null, details: e.details as EventDetails });
};

test('opening -> intrusion -> triggered -> disarmed is one incident with one acknowledgement', () => {
  const events = [
    ev('AlarmArmed', { details: { to: 'armed_away', mode: 'away' } }),
    ev('SensorOpened', { sensorId: 'front' }),
    ev('AlarmPending', { sensorId: 'front', details: { reason: 'sensor:front' } }),
    ev('Intrusion', { sensorId: 'front' }),
    ev('AlarmTriggered', { sensorId: 'front', details: { reason: 'entry_delay_elapsed' } }),
    ev('Intrusion', { sensorId: 'hall' }),
    ev('AlarmDisarmed', { details: { via: 'ann' } }),
  ];
  const [i, ...rest] = foldIncidents(events);
  assert.equal(rest.length, 0);
  assert.ok(i);
  assert.deepEqual([i.kind, i.severity, i.open, i.id], ['alarm', 'critical', true, 3]);
  assert.deepEqual(i.alerts, [4, 5, 6]);
  assert.equal(i.resolvedBy?.type, 'AlarmDisarmed', 'the disarm ends it');
  assert.equal(openAlerts(events).length, 3);
  const acked = [...events, ack(events, i.id)];
  assert.deepEqual(foldIncidents(acked)[0]?.acknowledged?.by, 'ann');
  assert.equal(openAlerts(acked).length, 0, 'one acknowledgement closes all three alerts');
  assert.equal(acked.filter((e) => e.type === 'AlertAcknowledged').length, 1);
});

test('disarmed within the entry delay: the incident closes itself, the intrusion stays in its story', () => {
  const events = [ev('AlarmPending', { sensorId: 'front' }), ev('Intrusion', { sensorId: 'front' }), ev('AlarmDisarmed', { details: { via: 'door:front' } })];
  const [i] = foldIncidents(events);
  assert.deepEqual([i?.open, i?.acknowledged, i?.resolvedBy?.type, i?.headline.type], [false, null, 'AlarmDisarmed', 'Intrusion']);
});

test('an alert after an acknowledgement or after the end starts a new incident', () => {
  const a = [ev('Intrusion', { sensorId: 'w' })];
  const events = [...a, ack(a, a[0]?.seq ?? 0)];
  events.push(ev('Intrusion', { sensorId: 'w' }));
  const incidents = foldIncidents(events);
  assert.equal(incidents.length, 2);
  assert.deepEqual(incidents.map((i) => i.open), [true, false], 'newest first');
  const b = [ev('SensorOffline', { sensorId: 's' }), ev('SensorOnline', { sensorId: 's' }), ev('SensorOffline', { sensorId: 's' })];
  const sensors = foldIncidents(b);
  assert.equal(sensors.length, 2);
  assert.deepEqual(sensors.map((i) => i.open), [true, false], 'back online closes the first; the second is open');
});

test('different sensors, doors and kinds are different incidents; the same door gathers its door alerts', () => {
  const events = [
    ev('SensorOffline', { sensorId: 'a' }),
    ev('SensorOffline', { sensorId: 'b' }),
    ev('DoorForced', { doorId: 'front' }),
    ev('DoorHeldOpen', { doorId: 'front' }),
    ev('DoorHeldOpen', { doorId: 'back' }),
    ev('DuressAlarm', { doorId: 'front', personId: 'p' }),
    ev('CameraOffline', { doorId: 'front', details: { camera: 'entry' } }),
    ev('CameraOffline', { doorId: 'front', details: { camera: 'exit' } }),
  ];
  const incidents = foldIncidents(events);
  assert.equal(incidents.length, 7);
  const front = incidents.find((i) => i.kind === 'door' && i.headline.doorId === 'front');
  assert.deepEqual(front?.alerts.length, 2);
  assert.equal(front?.headline.type, 'DoorForced', 'the most serious names it');
});

test('a tampered sensor that comes back online still needs a look', () => {
  const [i] = foldIncidents([ev('SensorTamper', { sensorId: 't' }), ev('SensorOffline', { sensorId: 't' }), ev('SensorOnline', { sensorId: 't' })]);
  assert.deepEqual([i?.open, i?.severity, i?.resolvedBy?.type], [true, 'critical', 'SensorOnline']);
});

test('an old single-alert acknowledgement closes the incident holding that alert', () => {
  const duress = ev('DuressAlarm', { doorId: 'd' });
  // Written before incidents existed: no incident number, one alert.
  const events = [duress, { ...ev('AlertAcknowledged'), details: { alert: duress.seq, alertType: 'DuressAlarm', by: 'old' } } as LoggedEvent];
  assert.equal(foldIncidents(events)[0]?.acknowledged?.by, 'old');
});

test('properties: every alert lands in exactly one incident; order of input does not matter; no acknowledgement, no closing by hand', () => {
  const types = INCIDENT_EVENT_TYPES.filter((t) => t !== 'AlertAcknowledged');
  const arb = fc.array(
    fc.record({ type: fc.constantFrom(...types), sensor: fc.constantFrom('a', 'b', null), door: fc.constantFrom('x', 'y', null), camera: fc.constantFrom('entry', 'exit') }),
    { maxLength: 40 },
  );
  fc.assert(
    fc.property(arb, fc.integer(), (specs, shuffleSeed) => {
      const events = specs.map((s, n) => ({ seq: n + 1, time: n, type: s.type, doorId: s.door, sensorId: s.sensor, personId: null, details: { camera: s.camera }, prevHash: '', hash: '' }) as LoggedEvent);
      const incidents = foldIncidents(events);
      const alerts = incidents.flatMap((i) => i.alerts).sort((a, b) => a - b);
      assert.deepEqual(alerts, events.filter((e) => isAlert(e.type)).map((e) => e.seq));
      const shuffled = [...events].sort((a, b) => ((a.seq * 7919 + shuffleSeed) % 101) - ((b.seq * 7919 + shuffleSeed) % 101));
      assert.deepEqual(foldIncidents(shuffled), incidents);
      for (const i of incidents) {
        assert.equal(i.acknowledged, null);
        assert.ok(i.events.every((e, k) => k === 0 || (i.events[k - 1]?.seq ?? 0) < e.seq), 'events oldest first');
        if (i.open === false) assert.ok(i.resolvedBy, 'only its own ending closes an unacknowledged incident');
      }
    }),
  );
});

test('every event type outside incidents is ignored by them', () => {
  const others = EVENT_TYPES.filter((t) => !INCIDENT_EVENT_TYPES.includes(t));
  assert.deepEqual(foldIncidents(others.map((t) => ev(t))), []);
});
