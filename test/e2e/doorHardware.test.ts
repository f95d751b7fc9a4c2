import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, openSync, writeSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { addPerson, startTestVigil, waitFor, waitForEvent, tmpDir, type ApiClient, type TestVigil, type TestEvent } from '../helpers.ts';
import { makeClip, portrait } from '../faceVideos.ts';
import { FakeChip, GND, KEYPAD, tapKeys } from '../fakeGpio.ts';
import { inputEventSize } from '../../src/hardware/inputKeypad.ts';

// A door wired to GPIO: a 4x4 matrix keypad, a relay, an exit button (simulated pins: the one
// hardware edge), with real ffmpeg cameras inside and out and the real face engine.
describe('a GPIO-wired door end to end', () => {
  const clips = tmpDir();
  const chip = new FakeChip();
  let v: TestVigil;
  let admin: ApiClient;
  const people: Record<string, string> = {};
  const events: TestEvent[] = [];
  let usbKeypad = -1;

  before(async () => {
    // The USB keypad's event device: a FIFO held open for writing, as the kernel would hold it.
    const fifo = path.join(clips.dir, 'event-kbd');
    execFileSync('mkfifo', [fifo]);
    usbKeypad = openSync(fifo, 'r+');
    await makeClip(path.join(clips.dir, 'amy.mp4'), { main: [3, 4, 5].map((n) => portrait('amy', n)) });
    await makeClip(path.join(clips.dir, 'penny.mp4'), { main: [3, 4, 5].map((n) => portrait('penny', n)) });
    const cam = (file: string) => ({ input: path.join(clips.dir, file), loop: true });
    v = await startTestVigil({
      env: { VIGIL_VISION_WORKERS: '2' },
      start: { gpio: () => chip },
      file: {
        doors: [
          {
            id: 'lab',
            name: 'Lab',
            faceWindow: 8,
            tailgateWindow: 0,
            unlockSeconds: 0.3,
            camera: cam('amy.mp4'),
            exitCamera: cam('amy.mp4'),
            keypads: [{ type: 'matrix', chip: 'gpiochip0', ...KEYPAD }],
            lock: { type: 'gpio', chip: 'gpiochip0', line: 26 },
            exitButton: { chip: 'gpiochip0', line: 4 },
          },
          { id: 'desk', name: 'Exit desk', direction: 'exit', faceWindow: 8, tailgateWindow: 0, camera: cam('amy.mp4'), keypads: [{ type: 'input', device: fifo }] },
          { id: 'studio', name: 'Studio', mode: 'face_only', faceWindow: 8, tailgateWindow: 0, unlockSeconds: 0.3, camera: cam('penny.mp4'), lock: { type: 'gpio', chip: 'gpiochip0', line: 25 } },
        ],
      },
    });
    v.vigil.bus.on('log.appended', (e) => events.push(e));
    admin = await v.client();
    for (const name of ['amy', 'penny']) people[name] = await addPerson(admin, name, [portrait(name, 1), portrait(name, 2)]);
    assert.equal((await admin.request('PUT', `/api/people/${people.amy}/pin`, { pin: '4711' })).status, 204);
    await v.vigil.faces.warm();
  });
  after(async () => {
    await v?.stop();
    if (usbKeypad >= 0) closeSync(usbKeypad);
    clips.cleanup();
  });

  const waitForLogged = (match: (e: TestEvent) => boolean, from: number, ms = 12_000) => waitForEvent(events, match, from, ms);

  test('PIN on the matrix keypad, face in view: the relay pulses and Entry is logged', async () => {
    const from = events.length, writes = chip.writes.length;
    await tapKeys(chip, '4711#', 120);
    const entry = await waitForLogged((e) => e.type === 'Entry' && e.doorId === 'lab', from);
    assert.equal(entry.personId, people.amy);
    assert.deepEqual(chip.writes.slice(writes).filter(([l]) => l === 26), [[26, 1]]);
    await waitFor(() => chip.writes.filter(([l]) => l === 26).at(-1)?.[1] === 0, 10_000, 'locked again after the pulse');
  });

  test('the exit button opens at once and the exit camera names who left', async () => {
    const from = events.length, writes = chip.writes.length;
    chip.press(4, GND);
    chip.release(4, GND);
    const exit = await waitForLogged((e) => e.type === 'Exit' && e.doorId === 'lab', from, 5000);
    assert.equal(exit.personId, people.amy);
    assert.equal(exit.details.via, 'button');
    assert.ok(chip.writes.slice(writes).some(([l, val]) => l === 26 && val === 1));
  });

  test('outside the doors a person may use, the right PIN and face are still denied', async () => {
    await admin.json('PUT', `/api/people/${people.amy}/access`, { doors: ['front'], schedule: null });
    const from = events.length;
    await tapKeys(chip, '4711#', 120);
    const denied = await waitForLogged((e) => e.type === 'Denied' && e.doorId === 'lab', from);
    assert.equal(denied.details.reason, 'outside_schedule');
    const person = await admin.json<{ access: { doors: string[] } }>('PUT', `/api/people/${people.amy}/access`, { doors: null, schedule: [{ days: [0, 1, 2, 3, 4, 5, 6], from: '00:00', to: '00:00' }] });
    assert.equal(person.access.doors, null);
    assert.equal((await admin.request('PUT', `/api/people/${people.amy}/access`, { doors: null, schedule: [{ days: [7], from: '25:00', to: '00:00' }] })).status, 400);
  });

  test('an exit terminal with a USB keypad logs Exit with the person', async () => {
    await admin.json('PUT', `/api/people/${people.amy}/access`, { doors: null, schedule: null });
    const from = events.length;
    const size = inputEventSize();
    // KEY_4, KEY_7, KEY_1, KEY_1, KEY_ENTER: press and release each.
    for (const code of [5, 8, 2, 2, 28]) {
      for (const value of [1, 0]) {
        const ev = Buffer.alloc(size);
        ev.writeUInt16LE(1, size - 8);
        ev.writeUInt16LE(code, size - 6);
        ev.writeInt32LE(value, size - 4);
        writeSync(usbKeypad, ev);
      }
    }
    const exit = await waitForLogged((e) => e.doorId === 'desk' && (e.type === 'Exit' || e.type === 'Denied'), from);
    assert.equal(exit.type, 'Exit');
    assert.equal(exit.personId, people.amy);
    assert.equal(exit.details.factors, 'pin+face');
  });

  test('a face-only door lets an enrolled face in by itself (1:N with liveness)', async () => {
    const entry = await waitForLogged((e) => e.type === 'Entry' && e.doorId === 'studio', 0, 20_000);
    assert.equal(entry.personId, people.penny);
    assert.equal(entry.details.factors, 'face');
  });
});
