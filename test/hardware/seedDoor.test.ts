import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { storeBackends, waitFor } from '../helpers.ts';
import { FakeChip, KEYPAD, tapKeys } from '../fakeGpio.ts';
import { ptyPair } from './pty.ts';
import { SimulatedR30x, blankFlash } from './r30xSimulator.ts';
import { SimCard, SimulatedMfrc522 } from './mfrc522Simulator.ts';
import { SimI2cBus, SimLcd } from './i2cSimulator.ts';
import { chainSteps, initialChain, stepChain, type ChainSettings, type ChainState, type FactorResult } from '../../src/core/factorChain.ts';
import { FingerprintService, fingerFactor, logReaderHealth } from '../../src/hardware/fingerprintService.ts';
import { Mfrc522Reader } from '../../src/hardware/mfrc522.ts';
import { MatrixKeypad } from '../../src/hardware/matrixKeypad.ts';
import { Hd44780Display } from '../../src/hardware/hd44780.ts';
import { DoorFeedback } from '../../src/hardware/feedback.ts';
import { SerialPortLink } from '../../src/hardware/serialLink.ts';
import { FingerprintRepo } from '../../src/store/fingerprints.ts';
import { PeopleRepo } from '../../src/store/people.ts';
import type { DoorDisplay } from '../../src/hardware/doorDisplay.ts';
import type { NewEvent } from '../../src/core/events.ts';

/**
 * The seed's door put together from this folder's parts and the pure chain, the way the terminal
 * will (issue 14 splits the terminal; this is the reference for wiring, not the terminal itself).
 */
class SeedDoorHarness {
  private state: ChainState = initialChain;
  private queue: Promise<void> = Promise.resolve();
  readonly events: NewEvent[] = [];

  constructor(
    private readonly d: {
      cfg: ChainSettings;
      display: DoorDisplay;
      feedback: DoorFeedback;
      fingers: FingerprintService;
      credential(factor: 'pin' | 'fob', value: string): { personId: string; duress: boolean } | undefined;
      name(personId: string): string;
    },
  ) {}

  idle(): Promise<void> {
    this.d.fingers.arm(this.d.cfg.steps[0]?.accept.includes('finger') ?? false);
    return this.d.display.show({ kind: 'prompt', accept: this.d.cfg.steps[0]?.accept ?? [] });
  }

  /** Inputs are handled one at a time, in order, like the terminal's queue. */
  input(result: FactorResult): Promise<void> {
    this.queue = this.queue.then(() => this.step(result));
    return this.queue;
  }

  credential(factor: 'pin' | 'fob', value: string): Promise<void> {
    const found = this.d.credential(factor, value);
    return this.input({ factor, personId: found?.personId ?? null, duress: found?.duress ?? false, scheduleOk: true });
  }

  private async step(result: FactorResult): Promise<void> {
    const { state, effects } = stepChain(this.state, { type: 'factor', result, at: Date.now() }, this.d.cfg);
    this.state = state;
    for (const e of effects) {
      if (e.type === 'prompt') {
        this.d.fingers.arm(e.accept.includes('finger'));
        await this.d.display.show({ kind: 'prompt', accept: e.accept });
        void this.d.feedback.signal('prompt');
      } else if (e.type === 'duress') {
        this.events.push({ type: 'DuressAlarm', doorId: 'front', personId: e.personId, details: { factors: e.factor } });
      } else if (e.type === 'grant') {
        this.d.fingers.arm(false);
        this.events.push({ type: 'Entry', doorId: 'front', personId: e.personId, details: { factors: e.factors.join('+'), score: e.scores.finger ?? null, lock: 'ok' } });
        await this.d.display.show({ kind: 'welcome', name: this.d.name(e.personId) });
        void this.d.feedback.signal('granted');
      } else if (e.type === 'deny') {
        this.d.fingers.arm(false);
        this.events.push({ type: 'Denied', doorId: 'front', personId: e.personId, details: { reason: e.reason, factors: e.factors.join('+') } });
        await this.d.display.show({ kind: 'denied' });
        void this.d.feedback.signal('denied');
      }
    }
  }
}

