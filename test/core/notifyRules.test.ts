import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import Value from 'typebox/value';
import { ChannelRulesSchema, decide, dedupeKey, quietUntil, type ChannelRules, type RoutedEvent } from '../../src/core/notifyRules.ts';
import { EVENT_TYPES } from '../../src/core/events.ts';

const rules = (r: Partial<ChannelRules>): ChannelRules => Value.Default(ChannelRulesSchema, { types: ['Intrusion', 'Entry', 'SensorBatteryLow', 'SensorOffline'], ...r }) as ChannelRules;
const ev = (type: RoutedEvent['type'], extra: Partial<RoutedEvent> = {}): RoutedEvent => ({ type, time: 0, personId: null, sensorId: null, doorId: null, ...extra });
const calm = { lastMinute: 0, lastSameKey: null };
const at = (hh: number, mm = 0) => new Date(2026, 10, 24, hh, mm).getTime();

test('types and people filter what a channel hears', () => {
  assert.deepEqual(decide(ev('Exit'), rules({}), calm, at(12)), { kind: 'skip', why: 'type' });
  const parents = rules({ types: ['Entry'], people: ['kid-1', 'kid-2'] });
  assert.deepEqual(decide(ev('Entry', { personId: 'kid-1' }), parents, calm, at(12)), { kind: 'now' });
  assert.deepEqual(decide(ev('Entry', { personId: 'adult' }), parents, calm, at(12)), { kind: 'skip', why: 'person' });
  assert.deepEqual(decide(ev('Entry'), parents, calm, at(12)), { kind: 'skip', why: 'person' });
});

test('once a day: the same sensor battery warning goes once in 24 h', () => {
  const r = rules({});
  const e = ev('SensorBatteryLow', { sensorId: 'front' });
  assert.equal(dedupeKey(e), 'SensorBatteryLow:front');
  assert.deepEqual(decide(e, r, { lastMinute: 0, lastSameKey: at(12) - 23 * 3600_000 }, at(12)), { kind: 'skip', why: 'once_per_day' });
  assert.deepEqual(decide(e, r, { lastMinute: 0, lastSameKey: at(12) - 24 * 3600_000 }, at(12)), { kind: 'now' });
});

test('quiet hours hold the ordinary until they end (overnight too); urgent goes at once', () => {
  const r = rules({ quietHours: { from: '22:00', to: '07:00' } });
  assert.deepEqual(decide(ev('Entry'), r, calm, at(23, 30)), { kind: 'group', dueAt: at(7) + 86_400_000, why: 'quiet_hours' });
  assert.deepEqual(decide(ev('Entry'), r, calm, at(6, 59)), { kind: 'group', dueAt: at(7), why: 'quiet_hours' });
  assert.deepEqual(decide(ev('Entry'), r, calm, at(7)), { kind: 'now' });
  assert.deepEqual(decide(ev('Entry'), r, calm, at(21, 59)), { kind: 'now' });
  assert.deepEqual(decide(ev('Intrusion'), r, calm, at(23, 30)), { kind: 'now' });
  assert.equal(quietUntil({ from: '13:00', to: '14:00' }, at(13, 30)), at(14));
  assert.equal(quietUntil({ from: '13:00', to: '14:00' }, at(14)), null);
});

test('rate limit and grouping fold the ordinary, never the urgent', () => {
  const r = rules({ maxPerMinute: 3, groupSeconds: 30 });
  assert.deepEqual(decide(ev('Entry'), r, { lastMinute: 3, lastSameKey: null }, at(12)), { kind: 'group', dueAt: at(12) + 60_000, why: 'rate_limit' });
  assert.deepEqual(decide(ev('Entry'), r, { lastMinute: 0, lastSameKey: null }, at(12)), { kind: 'group', dueAt: at(12) + 30_000, why: 'grouping' });
  assert.deepEqual(decide(ev('Intrusion'), r, { lastMinute: 100, lastSameKey: null }, at(12)), { kind: 'now' });
});

test('property: an urgent type the channel hears is never held or dropped', () => {
  fc.assert(
    fc.property(fc.constantFrom(...EVENT_TYPES), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1439 }), fc.boolean(), (type, lastMinute, minute, quiet) => {
      const r = rules({ types: [type], urgent: [type], oncePerDay: [], maxPerMinute: 1, groupSeconds: 60, ...(quiet ? { quietHours: { from: '00:00', to: '23:59' } } : {}) });
      return decide(ev(type), r, { lastMinute, lastSameKey: null }, at(Math.floor(minute / 60), minute % 60)).kind === 'now';
    }),
  );
});
