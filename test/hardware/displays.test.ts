import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { layout, screenText, type DoorScreen } from '../../src/hardware/doorDisplay.ts';
import { Hd44780Display } from '../../src/hardware/hd44780.ts';
import { Ssd1306Display, drawScreen } from '../../src/hardware/ssd1306.ts';
import { DoorFeedback, PATTERNS } from '../../src/hardware/feedback.ts';
import { SimI2cBus, SimLcd, SimSsd1306 } from './i2cSimulator.ts';
import { FakeChip } from '../fakeGpio.ts';
import { ARTIFACTS } from '../browser.ts';

const OUT = path.join(ARTIFACTS, 'hardware');
mkdirSync(OUT, { recursive: true });

/** The seed's door, screen by screen. */
const SEED_DOOR: Array<[string, DoorScreen]> = [
  ['card', { kind: 'prompt', accept: ['fob'] }],
  ['pin', { kind: 'pin_entry', digits: 4 }],
  ['finger-or-face', { kind: 'prompt', accept: ['finger', 'face'] }],
  ['challenge', { kind: 'challenge', actions: ['turn_left', 'look_up'] }],
  ['welcome', { kind: 'welcome', name: 'Ada' }],
  ['denied', { kind: 'denied' }],
];

describe('door screens (pure layout)', () => {
  test('each prompt says what to do; alternatives read as one sentence', () => {
    assert.deepEqual(screenText({ kind: 'prompt', accept: ['finger', 'face'] }), { title: 'Place finger', detail: 'or face camera' });
    assert.deepEqual(layout({ kind: 'prompt', accept: ['fob'] }, 16, 2), [' Show your card ', ' '.repeat(16)]);
    assert.deepEqual(layout({ kind: 'pin_entry', digits: 4 }, 16, 2), ['   Enter PIN    ', '      ****      ']);
    assert.deepEqual(layout({ kind: 'welcome', name: 'Ada' }, 20, 4), ['                    ', '    Welcome, Ada    ', '                    ', '                    ']);
    assert.deepEqual(layout({ kind: 'locked_out', seconds: 29.2 }, 16, 2), ['     Locked     ', '   Wait 30 s    ']);
  });

  test('a liveness challenge fits a 16x2 LCD: the first action, then the rest', () => {
    assert.deepEqual(layout({ kind: 'challenge', actions: ['turn_left', 'look_up'] }, 16, 2), [' Turn head left ', '  then look up  ']);
    assert.deepEqual(layout({ kind: 'challenge', actions: ['turn_right'] }, 16, 2), ['Turn head right ', ' '.repeat(16)]);
    assert.deepEqual(screenText({ kind: 'challenge', actions: ['blink_twice', 'open_mouth', 'turn_left'] }), { title: 'Blink twice', detail: 'then open mouth then turn head left' });
  });

  test('hostile names: control characters, emoji, accents and 5,000 characters fit the glass', () => {
    const name = `Zoë\u0007\u001b[2J🙂${'x'.repeat(5000)}`;
    const lines = layout({ kind: 'welcome', name }, 16, 2);
    assert.equal(lines.length, 2);
    for (const l of lines) assert.match(l, /^[\x20-\x7e]{16}$/);
    assert.deepEqual(lines, ['    Welcome,    ', 'Zoe??[2J?xxxxxxx'], 'the bell and the escape are shown as ?, never sent as control bytes');
  });
});

