import { test } from 'node:test';
import assert from 'node:assert/strict';
import { homeStatus } from '../../web/src/status.ts';
import { readiness } from '../../web/src/readiness.ts';
import type { Alarm, Credential, Door, Incident, Sensor } from '../../web/src/api.ts';

const alarm = (over: Partial<Alarm> = {}): Alarm => ({ state: 'armed_away', mode: 'away', deadline: null, triggeredBy: null, since: 0, codeRequired: { arm: false, disarm: true }, ...over });
const sensor = (id: string, name: string, state: Partial<Sensor['state']> = {}, over: Partial<Sensor> = {}): Sensor =>
  ({
    id,
    name,
    kind: 'door',
    zone: 'z',
    entryDelay: 30,
    bypassHome: false,
    heartbeat: 0,
    batteryLow: 20,
    triggerOnTamper: true,
    triggerOnOffline: false,
    signed: false,
    source: 'api',
    state: { contact: 'closed', battery: null, tamper: null, online: true, lastSeen: 1, ...state },
    ...over,
  }) as Sensor;
const names = { sensor: (id: string) => ({ front: 'Front door', kw: 'Kitchen window' })[id] };

test('green: all closed and well, with the alarm state and how many are closed', () => {
  const s = homeStatus(alarm(), [sensor('front', 'Front door'), sensor('kw', 'Kitchen window')], [], names);
  assert.deepEqual(s, { level: 'ok', headline: 'All secure · Armed away · 2 closed', notes: [] });
});

test('amber: an open window, a low battery, a sensor never heard from or gone silent', () => {
  const s = homeStatus(
    alarm({ state: 'disarmed', mode: null }),
    [sensor('kw', 'Kitchen window', { contact: 'open' }), sensor('hall', 'Hall sensor', { battery: 15 }), sensor('g', 'Garage', { contact: null, lastSeen: null, online: null }), sensor('b', 'Back', { online: false })],
    [],
    names,
  );
  assert.equal(s.level, 'warn');
  assert.equal(s.headline, 'Kitchen window open · Hall sensor battery 15 % · 2 more');
  assert.deepEqual(s.notes, ['Kitchen window open', 'Hall sensor battery 15 %', 'Garage waiting for its first message', 'Back offline']);
});

test('red: triggered or in the entry delay, named by the sensor; an open critical incident', () => {
  assert.match(homeStatus(alarm({ state: 'triggered', triggeredBy: 'front', since: Date.parse('2026-01-01T21:36:00') }), [], [], names).headline, /^INTRUSION · Front door · \d\d?:36/);
  assert.equal(homeStatus(alarm({ state: 'pending', triggeredBy: 'kw' }), [], [], names).level, 'alert');
  const duress = { id: 1, kind: 'duress', severity: 'critical', open: true, updatedAt: 0, headline: { seq: 1, time: 0, type: 'DuressAlarm', doorId: 'front', sensorId: null, personId: null, details: {}, prevHash: '', hash: '' } } as unknown as Incident;
  const s = homeStatus(alarm({ state: 'disarmed', mode: null }), [], [duress], names);
  assert.equal(s.level, 'alert');
  assert.match(s.headline, /^DURESS ALARM · Someone used the duress PIN at front: silent alarm · /);
});

test('ready for the door: what each door the person may use asks for', () => {
  const door = (id: string, mode: string) => ({ id, name: id, mode }) as Door;
  const cred = (kind: Credential['kind']) => ({ id: kind, personId: 'p', kind, createdAt: 0 }) as Credential;
  const face = { templates: [{}] as never[], access: { doors: null, schedule: null } };
  const none = { templates: [] as never[], access: { doors: null, schedule: null } };
  assert.deepEqual(readiness(face, [cred('pin')], []), { ready: true, lines: [] });
  assert.deepEqual(readiness(none, [], []), { ready: false, lines: ['needs a face and a PIN or fob'] });
  assert.deepEqual(readiness(face, [cred('pin')], [door('front', 'pin_face'), door('garage', 'fob_face')]), { ready: false, lines: ['garage (fob + face) needs a fob'] });
  assert.deepEqual(readiness({ ...face, access: { doors: ['front'], schedule: null } }, [cred('pin')], [door('front', 'pin_face'), door('garage', 'fob_face')]), { ready: true, lines: [] });
  assert.deepEqual(readiness({ ...face, access: { doors: [], schedule: null } }, [cred('pin')], [door('front', 'pin_face')]), { ready: false, lines: ['may use no door'] });
  const seed = { ...door('seed', 'pin_face'), chain: [['fob'], ['pin'], ['finger', 'face']] } as Door;
  assert.deepEqual(readiness(none, [cred('pin'), cred('fob')], [seed]), { ready: false, lines: ['seed (fob + PIN + finger or face) needs a finger or a face'] });
  assert.deepEqual(readiness(none, [cred('pin'), cred('fob')], [seed], 1), { ready: true, lines: [] }, 'a finger is one of the alternatives');
  assert.deepEqual(readiness(face, [], [seed]), { ready: false, lines: ['seed (fob + PIN + finger or face) needs a fob and a PIN'] });
});
