import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { Bus } from '../../src/core/bus.ts';
import type { NewEvent } from '../../src/core/events.ts';
import { openStore, type Store } from '../../src/store/db.ts';
import { SensorRepo } from '../../src/store/sensors.ts';
import { SettingsRepo } from '../../src/store/settings.ts';
import { SensorService } from '../../src/alarm/sensorService.ts';
import { AlarmService } from '../../src/alarm/alarmService.ts';
import type { SensorConfig } from '../../src/config/schema.ts';
import { tmpDir } from '../helpers.ts';
import { sensorHealth, silenceLimitMs } from '../../src/core/sensorHealth.ts';

// The sensor and alarm services on a real store and bus, with the clock in the test's hands.
const base: Omit<SensorConfig, 'id' | 'name'> = { kind: 'window', zone: 'z', entryDelay: 0, bypassHome: false, heartbeat: 0, batteryLow: 20, triggerOnTamper: true, triggerOnOffline: false, signed: false };
const sensors: SensorConfig[] = [
  { ...base, id: 'quiet', name: 'Quiet', heartbeat: 60 },
  { ...base, id: 'guarded', name: 'Guarded', heartbeat: 60, triggerOnOffline: true },
  { ...base, id: 'lid', name: 'Lid', triggerOnTamper: true },
  { ...base, id: 'lax', name: 'Lax', triggerOnTamper: false },
  { ...base, id: 'signer', name: 'Signer', signed: true },
];
const masterKey = randomBytes(32);

let store: Store;
let now = 1_000_000;
let events: NewEvent[] = [];
let bus: Bus;
let svc: SensorService;
let alarm: AlarmService;
const t = tmpDir();

before(async () => {
  store = await openStore({ databaseUrl: '', dataDir: t.dir });
  const repo = new SensorRepo(store.db);
  await repo.syncFromConfig(sensors);
  bus = new Bus();
  const record = (e: NewEvent) => events.push(e);
  const log = pino({ level: 'silent' });
  svc = new SensorService({ repo, bus, record, log, masterKey, now: () => now });
  await svc.start();
  alarm = new AlarmService({ settings: { code: '', codeToArm: false, exitDelay: 0, triggerDuration: 0, disarmAfterTrigger: false }, repo: new SettingsRepo(store.db), sensors: svc, bus, record, log, now: () => now });
  await alarm.start();
});
after(async () => {
  await alarm.stop();
  await svc.stop();
  await store.close();
  t.cleanup();
});

const report = (sensorId: string, r: { contact?: 'open' | 'closed'; battery?: number; tamper?: boolean }) => bus.emit('sensor.report', { sensorId, ...r, receivedAt: now });
const types = () => events.map((e) => `${e.type}:${e.sensorId ?? ''}`);

test('low battery is logged once per crossing, not on every report', () => {
  events = [];
  report('lax', { battery: 50 });
  report('lax', { battery: 20 });
  report('lax', { battery: 19 });
  report('lax', { battery: 18 });
  assert.deepEqual(types().filter((x) => x.startsWith('SensorBattery')), ['SensorBatteryLow:lax']);
  report('lax', { battery: 90 });
  report('lax', { battery: 10 });
  assert.equal(types().filter((x) => x.startsWith('SensorBattery')).length, 2);
});

test('a sensor never heard from is waiting, not offline, however long it stays silent', () => {
  events = [];
  assert.equal(sensorHealth(svc.get('quiet')?.state ?? { online: null, lastSeen: null }), 'waiting');
  now += 3_600_000;
  svc.checkHeartbeats(now);
  assert.deepEqual(types().filter((x) => x.startsWith('SensorOffline')), []);
  assert.equal(sensorHealth(svc.get('quiet')?.state ?? { online: null, lastSeen: null }), 'waiting');
});

test('a silent sensor goes offline after its heartbeat window and a grace, once, and comes back', () => {
  events = [];
  report('quiet', { contact: 'closed' });
  report('guarded', { contact: 'closed' });
  assert.equal(sensorHealth(svc.get('quiet')?.state ?? { online: null, lastSeen: null }), 'online');
  now += 61_000;
  svc.checkHeartbeats(now);
  assert.deepEqual(types().filter((x) => x.startsWith('SensorOffline')), [], 'a message a second late is within the grace');
  now += 6_000;
  svc.checkHeartbeats(now);
  svc.checkHeartbeats(now + 5_000);
  assert.deepEqual(types().filter((x) => x.startsWith('SensorOffline')).sort(), ['SensorOffline:guarded', 'SensorOffline:quiet']);
  assert.equal(svc.get('quiet')?.state.online, false);
  assert.equal(sensorHealth(svc.get('quiet')?.state ?? { online: null, lastSeen: null }), 'offline');
  report('quiet', { contact: 'closed' });
  assert.ok(types().includes('SensorOnline:quiet'));
  assert.equal(svc.get('quiet')?.state.online, true);
});

test('tamper is logged once; it triggers an armed alarm only where configured', () => {
  events = [];
  alarm.command('ARM_AWAY', undefined, 'test');
  assert.equal(alarm.state.state, 'armed_away');
  report('lax', { tamper: true });
  report('lax', { tamper: true });
  assert.deepEqual(types().filter((x) => x.startsWith('SensorTamper')), ['SensorTamper:lax']);
  assert.equal(alarm.state.state, 'armed_away', 'lax does not trigger on tamper');
  report('lid', { tamper: true });
  assert.equal(alarm.state.state, 'triggered');
  assert.equal(alarm.state.triggeredBy, 'lid');
  alarm.command('DISARM', undefined, 'test');
});

