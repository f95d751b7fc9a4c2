import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/load.ts';
import { doorChain } from '../../src/config/schema.ts';
import { chainSteps } from '../../src/core/factorChain.ts';
import { tmpDir } from '../helpers.ts';

const SEED_DOOR = `doors:
  - id: front
    name: Front
    kiosk: true
    chain: [fob, pin, [finger, face]]
    keypads:
      - { type: mfrc522, bus: 0, device: 1 }
    fingerprint: { port: /dev/ttyUSB1, password: 0 }
    display: { type: ssd1306 }
    feedback: { chip: gpiochip0, buzzer: 18, green: 23, red: 24 }
    contactLine: { chip: gpiochip0, line: 22 }
`;

function loader() {
  const t = tmpDir();
  const file = path.join(t.dir, 'vigil.yaml');
  return {
    load(yaml: string) {
      writeFileSync(file, yaml);
      return loadConfig({ file, dataDir: t.dir, env: {} });
    },
    error(yaml: string): string {
      try {
        this.load(yaml);
      } catch (err) {
        if (err instanceof ConfigError) return err.message;
        throw err;
      }
      throw new Error('the config loaded');
    },
    cleanup: t.cleanup,
  };
}

test("the seed's door: a chain and the door unit's devices, defaults filled in", () => {
  const l = loader();
  const door = l.load(SEED_DOOR).doors[0];
  assert.ok(door);
  assert.deepEqual(chainSteps(doorChain(door)), [
    { accept: ['fob'], timeoutMs: 20_000 },
    { accept: ['pin'], timeoutMs: 20_000 },
    { accept: ['finger', 'face'], timeoutMs: 15_000 },
  ]);
  assert.deepEqual(door.fingerprint, { port: '/dev/ttyUSB1', baudRate: 57600, address: 0xffffffff, password: 0, ringLed: false });
  assert.deepEqual(door.keypads, [{ type: 'mfrc522', bus: 0, device: 1, speedHz: 1_000_000 }]);
  assert.deepEqual(door.display, { type: 'ssd1306', bus: 1, address: 0x3c });
  assert.deepEqual(door.contactLine, { chip: 'gpiochip0', line: 22, closedWhenLow: true });
  l.cleanup();
});

test('a mode is a shorthand for its chain; a step may carry its own timeout', () => {
  const l = loader();
  const modes = l.load('doors:\n  - { id: a, name: A, kiosk: true, faceWindow: 8 }\n  - { id: b, name: B, mode: pin_only }\n  - { id: c, name: C, kiosk: true, chain: [pin, { factors: [face], timeout: 3 }] }\n').doors;
  assert.deepEqual(modes.map((d) => chainSteps(doorChain(d))), [
    [
      { accept: ['pin'], timeoutMs: 20_000 },
      { accept: ['face'], timeoutMs: 8000 },
    ],
    [{ accept: ['pin'], timeoutMs: 20_000 }],
    [
      { accept: ['pin'], timeoutMs: 20_000 },
      { accept: ['face'], timeoutMs: 3000 },
    ],
  ]);
  l.cleanup();
});

test('a chain the door cannot run, or a device set wrong, is refused with the reason', () => {
  const l = loader();
  const door = (extra: string) => `doors:\n  - id: front\n    name: Front\n${extra}`;
  assert.match(l.error(door('    chain: [pin, finger]\n')), /doors\.front: its chain asks for a finger: add fingerprint/);
  assert.match(l.error(door('    chain: [fob, [finger]]\n')), /doors\.front: its chain asks for a finger/);
  assert.equal(l.load(door('    chain: [fob, pin, [finger, face]]\n    kiosk: true\n')).doors.length, 1, 'one alternative the door has is enough');
  assert.match(l.error(door('    chain: [pin, face]\n')), /doors\.front: its chain needs a camera/);
  assert.match(l.error(door('    mode: fob_face\n')), /mode fob_face needs a camera/);
  assert.match(l.error(door('    chain: []\n')), /doors\.0\.chain/);
  assert.match(l.error(door('    chain: [pin, [face, face]]\n')), /doors\.0\.chain/);
  assert.match(l.error(door('    chain: [pin, iris]\n')), /doors\.0\.chain/);
  assert.match(l.error(door('    chain: [pin, { factors: [face], timeout: 0 }]\n')), /doors\.0\.chain/);
  assert.match(l.error(door('    mode: pin_only\n    fingerprint: { port: "COM3" }\n')), /doors\.0\.fingerprint\.port/);
  assert.match(l.error(door('    mode: pin_only\n    fingerprint: { port: /dev/ttyUSB1, baudRate: 12345 }\n')), /doors\.0\.fingerprint\.baudRate/);
  assert.match(l.error(door('    mode: pin_only\n    display: { type: ssd1306, address: 200 }\n')), /doors\.0\.display/);
  assert.match(l.error(door('    mode: pin_only\n    keypads: [{ type: mfrc522, bus: 12 }]\n')), /doors\.0\.keypads/);
  l.cleanup();
});
