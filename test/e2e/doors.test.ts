import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import sharp from 'sharp';
import { addPerson, startTestVigil, waitForEvent, tmpDir, type ApiClient, type TestVigil, type TestEvent } from '../helpers.ts';
import { makeClip, portrait } from '../faceVideos.ts';
import { internalMqtt, mqttClientOptions } from '../../src/app.ts';

// The door end to end: real ffmpeg cameras playing clips made from real photos, the real face
// engine, the kiosk API with door tokens, an MQTT lock on the built-in broker, a webhook lock on a
// local HTTP server. Only the person at the door is simulated.
describe('door access end to end', () => {
  const clips = tmpDir();
  let v: TestVigil;
  let admin: ApiClient;
  let locks: MqttClient;
  let webhook: Server;
  const lockCommands: string[] = [];
  const webhookCalls: Array<{ body: string; signature: string | undefined }> = [];
  const tokens: Record<string, string> = {};
  const people: Record<string, string> = {};
  const events: TestEvent[] = [];

  const cam = (file: string) => ({ input: path.join(clips.dir, file), loop: true });

  before(async () => {
    const amy = [3, 4, 5].map((n) => portrait('amy', n));
    await Promise.all([
      makeClip(path.join(clips.dir, 'amy.mp4'), { main: amy }),
      makeClip(path.join(clips.dir, 'penny.mp4'), { main: [3, 4, 5].map((n) => portrait('penny', n)) }),
      makeClip(path.join(clips.dir, 'howard.mp4'), { main: [3, 4, 5].map((n) => portrait('howard', n)) }),
      makeClip(path.join(clips.dir, 'amy-still.mp4'), { main: [portrait('amy', 3)] }),
      makeClip(path.join(clips.dir, 'tailgate.mp4'), { main: amy, behind: [3, 4, 5].map((n) => portrait('penny', n)) }),
    ]);
    webhook = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        webhookCalls.push({ body, signature: req.headers['x-vigil-signature'] as string | undefined });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => webhook.listen(0, '127.0.0.1', r));
    const webhookUrl = `http://127.0.0.1:${(webhook.address() as { port: number }).port}/unlock`;

    // Doors that should let Amy in get a generous window: a loaded test machine may be slow, and
    // a grant ends the look at once anyway. Doors that deny pay their window in test time.
    const door = { faceWindow: 3, tailgateWindow: 0 };
    const granting = { ...door, faceWindow: 8 };
    v = await startTestVigil({
      env: { VIGIL_VISION_WORKERS: '2' },
      file: {
        alarm: { code: '1234', exitDelay: 0 },
        sensors: [{ id: 'front-contact', name: 'Front door contact', signed: false }],
        doors: [
          { id: 'front', name: 'Front door', ...granting, camera: cam('amy.mp4'), lock: { type: 'mqtt' }, unlockSeconds: 1, disarmAlarm: true, contactSensor: 'front-contact', heldOpen: 1 },
          { id: 'side', name: 'Side door', ...door, camera: cam('penny.mp4') },
          { id: 'garage', name: 'Garage', ...door, camera: cam('howard.mp4') },
          { id: 'back', name: 'Back door', ...door, faceWindow: 1, maxFailures: 5, lockout: 60, camera: cam('amy.mp4') },
          { id: 'photo', name: 'Photo door', ...door, camera: cam('amy-still.mp4') },
          { id: 'office', name: 'Office', ...granting, tailgateWindow: 4, camera: cam('tailgate.mp4'), lock: { type: 'webhook', url: webhookUrl, secret: 'hook-secret' } },
          { id: 'broken', name: 'Broken camera', ...door, camera: { input: path.join(clips.dir, 'missing.mp4') } },
        ],
      },
    });
    v.vigil.bus.on('log.appended', (e) => events.push(e));
    admin = await v.client();
    for (const name of ['amy', 'penny']) people[name] = await addPerson(admin, name, [portrait(name, 1), portrait(name, 2)]);
    for (const [who, kind, pin] of [['amy', 'pin', '4711'], ['amy', 'duress-pin', '9110'], ['penny', 'pin', '2580']] as const) {
      assert.equal((await admin.request('PUT', `/api/people/${people[who]}/${kind}`, { pin })).status, 204);
    }
    for (const id of ['front', 'side', 'garage', 'back', 'photo', 'office']) {
      tokens[id] = (await admin.json<{ token: string }>('POST', `/api/doors/${id}/token`)).token;
    }
    const login = internalMqtt(v.config, Number(new URL(v.vigil.mqttUrl).port));
    locks = await mqtt.connectAsync(login.url, mqttClientOptions(login));
    await locks.subscribeAsync('vigil/door/+/lock/set');
    locks.on('message', (topic, payload) => lockCommands.push(`${topic} ${payload.toString()}`));
    await v.vigil.faces.warm();
  });

  after(async () => {
    await locks?.endAsync();
    await v?.stop();
    webhook?.close();
    clips.cleanup();
  });

  const typePin = (door: string, pin: string) =>
    fetch(`${v.base}/api/terminal/credential`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens[door]}`, 'content-type': 'application/json' },
      body: JSON.stringify({ factor: 'pin', value: pin }),
    });

  /** The next logged event that matches, waiting up to `ms`. */
  const waitFor = (match: (e: TestEvent) => boolean, ms = 10_000, from = 0) => waitForEvent(events, match, from, ms);

  test('the enrolled person types their PIN and is in view: unlocked, Entry logged with a snapshot, alarm disarmed', async () => {
    assert.equal(v.vigil.alarm.command('ARM_AWAY', '1234', 'test').ok, true);
    const from = events.length;
    const res = await typePin('front', '4711');
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { state: string }).state, 'looking', 'the door asks for the face');
    const entry = await waitFor((e) => e.type === 'Entry' && e.doorId === 'front', 12_000, from);
    assert.equal(entry.personId, people.amy);
    assert.equal(entry.details.factors, 'pin+face');
    assert.equal(entry.details.lock, 'ok');
    assert.ok(Number(entry.details.score) >= 0.92, `score ${entry.details.score}`);
    assert.ok(lockCommands.includes('vigil/door/front/lock/set UNLOCK'), lockCommands.join());
    const snap = await admin.request('GET', `/api/snapshots/${entry.details.snapshot as string}`);
    assert.equal(snap.status, 200);
    assert.equal((await sharp(Buffer.from(await snap.arrayBuffer())).metadata()).format, 'jpeg');
    assert.equal(v.vigil.alarm.state.state, 'disarmed');
    assert.ok(events.slice(from).every((e) => e.type !== 'DuressAlarm' && e.type !== 'Tailgating'));
    const door = (await admin.json<Array<{ id: string; lastAccess: { type: string } | null }>>('GET', '/api/doors')).find((d) => d.id === 'front');
    assert.equal(door?.lastAccess?.type, 'Entry');
  });

  test("someone else's enrolled face with that PIN is denied, and nothing opens", async () => {
    const from = events.length;
    await typePin('side', '4711');
    const denied = await waitFor((e) => e.type === 'Denied' && e.doorId === 'side', 10_000, from);
    assert.equal(denied.details.reason, 'face_mismatch');
    assert.equal(denied.personId, people.amy, 'the log says whose PIN was tried');
    assert.equal(typeof denied.details.snapshot, 'string');
    assert.ok(!events.slice(from).some((e) => e.type === 'Entry'));
  });

  test('a stranger with a valid PIN is denied', async () => {
    const from = events.length;
    await typePin('garage', '2580');
    const denied = await waitFor((e) => e.type === 'Denied' && e.doorId === 'garage', 10_000, from);
    assert.equal(denied.details.reason, 'face_mismatch');
  });

  test('a photo held still in front of the camera is denied as not live', async () => {
    const from = events.length;
    await typePin('photo', '4711');
    const denied = await waitFor((e) => e.type === 'Denied' && e.doorId === 'photo', 10_000, from);
    assert.equal(denied.details.reason, 'not_live');
    assert.match(String(denied.details.liveness), /depth|blink|parallax|motion|antispoof/i);
  });

  test('the duress PIN opens the door like any other day and raises a silent DuressAlarm', async () => {
    const from = events.length;
    const res = await typePin('front', '9110');
    assert.equal(((await res.json()) as { state: string }).state, 'looking');
    const entry = await waitFor((e) => e.type === 'Entry' && e.doorId === 'front', 12_000, from);
    const duress = await waitFor((e) => e.type === 'DuressAlarm', 10_000, from);
    assert.equal(entry.personId, people.amy);
    assert.equal(duress.personId, people.amy);
    assert.equal('duress' in entry.details, false, 'the Entry itself looks ordinary');
    const view = await fetch(`${v.base}/api/terminal`, { headers: { authorization: `Bearer ${tokens.front}` } });
    assert.equal(((await view.json()) as { view: { state: string } }).view.state, 'granted');
  });

  test('five wrong PINs lock the terminal out and raise an alert; further tries are refused', async () => {
    const from = events.length;
    for (let i = 0; i < 5; i++) {
      await typePin('back', `00000${i}`);
      await waitFor((e) => e.type === 'Denied' && e.doorId === 'back', 5000, events.length);
    }
    const lockout = await waitFor((e) => e.type === 'TerminalLockout' && e.doorId === 'back', 10_000, from);
    assert.equal(lockout.details.seconds, 60);
    const denials = events.slice(from).filter((e) => e.type === 'Denied' && e.doorId === 'back');
    assert.ok(denials.every((e) => e.details.reason === 'unknown_credential' && e.personId === null));
    const res = await typePin('back', '4711');
    assert.equal(((await res.json()) as { state: string }).state, 'locked_out', 'even the right PIN waits out the lockout');
    assert.equal((await waitFor((e) => e.type === 'Denied' && e.details.reason === 'locked_out', 10_000, from)).doorId, 'back');
  });

  test('a second face following the granted person in is logged as Tailgating; the webhook lock is signed', async () => {
    const from = events.length;
    const calls = webhookCalls.length;
    await typePin('office', '4711');
    const entry = await waitFor((e) => e.type === 'Entry' && e.doorId === 'office', 12_000, from);
    assert.equal(entry.personId, people.amy);
    const tail = await waitFor((e) => e.type === 'Tailgating' && e.doorId === 'office', 6000, from);
    assert.equal(tail.details.faces, 2);
    assert.equal(typeof tail.details.snapshot, 'string');
    const call = webhookCalls[calls];
    assert.ok(call, 'the webhook lock was called');
    assert.equal(call.signature, `sha256=${createHmac('sha256', 'hook-secret').update(call.body).digest('hex')}`);
    assert.equal((JSON.parse(call.body) as { door: string; action: string }).action, 'unlock');
  });

  test('the door contact opening without a grant is DoorForced; left open it is DoorHeldOpen', async () => {
    const from = events.length;
    // Past the front door's last grant (1 s unlock + 3 s grace), an opening is unexpected.
    const lastGrant = events.filter((e) => e.doorId === 'front' && e.type === 'Entry').pop()?.time ?? 0;
    await new Promise((r) => setTimeout(r, Math.max(0, lastGrant + 4500 - Date.now())));
    await locks.publishAsync('vigil/sensor/front-contact/state', JSON.stringify({ contact: 'open' }), { qos: 1 });
    const forced = await waitFor((e) => e.type === 'DoorForced', 10_000, from);
    assert.equal(forced.doorId, 'front');
    await waitFor((e) => e.type === 'DoorHeldOpen' && e.doorId === 'front', 10_000, from);
    await locks.publishAsync('vigil/sensor/front-contact/state', JSON.stringify({ contact: 'closed' }), { qos: 1 });
  });

  test('a camera that cannot be read is reported offline, and retried', async () => {
    const { events: offline } = await admin.json<{ events: TestEvent[] }>('GET', '/api/events?type=CameraOffline&doorId=broken');
    assert.equal(offline.length, 1, 'reported once, not at every retry');
    assert.match(String(offline[0]?.details.detail), /ffmpeg exited/);
    const door = (await admin.json<Array<{ id: string; camera: string }>>('GET', '/api/doors')).find((d) => d.id === 'broken');
    assert.equal(door?.camera, 'offline');
  });

  test('the kiosk API needs its door token and validates what it gets', async () => {
    assert.equal((await fetch(`${v.base}/api/terminal`)).status, 401);
    assert.equal((await fetch(`${v.base}/api/terminal`, { headers: { authorization: 'Bearer vd_nottherighttokenatallnottherightone' } })).status, 401);
    const bad = await fetch(`${v.base}/api/terminal/credential`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.side}`, 'content-type': 'application/json' },
      body: JSON.stringify({ factor: 'pin', value: '1'.repeat(100) }),
    });
    assert.equal(bad.status, 400);
    const frame = await fetch(`${v.base}/api/terminal/frame`, { method: 'POST', headers: { authorization: `Bearer ${tokens.side}`, 'content-type': 'image/jpeg' }, body: Buffer.from('not a jpeg') });
    assert.equal(frame.status, 409, 'a door with its own camera takes no kiosk frames');
    // A new token revokes the old one.
    const old = tokens.side;
    tokens.side = (await admin.json<{ token: string }>('POST', '/api/doors/side/token')).token;
    assert.equal((await fetch(`${v.base}/api/terminal`, { headers: { authorization: `Bearer ${old}` } })).status, 401);
    const viewer = await v.client('viewer');
    assert.equal((await viewer.request('POST', '/api/doors/front/token')).status, 403);
    assert.equal((await viewer.request('POST', '/api/doors/front/unlock')).status, 403);
  });
});