test('a sensor going offline triggers the armed alarm when configured, by last will or by silence', () => {
  alarm.command('ARM_HOME', undefined, 'test');
  report('guarded', { contact: 'closed' });
  bus.emit('sensor.availability', { sensorId: 'guarded', online: false, receivedAt: now });
  assert.equal(alarm.state.state, 'triggered');
  assert.deepEqual(events.filter((e) => e.type === 'SensorOffline' && e.sensorId === 'guarded').at(-1)?.details, { name: 'Guarded', reason: 'last_will' });
  alarm.command('DISARM', undefined, 'test');
  alarm.command('ARM_AWAY', undefined, 'test');
  bus.emit('sensor.availability', { sensorId: 'quiet', online: false, receivedAt: now });
  assert.equal(alarm.state.state, 'armed_away', 'quiet is not configured to trigger');
  alarm.command('DISARM', undefined, 'test');
});

test('state survives a restart: saved sensor states and the alarm state are read back', async () => {
  alarm.command('ARM_AWAY', undefined, 'test');
  report('lax', { contact: 'open', battery: 77 });
  svc.acceptSeq('signer', 41);
  const key = svc.signing('signer')?.key;
  await alarm.stop();
  await svc.stop();
  const repo = new SensorRepo(store.db);
  const again = new SensorService({ repo, bus: new Bus(), record: () => {}, log: pino({ level: 'silent' }), masterKey });
  await again.start();
  assert.deepEqual([again.get('lax')?.state.contact, again.get('lax')?.state.battery], ['open', 77]);
  assert.deepEqual(again.signing('signer'), { key, lastSeq: 41 }, 'the replay counter and the key survive a restart');
  assert.equal(again.signing('lax'), undefined, 'an unsigned sensor has no key');
  const alarm2 = new AlarmService({ settings: { code: '', codeToArm: false, exitDelay: 0, triggerDuration: 0, disarmAfterTrigger: false }, repo: new SettingsRepo(store.db), sensors: again, bus: new Bus(), record: () => {}, log: pino({ level: 'silent' }) });
  await alarm2.start();
  assert.equal(alarm2.state.state, 'triggered', 'the opening while armed away triggered, and a restart does not undo it');
  await alarm2.stop();
  await again.stop();
  // Restart the originals for the after() hook.
  await svc.start();
  await alarm.start();
});

test('a new key replaces the old one and starts the replay counter afresh', async () => {
  const old = svc.signing('signer')?.key;
  svc.acceptSeq('signer', 7);
  const fresh = await svc.newKey('signer');
  assert.ok(fresh && old && !fresh.equals(old));
  assert.deepEqual(svc.signing('signer'), { key: fresh, lastSeq: null });
});

test('the alarm code: a source guessing it is locked out (logged), others are not, and it may try again later', async () => {
  const guarded = new AlarmService({
    settings: { code: '2468', codeToArm: false, exitDelay: 0, triggerDuration: 0, disarmAfterTrigger: false },
    repo: new SettingsRepo(store.db),
    sensors: svc,
    bus: new Bus(),
    record: (e) => events.push(e),
    log: pino({ level: 'silent' }),
    now: () => now,
  });
  events = [];
  assert.equal(guarded.command('ARM_AWAY', undefined, 'mqtt').ok, true, 'arming needs no code here');
  for (let i = 0; i < 5; i++) assert.equal(guarded.command('DISARM', `000${i}`, 'mqtt').ok, false);
  const locked = guarded.command('DISARM', '2468', 'mqtt');
  assert.deepEqual([locked.ok, !locked.ok && locked.reason], [false, 'locked_out'], 'even the right code waits out the lockout');
  assert.equal(guarded.checkCode('2468', 'mqtt', 'unlock:front'), 'locked_out', 'a remote unlock from the same source too');
  assert.equal(events.filter((e) => e.type === 'AlarmCommandRejected' && e.details?.reason === 'too_many_wrong_codes' && e.details.via === 'mqtt').length, 1, 'the lockout is logged once');
  assert.equal(events.filter((e) => e.type === 'AlarmCommandRejected').length, 5 + 1, 'five wrong codes and the lockout; the refusals during it are not logged one by one');
  assert.equal(guarded.checkCode('2468', 'http:alice', 'disarm'), 'ok', 'another source is not locked out');
  now += 61_000;
  assert.equal(guarded.command('DISARM', '2468', 'mqtt').ok, true, 'after the lockout the right code works');
  assert.equal(guarded.state.state, 'disarmed');
  await guarded.stop();
});

test('a sensor added while Vigil runs gets its whole heartbeat window from the moment it is added', async () => {
  events = [];
  now += 10 * 3_600_000;
  assert.ok(await svc.add({ ...base, id: 'fresh', name: 'Fresh', heartbeat: 30 }));
  report('fresh', { contact: 'closed' });
  // The report above carries the current time; one read back from the store before Vigil started would not.
  // Only the new sensor is looked at: the others have been silent for the ten hours just skipped.
  const freshOffline = () => types().filter((x) => x === 'SensorOffline:fresh');
  svc.checkHeartbeats(now + 600);
  assert.deepEqual(freshOffline(), [], 'not offline 0.6 s after being added');
  svc.checkHeartbeats(now + silenceLimitMs(30) + 1);
  assert.deepEqual(freshOffline(), ['SensorOffline:fresh']);
  await svc.remove('fresh');
});

test('the silence limit is the heartbeat plus a tenth of it, at least 2 s', () => {
  assert.equal(silenceLimitMs(60), 66_000);
  assert.equal(silenceLimitMs(5), 7_000);
  assert.equal(silenceLimitMs(600), 660_000);
});