describe("the seed's door from simulated parts: card -> PIN -> finger or face", () => {
  test('the emergency finger opens with DuressAlarm; a stranger\'s finger after a good card and PIN is denied; the screens follow', async () => {
    const pty = await ptyPair();
    const flash = blankFlash(200);
    const sensor = new SimulatedR30x(flash, { ringLed: true });
    await sensor.open(pty.device);
    const opened = await storeBackends()[0]!.open();
    const people = new PeopleRepo(opened.store.db);
    const ada = await people.create('Ada');
    const fingers = new FingerprintService({ doorId: 'front', link: new SerialPortLink(pty.host), repo: new FingerprintRepo(opened.store.db), pollMs: 30, retryMs: 150, heartbeatMs: 300, ringLed: true });
    const i2c = new SimI2cBus();
    const lcd = new SimLcd();
    i2c.attach(0x27, lcd);
    const display = new Hd44780Display(i2c);
    const gpio = new FakeChip();
    const feedback = new DoorFeedback({ chip: gpio, buzzer: 18, green: 23, red: 24 });
    const spi = new SimulatedMfrc522();
    const cards = new Mfrc522Reader(spi, { pollMs: 20, releaseMs: 150 });
    const keypad = new MatrixKeypad(gpio, { ...KEYPAD, settleMs: 1, releasePollMs: 2 });
    const door = new SeedDoorHarness({
      cfg: { steps: chainSteps(['fob', 'pin', ['finger', 'face']]), maxFailures: 5, lockoutBaseMs: 30_000, lockoutMaxMs: 900_000 },
      display,
      feedback,
      fingers,
      credential: (factor, value) =>
        new Map([
          ['fob:a1b2c3d4', { personId: ada.id, duress: false }],
          ['pin:1234', { personId: ada.id, duress: false }],
        ]).get(`${factor}:${value}`),
      name: (id) => (id === ada.id ? 'Ada' : '?'),
    });
    logReaderHealth(fingers, 'front', (e) => door.events.push(e));
    try {
      await feedback.start();
      await fingers.start();
      await waitFor(() => fingers.status().state === 'online' || undefined, 10_000, 'fingerprint reader online');
      // Enrolment from the panel: Ada's index finger, and her left thumb as the emergency finger.
      for (const [finger, duress] of [
        ['ada-index', false],
        ['ada-thumb', true],
      ] as const) {
        await fingers.enrol(ada.id, { duress }, (p) => (p.step === 'place' ? sensor.place(finger) : p.step === 'lift' ? sensor.lift() : undefined));
      }
      sensor.lift();
      fingers.onRead((r) => {
        if (r.kind !== 'poor_image') void door.input(fingerFactor(r, true));
      });
      await cards.start((factor, value) => void door.credential(factor as 'fob', value));
      await keypad.start((factor, value) => void door.credential(factor as 'pin', value));
      await door.idle();
      assert.deepEqual(lcd.text(16, 2), [' Show your card ', ' '.repeat(16)]);

      const run = async (finger: string) => {
        const card = spi.add(new SimCard([0xa1, 0xb2, 0xc3, 0xd4]));
        await waitFor(() => lcd.text(16, 2)[0]?.includes('Enter PIN') || undefined, 5000, 'PIN prompt');
        spi.remove(card);
        await tapKeys(gpio, '1234#');
        await waitFor(() => lcd.text(16, 2)[0]?.includes('Place finger') || undefined, 5000, 'finger prompt');
        assert.equal(lcd.text(16, 2)[1], ' or face camera ', 'the alternative');
        sensor.place(finger);
        await waitFor(() => door.events.some((e) => e.type === 'Entry' || e.type === 'Denied') || undefined, 5000, 'answer');
        sensor.lift();
      };

      await run('ada-thumb');
      assert.deepEqual(
        door.events.map((e) => [e.type, e.personId]),
        [
          ['DuressAlarm', ada.id],
          ['Entry', ada.id],
        ],
      );
      assert.deepEqual(door.events[1]?.details, { factors: 'fob+pin+finger', score: 101, lock: 'ok' });
      assert.deepEqual(lcd.text(16, 2), ['  Welcome, Ada  ', ' '.repeat(16)], 'the same welcome as for any finger');
      await waitFor(() => gpio.writes.some(([l, v]) => l === 23 && v === 1) || undefined, 5000, 'green LED');

      door.events.length = 0;
      await new Promise((r) => setTimeout(r, 300)); // the card leaves the field, the finger the glass
      await door.idle();
      await run('mallory');
      assert.deepEqual(door.events, [{ type: 'Denied', doorId: 'front', personId: ada.id, details: { reason: 'unknown_finger', factors: 'fob+pin' } }]);
      assert.deepEqual(lcd.text(16, 2), ['     Denied     ', ' '.repeat(16)]);
    } finally {
      await cards.stop();
      await keypad.stop();
      await feedback.stop();
      await fingers.stop();
      await display.close();
      await sensor.close();
      await pty.unplug();
      await opened.cleanup();
    }
  });
});
