import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { addPerson, startTestVigil, tmpDir, waitFor, waitForEvent, type ApiClient, type TestEvent, type TestVigil } from '../helpers.ts';
import { makeClip, portrait } from '../faceVideos.ts';
import { FakeChip, KEYPAD, tapKeys } from '../fakeGpio.ts';
import { ARTIFACTS } from '../browser.ts';
import { ptyPair, type PtyPair } from '../hardware/pty.ts';
import { SimulatedR30x, blankFlash, type SimFlash } from '../hardware/r30xSimulator.ts';
import { SimCard, SimulatedMfrc522 } from '../hardware/mfrc522Simulator.ts';
import { SimI2cBus, SimLcd, SimSsd1306 } from '../hardware/i2cSimulator.ts';

const OUT = path.join(ARTIFACTS, 'hardware');
mkdirSync(OUT, { recursive: true });

type Progress = { step: string; sample?: number };
interface Reader {
  state: string;
  reason: string | null;
  enrolment: { personId: string; duress: boolean; step: Progress | null; captured: number } | null;
}

// The seed's door unit in the running app: card (MFRC522 on SPI), then PIN (matrix keypad on GPIO),
// then finger (R30x on a serial line) or face (camera), with the prompts on an HD44780 LCD. Simulated
// are only the parts on the far side of the buses: a register-level MFRC522 behind the SPI
// transport, an R30x speaking its protocol on a pseudo-terminal (socat), an LCD and an OLED at the
// byte level behind the I2C bus, GPIO lines. The rest is Vigil as it runs.
describe("the seed's door end to end: card -> PIN -> finger or face", () => {
  const clips = tmpDir();
  const chip = new FakeChip();
  const spi = { front: new SimulatedMfrc522(), side: new SimulatedMfrc522() };
  const i2c = new SimI2cBus();
  const lcd = new SimLcd();
  const oled = new SimSsd1306();
  const flash: SimFlash = blankFlash(200);
  let pty: PtyPair;
  let sensor: SimulatedR30x;
  let v: TestVigil;
  let admin: ApiClient;
  let ada = '';
  const events: TestEvent[] = [];
  const adaCard = [0xa1, 0xb2, 0xc3, 0xd4];
  const screen = () => lcd.text(16, 2).join('|');

  /** A new cable to the same module (or another one). */
  const replug = async (next: SimFlash) => {
    await sensor.close();
    await pty.replug();
    sensor = new SimulatedR30x(next);
    await sensor.open(pty.device);
  };

  before(async () => {
    pty = await ptyPair();
    sensor = new SimulatedR30x(flash);
    await sensor.open(pty.device);
    i2c.attach(0x27, lcd);
    i2c.attach(0x3c, oled);
    await makeClip(path.join(clips.dir, 'amy.mp4'), { main: [3, 4, 5].map((n) => portrait('amy', n)) });
    const seed = { chain: ['fob', 'pin', ['finger', 'face']], tailgateWindow: 0, unlockSeconds: 0.3 };
    v = await startTestVigil({
      env: { VIGIL_VISION_WORKERS: '2' },
      start: {
        gpio: () => chip,
        buses: {
          spi: async (_bus, device) => (device === 0 ? spi.front : spi.side),
          i2c: async () => i2c,
        },
      },
      file: {
        doors: [
          {
            id: 'front',
            name: 'Front door',
            ...seed,
            kiosk: true,
            keypads: [{ type: 'mfrc522', bus: 0, device: 0 }, { type: 'matrix', chip: 'gpiochip0', ...KEYPAD }],
            fingerprint: { port: pty.host, baudRate: 57600, password: 0 },
            display: { type: 'hd44780', bus: 1, address: 0x27 },
            feedback: { chip: 'gpiochip0', buzzer: 18, green: 23, red: 24 },
            lock: { type: 'gpio', chip: 'gpiochip0', line: 26 },
          },
          {
            id: 'side',
            name: 'Side door',
            ...seed,
            camera: { input: path.join(clips.dir, 'amy.mp4'), loop: true },
            kiosk: true,
            // A looped clip cannot answer a challenge (test/e2e/challenge.test.ts covers that mode).
            liveness: 'passive',
            keypads: [{ type: 'mfrc522', bus: 0, device: 1 }],
            display: { type: 'ssd1306', bus: 1, address: 0x3c },
          },
        ],
      },
    });
    v.vigil.bus.on('log.appended', (e) => events.push(e));
    admin = await v.client();
    ada = await addPerson(admin, 'amy', [portrait('amy', 1), portrait('amy', 2)]);
    assert.equal((await admin.request('PUT', `/api/people/${ada}/pin`, { pin: '4711' })).status, 204);
    assert.equal((await admin.request('POST', `/api/people/${ada}/fobs`, { fob: 'a1b2c3d4' })).status, 201);
    await waitFor(async () => (await admin.json<Reader>('GET', '/api/doors/front/fingerprint')).state === 'online' || undefined, 15_000, 'fingerprint reader online');
  });

  after(async () => {
    await v?.stop();
    await sensor?.close();
    await pty?.unplug();
    clips.cleanup();
  });

  const next = (match: (e: TestEvent) => boolean, from: number, ms = 15_000) => waitForEvent(events, match, from, ms);

  /** Enrols through the API while playing the person at the sensor, watching the progress the panel polls. */
  async function enrolFinger(person: string, finger: string, duress: boolean, onStep: (p: Progress) => void = () => {}) {
    const seen: string[] = [];
    let done = false;
    const reply = admin.request('POST', `/api/people/${person}/fingerprints`, { door: 'front', duress, label: finger }).finally(() => (done = true));
    let last = '';
    while (!done) {
      const r = await admin.json<Reader>('GET', '/api/doors/front/fingerprint');
      const p = r.enrolment?.step;
      const key = p ? `${p.step}${p.sample ?? ''}` : '';
      if (p && key !== last) {
        last = key;
        seen.push(key);
        if (p.step === 'place') sensor.place(finger);
        if (p.step === 'lift') sensor.lift();
        onStep(p);
      }
      await new Promise((r) => setTimeout(r, 40));
    }
    sensor.lift();
    return { res: await reply, seen };
  }

  /** Card on the reader, PIN on the keypad, then the finger; the card stays on the reader throughout. */
  async function atTheDoor(finger: string, from: number): Promise<TestEvent> {
    const card = spi.front.add(new SimCard(adaCard));
    try {
      await waitFor(() => screen().includes('Enter PIN') || undefined, 10_000, 'the PIN prompt');
      await tapKeys(chip, '4711#', 250);
      await waitFor(() => screen().includes('Place finger') || undefined, 10_000, 'the finger prompt');
      assert.equal(lcd.text(16, 2)[1], ' or face camera ', 'the alternative on the second line');
      sensor.place(finger);
      const answer = await next((e) => (e.type === 'Entry' || e.type === 'Denied') && e.doorId === 'front', from);
      sensor.lift();
      // Held on the reader well past its release time, the card has counted once: no second attempt starts.
      await new Promise((r) => setTimeout(r, 1200));
      assert.notEqual(v.vigil.doors.list().find((d) => d.id === 'front')?.view.state, 'waiting', 'the held card did not start another attempt');
      return answer;
    } finally {
      spi.front.remove(card);
      await new Promise((r) => setTimeout(r, 800)); // the card leaves the field; the result leaves the screen
    }
  }

  test('the panel enrols a finger and an emergency finger: place, lift, place again, with progress', async () => {
    assert.equal(screen(), ' Show your card |' + ' '.repeat(16));
    const index = await enrolFinger(ada, 'ada-index', false);
    assert.equal(index.res.status, 201, await index.res.clone().text());
    assert.deepEqual(index.seen.filter((s) => s.startsWith('place') || s === 'lift'), ['place1', 'lift', 'place2', 'lift']);
    const thumb = await enrolFinger(ada, 'ada-thumb', true);
    assert.equal(thumb.res.status, 201);
    const fingers = await admin.json<Array<{ doorId: string; slot: number; duress: boolean; score: number }>>('GET', `/api/people/${ada}/fingerprints`);
    assert.deepEqual(
      fingers.map((f) => [f.doorId, f.slot, f.duress]),
      [
        ['front', 0, false],
        ['front', 1, true],
      ],
    );
    assert.deepEqual([...flash.library.entries()], [
      [0, 'ada-index'],
      [1, 'ada-thumb'],
    ], 'the templates live in the sensor');
    const again = await enrolFinger(ada, 'ada-index', false);
    assert.equal(again.res.status, 409, 'a finger enrolled already is refused (it cannot double as the emergency finger)');
    const audit = events.filter((e) => e.type === 'ConfigChanged' && e.details.subject === 'fingerprint');
    assert.equal(audit.length, 2);
  });

  test('card, PIN, finger: the lock opens, Entry carries the finger score, the LCD welcomes, the green LED lights', async () => {
    const from = events.length;
    const writes = chip.writes.length;
    const entry = await atTheDoor('ada-index', from);
    assert.equal(entry.type, 'Entry', JSON.stringify(entry.details));
    assert.equal(entry.personId, ada);
    assert.equal(entry.details.factors, 'fob+pin+finger');
    assert.equal(entry.details.mode, 'fob+pin+finger|face');
    assert.equal(entry.details.lock, 'ok');
    assert.equal(typeof entry.details.fingerScore, 'number');
    assert.ok(chip.writes.slice(writes).some(([l, val]) => l === 26 && val === 1), 'the relay');
    assert.ok(chip.writes.slice(writes).some(([l, val]) => l === 23 && val === 1), 'the green LED');
    assert.equal(events.slice(from).filter((e) => e.doorId === 'front' && (e.type === 'Entry' || e.type === 'Denied')).length, 1, 'one answer for one card');
  });

  test('the emergency finger opens as usual and raises a silent DuressAlarm', async () => {
    const from = events.length;
    let welcome = '';
    const off = setInterval(() => screen().includes('Welcome') && (welcome = screen()), 20);
    const entry = await atTheDoor('ada-thumb', from);
    clearInterval(off);
    assert.equal(entry.type, 'Entry', JSON.stringify(entry.details));
    assert.equal(welcome, '  Welcome, amy  |' + ' '.repeat(16), 'the same welcome as for any finger');
    const duress = await next((e) => e.type === 'DuressAlarm', from);
    assert.equal(duress.personId, ada);
    assert.equal(duress.doorId, 'front');
    assert.deepEqual(duress.details, { factors: 'finger' });
    assert.equal('duress' in entry.details, false, 'the Entry looks ordinary');
    // Nothing at the door differs from an ordinary grant.
    const logged = await admin.json<{ events: Array<{ type: string; details: Record<string, unknown> }> }>('GET', '/api/events?type=DuressAlarm&limit=1');
    assert.equal(logged.events[0]?.details.factors, 'finger');
  });

  test("a stranger's finger after a good card and PIN is denied, and the LCD says only Denied", async () => {
    const from = events.length;
    const writes = chip.writes.length;
    let shown = '';
    const off = setInterval(() => screen().includes('Denied') && (shown = screen()), 20);
    const denied = await atTheDoor('mallory', from);
    clearInterval(off);
    assert.equal(denied.type, 'Denied');
    assert.equal(denied.details.reason, 'unknown_finger', JSON.stringify(denied));
    assert.equal(denied.details.factors, 'fob+pin');
    assert.equal(denied.personId, ada, 'the card and PIN were hers');
    assert.equal(shown, '     Denied     |' + ' '.repeat(16));
    assert.ok(!chip.writes.slice(writes).some(([l, val]) => l === 26 && val === 1), 'the lock stayed shut');
    assert.ok(chip.writes.slice(writes).some(([l, val]) => l === 24 && val === 1), 'the red LED');
  });

  test("someone else's enrolled finger after Ada's card and PIN is denied, with the sensor's match score", async () => {
    const bea = await admin.json<{ id: string }>('POST', '/api/people', { name: 'Bea' });
    assert.equal((await enrolFinger(bea.id, 'bea-index', false)).res.status, 201);
    const from = events.length;
    const denied = await atTheDoor('bea-index', from);
    assert.equal(denied.type, 'Denied');
    assert.equal(denied.details.reason, 'person_mismatch', JSON.stringify(denied));
    assert.equal(denied.details.factors, 'fob+pin');
    assert.equal(typeof denied.details.fingerScore, 'number', 'the score of the finger the sensor found');
    assert.equal((await admin.request('DELETE', `/api/people/${bea.id}`)).status, 204);
  });

  test('a reader that garbles its replies at the finger step goes offline, never grants, and the step times out', async () => {
    const from = events.length;
    const writes = chip.writes.length;
    const card = spi.front.add(new SimCard(adaCard));
    try {
      await waitFor(() => screen().includes('Enter PIN') || undefined, 10_000, 'the PIN prompt');
      await tapKeys(chip, '4711#', 250);
      await waitFor(() => screen().includes('Place finger') || undefined, 10_000, 'the finger prompt');
      sensor.faults.corruptReplies = 1_000_000; // every checksum wrong from now on
      sensor.place('ada-index');
      const offline = await next((e) => e.type === 'FingerprintReaderOffline', from);
      assert.equal(offline.details.reason, 'corrupted_replies');
      const answer = await next((e) => (e.type === 'Entry' || e.type === 'Denied') && e.doorId === 'front', from, 25_000);
      assert.deepEqual([answer.type, answer.details.reason], ['Denied', 'timeout']);
      assert.ok(!chip.writes.slice(writes).some(([l, val]) => l === 26 && val === 1), 'the lock stayed shut');
    } finally {
      spi.front.remove(card);
      sensor.lift();
      sensor.faults.corruptReplies = 0;
    }
    await next((e) => e.type === 'FingerprintReaderOnline', from, 20_000);
  });

  test('the reader unplugged mid-enrolment: the enrolment fails, nothing is stored, Offline then Online are logged', async () => {
    const from = events.length;
    let pulled: Promise<void> | undefined;
    const bob = await admin.json<{ id: string }>('POST', '/api/people', { name: 'Bob' });
    const r = await enrolFinger(bob.id, 'bob-index', false, (p) => {
      if (p.step === 'lift' && !pulled) pulled = pty.unplug();
    });
    await pulled;
    assert.equal(r.res.status, 503);
    assert.equal(((await r.res.json()) as { error: string }).error, 'reader_offline');
    assert.deepEqual(await admin.json('GET', `/api/people/${bob.id}/fingerprints`), []);
    const offline = await next((e) => e.type === 'FingerprintReaderOffline', from);
    assert.equal(offline.details.reason, 'disconnected');
    assert.equal((await admin.json<Reader>('GET', '/api/doors/front/fingerprint')).state, 'offline');
    assert.equal((await admin.request('POST', `/api/people/${bob.id}/fingerprints`, { door: 'front' })).status, 503);
    await replug(flash);
    const online = await next((e) => e.type === 'FingerprintReaderOnline', from);
    assert.equal(online.doorId, 'front');
    // Every one of these is in the real event log, with its typed details.
    const logged = await admin.json<{ events: Array<{ seq: number; type: string; details: Record<string, unknown> }> }>('GET', '/api/events?type=FingerprintReaderOffline,FingerprintReaderOnline&limit=10');
    const since = events[from - 1]?.seq ?? 0;
    const [down, up] = logged.events.filter((e) => e.seq > since).reverse();
    assert.deepEqual([down?.type, down?.details], ['FingerprintReaderOffline', { reason: 'disconnected', detail: offline.details.detail }], JSON.stringify(logged.events));
    assert.equal(up?.type, 'FingerprintReaderOnline');
  });

  test('a swapped sensor is not trusted: no enrolment on it; the original, back, is trusted with its fingers', async () => {
    const from = events.length;
    await pty.unplug();
    await replug(blankFlash(200));
    await waitFor(async () => (await admin.json<Reader>('GET', '/api/doors/front/fingerprint')).state === 'untrusted' || undefined, 15_000, 'untrusted');
    const r = await admin.json<Reader>('GET', '/api/doors/front/fingerprint');
    assert.equal(r.reason, 'sensor_replaced');
    assert.equal((await admin.request('POST', `/api/people/${ada}/fingerprints`, { door: 'front' })).status, 409);
    assert.ok(events.slice(from).some((e) => e.type === 'FingerprintReaderOffline' && e.details.reason === 'sensor_replaced'));
    // The original comes back: trusted again, Ada's fingers with it.
    await pty.unplug();
    await replug(flash);
    await waitFor(async () => (await admin.json<Reader>('GET', '/api/doors/front/fingerprint')).state === 'online' || undefined, 15_000, 'online again');
    assert.equal((await admin.json<unknown[]>('GET', `/api/people/${ada}/fingerprints`)).length, 2);
  });

  test('deleting a person deletes their fingers from the sensor and the store', async () => {
    const carol = await admin.json<{ id: string }>('POST', '/api/people', { name: 'Carol' });
    const r = await enrolFinger(carol.id, 'carol-index', false);
    assert.equal(r.res.status, 201);
    const slot = (await r.res.json()) as { slot: number };
    assert.equal(flash.library.get(slot.slot), 'carol-index');
    assert.equal((await admin.request('DELETE', `/api/people/${carol.id}`)).status, 204);
    assert.equal(flash.library.has(slot.slot), false, 'gone from the sensor');
    assert.equal(flash.library.get(0), 'ada-index', "the others' stay");
  });

  test("an admin adopts a new sensor (audited): the old sensor's fingers are forgotten and enrolled again", async () => {
    const from = events.length;
    const fresh = blankFlash(200);
    await pty.unplug();
    await replug(fresh);
    await waitFor(async () => (await admin.json<Reader>('GET', '/api/doors/front/fingerprint')).state === 'untrusted' || undefined, 15_000, 'untrusted');
    const viewer = await v.client('viewer');
    assert.equal((await viewer.request('POST', '/api/doors/front/fingerprint/adopt')).status, 403);
    assert.deepEqual(await admin.json('POST', '/api/doors/front/fingerprint/adopt'), { state: 'online' });
    assert.deepEqual(await admin.json('GET', `/api/people/${ada}/fingerprints`), [], 'fingers on the old sensor cannot count on this one');
    const audit = events.slice(from).find((e) => e.type === 'ConfigChanged' && e.details.subject === 'fingerprint_sensor');
    assert.equal(audit?.doorId, 'front');
    assert.equal((await admin.request('POST', '/api/doors/front/fingerprint/adopt')).status, 409, 'nothing left to adopt');
    const again = await enrolFinger(ada, 'ada-index', false);
    assert.equal(again.res.status, 201);
    assert.deepEqual([...fresh.library.values()], ['ada-index']);
  });

  test('the side door: card, PIN at the kiosk, then the face instead of a finger; its OLED drawn to a PNG', async () => {
    const token = (await admin.json<{ token: string }>('POST', '/api/doors/side/token')).token;
    await v.vigil.faces.warm();
    await oled.png(path.join(OUT, 'seed-door-oled-idle.png'));
    const from = events.length;
    const card = spi.side.add(new SimCard(adaCard));
    await waitFor(() => v.vigil.doors.list().find((d) => d.id === 'side')?.view.state === 'waiting' || undefined, 10_000, 'the PIN step');
    spi.side.remove(card);
    const res = await fetch(`${v.base}/api/terminal/credential`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ factor: 'pin', value: '4711' }),
    });
    const view = (await res.json()) as { state: string; accept: string[] };
    assert.deepEqual([view.state, view.accept], ['looking', ['finger', 'face']]);
    await oled.png(path.join(OUT, 'seed-door-oled-finger-or-face.png'));
    const entry = await next((e) => (e.type === 'Entry' || e.type === 'Denied') && e.doorId === 'side', from, 20_000);
    assert.equal(entry.type, 'Entry', JSON.stringify(entry.details));
    assert.equal(entry.details.factors, 'fob+pin+face');
    assert.ok(Number(entry.details.score) >= 0.92);
    await new Promise((r) => setTimeout(r, 200));
    await oled.png(path.join(OUT, 'seed-door-oled-welcome.png'));
    await lcd.png(16, 2, path.join(OUT, 'seed-door-lcd.png'));
  });
});
