import { test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { DoorScreen } from '../../src/access/doorScreen.ts';
import type { DoorDisplay, DoorScreen as Screen } from '../../src/hardware/doorDisplay.ts';

/** A display that remembers what it was asked to show. */
function recording() {
  const shown: Screen[] = [];
  const display: DoorDisplay = { start: async () => {}, show: async (s) => void shown.push(s), close: async () => {} };
  const screen = new DoorScreen({ doorId: 'front', idle: ['pin'], display, now: () => 0, log: pino({ level: 'silent' }) });
  return { screen, shown, settled: () => screen.stop() };
}

test('the challenge goes on the LCD on a step that takes the face alone', async () => {
  const { screen, shown, settled } = recording();
  screen.prompt(['face'], 5000);
  screen.challenge(['turn_left', 'look_up']);
  await settled();
  assert.deepEqual(shown, [{ kind: 'prompt', accept: ['face'] }, { kind: 'challenge', actions: ['turn_left', 'look_up'] }]);
});

test('where a finger or a card would also do, the screen keeps offering them instead of the challenge', async () => {
  const { screen, shown, settled } = recording();
  screen.prompt(['finger', 'face'], 5000);
  screen.challenge(['turn_left', 'look_up']);
  screen.prompt(['pin'], 5000);
  screen.challenge(['turn_left']);
  await settled();
  assert.deepEqual(shown, [
    { kind: 'prompt', accept: ['finger', 'face'] },
    { kind: 'prompt', accept: ['pin'] },
  ]);
});

test('a challenge after the answer (granted, denied, idle) does not cover it', async () => {
  const { screen, shown, settled } = recording();
  screen.prompt(['face'], 5000);
  screen.denied();
  screen.challenge(['open_mouth']);
  await settled();
  assert.deepEqual(shown.map((s) => s.kind), ['prompt', 'denied']);
});
