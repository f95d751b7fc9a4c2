import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkHardware, formatReport, parseGpioinfo, type CheckDeps, type DoorDevices } from '../../src/hardware/check.ts';
import { SerialPortLink } from '../../src/hardware/serialLink.ts';
import { encodeIdentity } from '../../src/hardware/fingerprintService.ts';
import { ptyPair } from './pty.ts';
import { SimulatedR30x, blankFlash } from './r30xSimulator.ts';
import { SimulatedMfrc522 } from './mfrc522Simulator.ts';
import { SimI2cBus, SimLcd } from './i2cSimulator.ts';

// What libgpiod 1.6's gpioinfo prints on a Raspberry Pi 4 (abridged).
const GPIOINFO = `gpiochip0 - 58 lines:
	line   0:     "ID_SDA"       unused   input  active-high 
	line  17:     "GPIO17"       unused   input  active-high 
	line  18:     "GPIO18"       unused   input  active-high 
	line  23:     "GPIO23"       unused   input  active-high 
	line  24:     "GPIO24"       unused   input  active-high 
	line  26:     "GPIO26"   "gpioset"  output  active-high [used]
	line  27:      unnamed       unused   input  active-high 
`;

describe('vigil hardware check', () => {
  test('parses gpioinfo', () => {
    const lines = parseGpioinfo(GPIOINFO);
    assert.equal(lines.length, 7);
    assert.deepEqual(lines[5], { line: 26, name: 'GPIO26', consumer: 'gpioset', direction: 'output' });
    assert.deepEqual(lines[6], { line: 27, name: null, consumer: null, direction: 'input' });
  });

  test('finds each configured device and says what answers, and what does not', async () => {
    const pty = await ptyPair();
    const flash = blankFlash(200);
    flash.library.set(0, 'ada');
    flash.notepad[15] = encodeIdentity('0123456789abcdef0123456789abcdef');
    const sim = new SimulatedR30x(flash);
    await sim.open(pty.device);
    const spi = new SimulatedMfrc522();
    const i2c = new SimI2cBus();
    i2c.attach(0x27, new SimLcd());
    const deps: CheckDeps = {
      openSerial: (path, baud) => new SerialPortLink(path, baud),
      openSpi: async (bus) => (bus === 0 ? spi : Promise.reject(new Error(`/dev/spidev${bus}.0: ENOENT`))),
      openI2c: async () => i2c,
      gpioInfo: async (chip) => (chip === 'gpiochip0' ? parseGpioinfo(GPIOINFO) : Promise.reject(new Error(`gpioinfo ${chip}: no such chip`))),
      canRead: async (path) => path === '/dev/input/event3',
      timeoutMs: 5000,
    };
    const doors: DoorDevices[] = [
      {
        id: 'front',
        fingerprint: { port: pty.host, baudRate: 57600, address: 0xffffffff, password: 0, ringLed: false },
        keypads: [
          { type: 'mfrc522', bus: 0, device: 0, speedHz: 1_000_000 },
          { type: 'matrix', chip: 'gpiochip0', rows: [17, 18], cols: [23, 24] },
          { type: 'input', device: '/dev/input/event3' },
        ],
        display: { type: 'hd44780', bus: 1, address: 0x27, cols: 16, rows: 2 },
        feedback: { chip: 'gpiochip0', buzzer: 18, green: 23, red: 24, activeLow: false },
        lock: { type: 'gpio', chip: 'gpiochip0', line: 26 },
        exitButton: { chip: 'gpiochip0', line: 99 },
        contactLine: { chip: 'gpiochip0', line: 27, closedWhenLow: true },
      },
      {
        id: 'back',
        keypads: [{ type: 'mfrc522', bus: 1, device: 0, speedHz: 1_000_000 }, { type: 'wiegand', chip: 'gpiochip1', d0: 5, d1: 6 }],
        display: { type: 'ssd1306', bus: 1, address: 0x3c },
      },
    ];
    try {
      const reports = await checkHardware(doors, deps);
      const by = (door: string, device: string, n = 0) => reports.filter((r) => r.door === door && r.device === device)[n];
      assert.deepEqual(by('front', 'fingerprint'), {
        door: 'front',
        device: 'fingerprint',
        where: `${pty.host} @ 57600`,
        ok: true,
        answer: 'fingerprint module, 1 of 200 templates used, security level 3, Vigil sensor 0123456789abcdef0123456789abcdef',
        error: null,
      });
      assert.equal(by('front', 'card reader')?.answer, 'MFRC522 v2.0 (VersionReg 0x92)');
      assert.equal(by('front', 'keypad', 0)?.answer, '17 "GPIO17" free, 18 "GPIO18" free, 23 "GPIO23" free, 24 "GPIO24" free');
      assert.equal(by('front', 'keypad', 1)?.answer, 'readable');
      assert.equal(by('front', 'display')?.answer, 'PCF8574 backpack acknowledges 0x27');
      assert.equal(by('front', 'lock relay')?.answer, '26 "GPIO26" used by gpioset');
      assert.equal(by('front', 'exit button')?.error, 'gpiochip0 has no line 99 (it has 7)');
      assert.equal(by('front', 'door contact')?.answer, '27 free');
      assert.match(by('back', 'card reader', 0)?.error ?? '', /spidev1\.0: ENOENT/);
      assert.match(by('back', 'card reader', 1)?.error ?? '', /no such chip/);
      assert.match(by('back', 'display')?.error ?? '', /nothing acknowledges address 0x3c/);
      assert.equal(flash.library.size, 1, 'the check changes nothing');
      const text = formatReport(reports);
      assert.match(text, /^ok {3}front fingerprint/m);
      assert.match(text, /^FAIL back display/m);

      // Nothing on the port: a clear error within the time limit, not a hang.
      await sim.close();
      const [silent] = await checkHardware([{ id: 'front', fingerprint: doors[0]!.fingerprint }], { ...deps, timeoutMs: 3000 });
      assert.equal(silent?.ok, false);
      assert.match(silent?.error ?? '', /no answer/);
    } finally {
      await sim.close();
      await pty.unplug();
    }
  });
});
