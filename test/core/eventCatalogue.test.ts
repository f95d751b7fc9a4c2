import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EVENT_TYPES, type EventType } from '../../src/core/events.ts';
import { auditEvent } from '../../src/core/audit.ts';
import { describeEvent, EVENT_CATALOGUE, EVENT_GROUPS, typesOf, type EventFacts } from '../../src/core/eventCatalogue.ts';

// Maps, as the panel keeps them: an id such as "__proto__" must not find an object's prototype.
const lookup = (entries: Record<string, string>) => {
  const m = new Map(Object.entries(entries));
  return (id: string) => m.get(id);
};
const names = { person: lookup({ p1: 'Ada' }), door: lookup({ front: 'Front door' }), sensor: lookup({ kw: 'Kitchen window' }) };
const facts = (type: EventType, over: Partial<EventFacts> = {}): EventFacts => ({ type, doorId: null, sensorId: null, personId: null, details: {}, ...over });
const say = (type: EventType, over: Partial<EventFacts> = {}) => describeEvent(facts(type, over), names).sentence;

test('sentences use names, not ids, and plain words, not codes', () => {
  assert.equal(say('Entry', { doorId: 'front', personId: 'p1', details: { factors: 'pin+face' } }), 'Ada entered at Front door (PIN + face)');
  assert.equal(say('Intrusion', { sensorId: 'kw', details: { alarm: 'armed_away', name: 'Kitchen window' } }), 'Kitchen window opened while armed');
  assert.equal(say('AlarmTriggered', { sensorId: 'kw', details: { reason: 'sensor:kw' } }), 'Kitchen window opened while armed');
  assert.equal(say('AlarmTriggered', { sensorId: 'kw', details: { reason: 'entry_delay_elapsed' } }), 'Kitchen window opened and nobody disarmed in time');
  assert.equal(describeEvent(facts('AlarmTriggered', { sensorId: 'kw', details: { reason: 'entry_delay_elapsed' } }), names).title, 'Alarm triggered');
  assert.equal(say('AlarmArmed', { details: { reason: 'exit_delay_elapsed', mode: 'away' } }), 'Armed away after the exit delay');
  assert.equal(say('AlarmDisarmed', { details: { via: 'door:front' } }), 'Disarmed at Front door');
  assert.equal(say('AlarmDisarmed', { details: { via: 'mqtt' } }), 'Disarmed from Home Assistant');
  assert.equal(say('Denied', { doorId: 'front', details: { reason: 'not_live' } }), 'Refused at Front door: the face did not look live (a photo or a screen?)');
  assert.equal(say('SensorBatteryLow', { sensorId: 'kw', details: { battery: 15 } }), 'Kitchen window battery at 15 %');
  const added = auditEvent({ subject: 'sensor', action: 'created', target: 'kw', by: 'root', from: '127.0.0.1' });
  assert.equal(say('ConfigChanged', { sensorId: added.sensorId, details: added.details }), 'root added sensor Kitchen window', 'the audit event as audit.ts builds it, named');
  const token = auditEvent({ subject: 'door_token', action: 'issued', target: 'front', by: 'root', from: '127.0.0.1' });
  assert.equal(say('ConfigChanged', { doorId: token.doorId, details: token.details }), 'root issued a new kiosk token for Front door');
  const channel = auditEvent({ subject: 'notify_channel', action: 'created', target: '412a519a-794f-4d56-af77-977349153a0d', by: 'root', from: '127.0.0.1' });
  assert.equal(say('ConfigChanged', { details: channel.details }), 'root added alert channel', 'a generated id is not a name: left out');
  const pin = auditEvent({ subject: 'pin', action: 'changed', target: 'p1', by: 'root', from: '127.0.0.1' });
  assert.equal(say('ConfigChanged', { personId: pin.personId, details: pin.details }), 'root changed PIN for Ada');
  assert.equal(say('SignInFailed', { details: { username: 'eve', from: '10.0.0.9', reason: 'wrong_password' } }), 'Sign-in as eve failed from 10.0.0.9: wrong password');
  assert.equal(say('AlertAcknowledged', { details: { alertType: 'AlarmTriggered', alerts: 3, by: 'ann' } }), 'ann acknowledged alarm triggered (3 alerts)');
});

test('an id nobody knows is shown as it is; a deleted person is said so', () => {
  assert.equal(say('SensorOpened', { sensorId: 'x9' }), 'x9 opened');
  assert.equal(say('SensorOpened', { sensorId: 'x9', details: { name: 'Logged name' } }), 'Logged name opened', 'the name logged with the event beats the bare id');
  assert.equal(say('Exit', { doorId: 'front', personId: 'gone' }), 'someone no longer enrolled left by Front door');
});

test('every event type has a title, an icon, a severity and a group; every group is listed', () => {
  for (const t of EVENT_TYPES) {
    const c = EVENT_CATALOGUE[t];
    assert.ok(c.title && c.icon && c.severity && c.group, t);
    assert.doesNotMatch(c.title, /[a-z][A-Z]/, `${t}: a title in words, not CamelCase`);
  }
  assert.deepEqual(EVENT_GROUPS.flatMap((g) => typesOf(g.group)).sort(), [...EVENT_TYPES].sort());
  assert.deepEqual(typesOf('audit').filter((t) => t !== 'AlertAcknowledged'), ['ConfigChanged', 'SignedIn', 'SignInFailed']);
});

test('property: any details, any ids: a non-empty sentence without "undefined", "[object" or "null"', () => {
  const value = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
  fc.assert(
    fc.property(
      fc.constantFrom(...EVENT_TYPES),
      fc.dictionary(fc.constantFrom('reason', 'factors', 'via', 'by', 'mode', 'battery', 'seconds', 'faces', 'camera', 'lock', 'command', 'alertType', 'alerts', 'subject', 'action', 'target', 'name', 'username', 'from'), value),
      fc.option(fc.string({ minLength: 1 })),
      fc.option(fc.string({ minLength: 1 })),
      fc.option(fc.string({ minLength: 1 })),
      (type, details, doorId, sensorId, personId) => {
        const w = describeEvent({ type, details, doorId, sensorId, personId }, names);
        assert.ok(w.sentence.trim().length > 0);
        assert.doesNotMatch(w.sentence, /undefined|\[object|\bnull\b/);
      },
    ),
  );
});
