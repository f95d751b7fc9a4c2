import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EVENT_TYPES } from '../../src/core/events.ts';
import { detailsProblem, lockOpened, lockOutcome } from '../../src/core/eventDetails.ts';
import { SAMPLE_DETAILS } from '../fixtures/events.ts';

test('every event type has a details schema, and its sample fits', () => {
  for (const type of EVENT_TYPES) assert.equal(detailsProblem(type, SAMPLE_DETAILS[type]), null, type);
});

test('details that do not fit are named: an unknown key, a missing key, a wrong type', () => {
  assert.match(detailsProblem('SensorOpened', { ...SAMPLE_DETAILS.SensorOpened, extra: 1 }) ?? '', /SensorOpened details/);
  assert.match(detailsProblem('Intrusion', { name: 'x' }) ?? '', /Intrusion details/);
  assert.match(detailsProblem('SensorBatteryLow', { name: 'x', battery: '15', threshold: 20 }) ?? '', /battery/);
  assert.match(detailsProblem('Entry', { ...SAMPLE_DETAILS.Entry, lock: 'maybe' }) ?? '', /Entry details/);
});

test('the lock outcome is built and read in one place', () => {
  assert.equal(lockOutcome({ ok: true }), 'ok');
  assert.equal(lockOutcome({ ok: false, detail: 'HTTP 500' }), 'failed: HTTP 500');
  assert.equal(detailsProblem('DoorUnlocked', { by: 'ann', lock: lockOutcome({ ok: false }) }), null);
  assert.equal(lockOpened(lockOutcome({ ok: true })), true);
  assert.equal(lockOpened(lockOutcome({ ok: false, detail: 'x' })), false);
});
