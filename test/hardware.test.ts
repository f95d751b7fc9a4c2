import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FakeChip, GND, KEYPAD, tapKeys } from './fakeGpio.ts';
import { waitFor } from './helpers.ts';
import { MatrixKeypad } from '../src/hardware/matrixKeypad.ts';
import { WiegandReader, decodeWiegand, encodeWiegand } from '../src/hardware/wiegand.ts';
import { GpioButton, RelayLock } from '../src/hardware/gpioDevices.ts';
import { decodeInputEvents, InputKeypad, inputEventSize } from '../src/hardware/inputKeypad.ts';
import { parseGpiomonLine } from '../src/hardware/gpio.ts';
import { KeyBuffer } from '../src/access/keyBuffer.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pad4x4 = (chip: FakeChip) => new MatrixKeypad(chip, { ...KEYPAD, settleMs: 1, releasePollMs: 2 });

describe('4x4 matrix keypad on GPIO', () => {
  test('scans each key press into a digit and # submits the PIN', async () => {
    const chip = new FakeChip();
    const pad = pad4x4(chip);
    const got: string[] = [];
    await pad.start((factor, value) => got.push(`${factor}:${value}`));
    await tapKeys(chip, '4711#*9A000#');
    await pad.stop();
    assert.deepEqual(got, ['pin:4711', 'pin:9000']);
  });

  test('a key held down is one press', async () => {
    const chip = new FakeChip();
    const pad = pad4x4(chip);
    const got: string[] = [];
    await pad.start((_f, v) => got.push(v));
    await tapKeys(chip, '5', 200);
    await tapKeys(chip, '555#');
    await pad.stop();
    assert.deepEqual(got, ['5555']);
  });

  test('refuses a key map that does not fit the wiring', () => {
    assert.throws(() => new MatrixKeypad(new FakeChip(), { ...KEYPAD, keys: ['123'] }), /one label per row and column/);
  });
});

describe('Wiegand', () => {
  test('26- and 34-bit frames decode with their parity checked', () => {
    assert.deepEqual(decodeWiegand(encodeWiegand('7b1a2c', 26)), { ok: true, bits: 26, id: '7b1a2c' });
    assert.deepEqual(decodeWiegand(encodeWiegand('deadbeef', 34)), { ok: true, bits: 34, id: 'deadbeef' });
    // A known card: facility 123, card 6700 -> 0x7b1a2c; leading bit even parity, trailing odd.
    const bits = encodeWiegand('7b1a2c', 26);
    assert.equal(bits.length, 26);
    for (let i = 1; i < 26; i++) {
      const flipped = [...bits];
      flipped[i] = 1 - (flipped[i] as number);
      assert.equal(decodeWiegand(flipped).ok, false, `bit ${i} flipped must fail parity`);
    }
    assert.deepEqual(decodeWiegand(bits.slice(0, 20)), { ok: false, error: '20 bits; expected 26 or 34' });
  });

  test('the reader turns D0/D1 pulses into a fob id and rejects a garbled frame', async () => {
    const chip = new FakeChip();
    const fobs: string[] = [];
    const bad: string[] = [];
    const reader = new WiegandReader(chip, 17, 27, (e) => bad.push(e), 10);
    await reader.start((factor, value) => fobs.push(`${factor}:${value}`));
    const send = async (bits: number[]) => {
      let t = process.hrtime.bigint();
      for (const b of bits) {
        chip.pulse(b ? 27 : 17, t);
        t += 2_000_000n;
      }
      await sleep(30);
    };
    await send(encodeWiegand('00c0ffee', 34));
    const garbled = encodeWiegand('123456', 26);
    garbled[5] = 1 - (garbled[5] as number);
    await send(garbled);
    await reader.stop();
    assert.deepEqual(fobs, ['fob:00c0ffee']);
    assert.deepEqual(bad, ['even parity failed']);
  });
});

