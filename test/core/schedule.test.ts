import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { accessAllowed, type AccessRules } from '../../src/core/schedule.ts';

// Local times: 2026-11-23 is a Monday (getDay() = 1).
const at = (day: number, hhmm: string) => new Date(2026, 10, 22 + day, Number(hhmm.slice(0, 2)), Number(hhmm.slice(3)));
const weekdays: AccessRules = { doors: null, schedule: [{ days: [1, 2, 3, 4, 5], from: '08:00', to: '18:00' }] };

test('no rules: every door, any time', () => {
  assert.equal(accessAllowed({ doors: null, schedule: null }, 'front', at(0, '03:00')), true);
});

test('a weekday window: from is inclusive, to is exclusive, weekends closed', () => {
  assert.equal(accessAllowed(weekdays, 'front', at(1, '07:59')), false);
  assert.equal(accessAllowed(weekdays, 'front', at(1, '08:00')), true);
  assert.equal(accessAllowed(weekdays, 'front', at(5, '17:59')), true);
  assert.equal(accessAllowed(weekdays, 'front', at(5, '18:00')), false);
  assert.equal(accessAllowed(weekdays, 'front', at(6, '12:00')), false);
  assert.equal(accessAllowed(weekdays, 'front', at(0, '12:00')), false);
});

test('an overnight window belongs to the day it starts on', () => {
  const nights: AccessRules = { doors: null, schedule: [{ days: [5], from: '22:00', to: '06:00' }] };
  assert.equal(accessAllowed(nights, 'front', at(5, '21:59')), false);
  assert.equal(accessAllowed(nights, 'front', at(5, '23:30')), true);
  assert.equal(accessAllowed(nights, 'front', at(6, '05:59')), true, 'Saturday morning is Friday night');
  assert.equal(accessAllowed(nights, 'front', at(6, '06:00')), false);
  assert.equal(accessAllowed(nights, 'front', at(5, '05:00')), false, 'Friday morning belongs to Thursday, not listed');
  const sunday: AccessRules = { doors: null, schedule: [{ days: [6], from: '20:00', to: '02:00' }] };
  assert.equal(accessAllowed(sunday, 'front', at(0, '01:00')), true, 'Saturday night wraps into Sunday');
});

test('doors limit where, an empty schedule means never', () => {
  assert.equal(accessAllowed({ doors: ['front'], schedule: null }, 'back', at(1, '12:00')), false);
  assert.equal(accessAllowed({ doors: ['front'], schedule: null }, 'front', at(1, '12:00')), true);
  assert.equal(accessAllowed({ doors: null, schedule: [] }, 'front', at(1, '12:00')), false);
});

test('property: a window covering the whole day of every day allows any time', () => {
  const always: AccessRules = { doors: null, schedule: [{ days: [0, 1, 2, 3, 4, 5, 6], from: '00:00', to: '00:00' }] };
  fc.assert(fc.property(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 1439 }), (d, m) => accessAllowed(always, 'x', at(d, `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`))));
});