describe('HD44780 character LCD behind a PCF8574 (simulated at the byte level)', () => {
  for (const [cols, rows] of [
    [16, 2],
    [20, 4],
  ] as const) {
    test(`${cols}x${rows}: initialises in 4-bit mode and shows the seed's door screens`, async () => {
      const bus = new SimI2cBus();
      const lcd = new SimLcd();
      bus.attach(0x27, lcd);
      const display = new Hd44780Display(bus, { cols, rows });
      await display.start();
      assert.deepEqual(lcd.executed.slice(0, 4), [0x30, 0x30, 0x30, 0x20], 'three 8-bit function sets, then 4-bit');
      assert.deepEqual(lcd.executed.slice(4, 9), [0x28, 0x08, 0x01, 0x06, 0x0c]);
      for (const [name, screen] of SEED_DOOR) {
        await display.show(screen);
        assert.deepEqual(lcd.text(cols, rows), layout(screen, cols, rows), name);
        if (['card', 'finger-or-face', 'welcome', 'denied'].includes(name)) await lcd.png(cols, rows, path.join(OUT, `lcd-${cols}x${rows}-${name}.png`));
      }
      assert.ok(lcd.backlight);
      await display.close();
      assert.equal(bus.closed, true);
      assert.equal(lcd.backlight, false);
    });
  }

  test('only changed lines are sent; a display that lost power is set up again on the next screen', async () => {
    const bus = new SimI2cBus();
    bus.attach(0x3f, new SimLcd());
    const display = new Hd44780Display(bus, { address: 0x3f });
    await display.show({ kind: 'pin_entry', digits: 1 });
    let writes = 0;
    const write = bus.write.bind(bus);
    bus.write = async (a, b) => {
      writes++;
      return write(a, b);
    };
    await display.show({ kind: 'pin_entry', digits: 2 });
    assert.equal(writes, 2, 'one line: its address, then its characters');
    bus.unplugged.add(0x3f);
    await assert.rejects(display.show({ kind: 'denied' }), /no ACK from 0x3f/);
    bus.unplugged.delete(0x3f);
    const fresh = new SimLcd(); // powered up again: 8-bit mode, blank
    bus.attach(0x3f, fresh);
    await display.show({ kind: 'denied' });
    assert.deepEqual(fresh.text(16, 2), ['     Denied     ', '                ']);
  });
});

describe('SSD1306 128x64 OLED (simulated controller)', () => {
  test("draws the seed's door screens upright, and only the pages that changed are sent again", async () => {
    const bus = new SimI2cBus();
    const oled = new SimSsd1306();
    bus.attach(0x3c, oled);
    const display = new Ssd1306Display(bus);
    await display.start();
    for (const [name, screen] of SEED_DOOR) {
      await display.show(screen);
      const expected = drawScreen(screen);
      let lit = 0;
      for (let y = 0; y < 64; y++)
        for (let x = 0; x < 128; x++) {
          assert.equal(oled.pixel(x, y), expected.get(x, y), `${name}: pixel ${x},${y}`);
          if (expected.get(x, y)) lit++;
        }
      assert.ok(lit > 50, `${name} shows something`);
      await oled.png(path.join(OUT, `oled-${name}.png`));
    }
    let writes = 0;
    const write = bus.write.bind(bus);
    bus.write = async (a, b) => {
      writes++;
      return write(a, b);
    };
    await display.show({ kind: 'denied' });
    assert.equal(writes, 0, 'the same screen again sends nothing');
    await display.show({ kind: 'pin_entry', digits: 1 });
    await display.show({ kind: 'pin_entry', digits: 2 });
    assert.ok(writes > 0 && writes < 16, `a second star only rewrites its pages (${writes} writes)`);
    await display.close();
    assert.equal(oled.on, false);
  });

  test('a name too long for two lines is cut, not drawn over the edge', () => {
    const f = drawScreen({ kind: 'welcome', name: 'Maximiliane-Josephine von Habsburg-Lothringen' });
    for (let y = 0; y < 64; y++) assert.equal(f.get(127, y), false);
    for (let y = 0; y < 64; y++) assert.equal(f.get(0, y), false);
  });
});

describe('buzzer and LEDs on GPIO', () => {
  test('granted lights green with a short beep; a new signal cuts the old one short; a duress grant looks the same', async () => {
    const chip = new FakeChip();
    const fb = new DoorFeedback({ chip, buzzer: 18, green: 23, red: 24 });
    await fb.start();
    const first = fb.signal('granted');
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(chip.writes.slice(-3), [
      [18, 1],
      [23, 1],
      [24, 0],
    ]);
    const second = fb.signal('denied');
    await first; // cut short, it still ends
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(chip.writes.slice(-3), [
      [18, 1],
      [23, 0],
      [24, 1],
    ]);
    await fb.stop();
    await second;
    assert.deepEqual(chip.writes.slice(-3), [
      [18, 0],
      [23, 0],
      [24, 0],
    ]);
    assert.ok(PATTERNS.denied.reduce((ms, f) => ms + f[3], 0) >= 1000, 'denied stays red long enough to see');
  });

  test('active-low driver boards get inverted levels', async () => {
    const chip = new FakeChip();
    const fb = new DoorFeedback({ chip, red: 24, activeLow: true });
    await fb.start();
    assert.deepEqual(chip.writes, [[24, 1]]);
    const s = fb.signal('key');
    await s;
    assert.deepEqual(chip.writes, [
      [24, 1],
      [24, 1],
      [24, 1],
    ]);
    await fb.stop();
  });
});