describe('GPIO relay lock and exit button', () => {
  test('the relay is active for the unlock time, honouring an active-low board', async () => {
    const chip = new FakeChip();
    const lock = new RelayLock(chip, 26, true);
    await lock.start();
    assert.deepEqual(await lock.unlock(40), { ok: true });
    assert.deepEqual(chip.writes, [[26, 1], [26, 0]], 'idle high, then pulled low (active) to open');
    await waitFor(() => chip.writes.length === 3, 10_000, 'the relay released');
    assert.deepEqual(chip.writes.at(-1), [26, 1], 'locked again');
    await lock.close();
  });

  test('an exit button press is debounced into one press', async () => {
    const chip = new FakeChip();
    const button = new GpioButton(chip, 4, true, 100);
    let presses = 0;
    await button.start(() => presses++);
    // The edges' own timestamps decide, as the kernel's do: contact bounce within 2 ms, then a
    // second press 150 ms later, however long the test itself takes between them.
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < 3; i++) {
      chip.press(4, GND, t0 + BigInt(i) * 1_000_000n);
      chip.release(4, GND, t0 + BigInt(i) * 1_000_000n + 500_000n);
    }
    chip.press(4, GND, t0 + 150_000_000n);
    chip.release(4, GND, t0 + 151_000_000n);
    await button.stop();
    assert.equal(presses, 2);
  });

  test("gpiomon's event lines parse, anything else is ignored", () => {
    assert.deepEqual(parseGpiomonLine('17 0 1700000000 123456789'), { line: 17, rising: false, timeNs: 1700000000123456789n });
    assert.equal(parseGpiomonLine('event: FALLING EDGE offset: 17'), null);
  });
});

describe('USB keypad (Linux input events)', () => {
  const event = (code: number, value: number) => {
    const size = inputEventSize();
    const b = Buffer.alloc(size);
    b.writeUInt16LE(1, size - 8);
    b.writeUInt16LE(code, size - 6);
    b.writeInt32LE(value, size - 4);
    return b;
  };
  const typed = (codes: number[]) => Buffer.concat(codes.flatMap((c) => [event(c, 1), event(c, 2), event(c, 0)]));

  test('key presses decode; releases, repeats and other event types do not', () => {
    const syn = Buffer.alloc(inputEventSize());
    assert.deepEqual(decodeInputEvents(Buffer.concat([typed([2, 3, 79, 28]), syn])), ['1', '2', '1', 'submit']);
  });

  test('a keyboard-emulating card reader read through a FIFO gives a fob, split reads and all', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vigil-input-'));
    const fifo = path.join(dir, 'event0');
    execFileSync('mkfifo', [fifo]);
    const pad = new InputKeypad(fifo, 'fob');
    const got: string[] = [];
    const started = pad.start((factor, value) => got.push(`${factor}:${value}`));
    const writer = await open(fifo, 'w');
    await started;
    const bytes = typed([5, 6, 7, 11, 28]);
    await writer.write(bytes.subarray(0, 37));
    await sleep(20);
    await writer.write(bytes.subarray(37));
    await waitFor(() => got.length === 1, 10_000, 'the fob read');
    await writer.close();
    await pad.stop();
    rmSync(dir, { recursive: true, force: true });
    assert.deepEqual(got, ['fob:4560']);
  });

  test('a missing device is an error at start', async () => {
    await assert.rejects(new InputKeypad('/nonexistent/event9').start(() => {}), /ENOENT/);
  });
});

test('key buffer: a half-typed PIN is forgotten after a pause, and PINs are capped', () => {
  let t = 0;
  const pins: string[] = [];
  const kb = new KeyBuffer((p) => pins.push(p), 1000, () => t);
  for (const k of ['1', '2'] as const) kb.press(k);
  t = 5000;
  for (const k of ['3', '4', '5', '6', 'submit'] as const) kb.press(k);
  for (let i = 0; i < 20; i++) kb.press('9');
  kb.press('submit');
  kb.press('submit');
  assert.deepEqual(pins, ['3456', '9'.repeat(12)]);
});
