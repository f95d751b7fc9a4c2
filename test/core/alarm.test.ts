import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  ALARM_STATES,
  initialAlarm,
  stepAlarm,
  type AlarmInput,
  type AlarmSettings,
  type AlarmSnapshot,
  type AlarmState,
  type ArmMode,
  type ZoneSettings,
} from '../../src/core/alarm.ts';

const cfg: AlarmSettings = { exitDelay: 30, triggerDuration: 180, disarmAfterTrigger: false };
const delayed: ZoneSettings = { entryDelay: 20, bypassHome: false };
const instant: ZoneSettings = { entryDelay: 0, bypassHome: false };
const interior: ZoneSettings = { entryDelay: 0, bypassHome: true };
const T = 1_000_000;

/** A snapshot in each state, as the machine itself would have produced it. */
function inState(state: AlarmState, mode: ArmMode = 'away'): AlarmSnapshot {
  switch (state) {
    case 'disarmed':
      return initialAlarm(T);
    case 'arming':
      return { state, mode, deadline: T + 30_000, triggeredBy: null, since: T };
    case 'armed_home':
      return { state, mode: 'home', deadline: null, triggeredBy: null, since: T };
    case 'armed_away':
      return { state, mode: 'away', deadline: null, triggeredBy: null, since: T };
    case 'pending':
      return { state, mode, deadline: T + 20_000, triggeredBy: 'front', since: T };
    case 'triggered':
      return { state, mode, deadline: T + 180_000, triggeredBy: 'front', since: T };
  }
}

const at = T + 1000;
const inputs: Record<string, AlarmInput> = {
  armAway: { type: 'arm', mode: 'away', codeValid: true, at },
  armHome: { type: 'arm', mode: 'home', codeValid: true, at },
  armBadCode: { type: 'arm', mode: 'away', codeValid: false, at },
  disarm: { type: 'disarm', codeValid: true, at },
  disarmBadCode: { type: 'disarm', codeValid: false, at },
  openDelayed: { type: 'sensor_open', sensorId: 'front', zone: delayed, at },
  openInstant: { type: 'sensor_open', sensorId: 'window', zone: instant, at },
  openInterior: { type: 'sensor_open', sensorId: 'hall', zone: interior, at },
  trouble: { type: 'trouble', sensorId: 'window', at },
  tickEarly: { type: 'tick', at },
  tickLate: { type: 'tick', at: T + 10_000_000 },
};

// Every (state, input) pair with the state it must lead to. '=' means unchanged.
const table: Record<AlarmState, Record<keyof typeof inputs, AlarmState | '='>> = {
  disarmed: { armAway: 'arming', armHome: 'arming', armBadCode: '=', disarm: '=', disarmBadCode: '=', openDelayed: '=', openInstant: '=', openInterior: '=', trouble: '=', tickEarly: '=', tickLate: '=' },
  arming: { armAway: '=', armHome: 'arming', armBadCode: '=', disarm: 'disarmed', disarmBadCode: '=', openDelayed: '=', openInstant: '=', openInterior: '=', trouble: '=', tickEarly: '=', tickLate: 'armed_away' },
  armed_home: { armAway: 'arming', armHome: '=', armBadCode: '=', disarm: 'disarmed', disarmBadCode: '=', openDelayed: 'pending', openInstant: 'triggered', openInterior: '=', trouble: 'triggered', tickEarly: '=', tickLate: '=' },
  armed_away: { armAway: '=', armHome: 'arming', armBadCode: '=', disarm: 'disarmed', disarmBadCode: '=', openDelayed: 'pending', openInstant: 'triggered', openInterior: 'triggered', trouble: 'triggered', tickEarly: '=', tickLate: '=' },
  pending: { armAway: '=', armHome: '=', armBadCode: '=', disarm: 'disarmed', disarmBadCode: '=', openDelayed: '=', openInstant: 'triggered', openInterior: 'triggered', trouble: 'triggered', tickEarly: '=', tickLate: 'triggered' },
  triggered: { armAway: '=', armHome: '=', armBadCode: '=', disarm: 'disarmed', disarmBadCode: '=', openDelayed: '=', openInstant: '=', openInterior: '=', trouble: '=', tickEarly: '=', tickLate: 'armed_away' },
};

test('every state x input pair leads where the table says', () => {
  for (const state of ALARM_STATES) {
    for (const [name, input] of Object.entries(inputs)) {
      const before = inState(state);
      const { snapshot } = stepAlarm(before, input, cfg);
      const want = table[state][name as keyof typeof inputs];
      assert.equal(snapshot.state, want === '=' ? state : want, `${state} + ${name}`);
    }
  }
});

test('a wrong code is rejected and changes nothing', () => {
  for (const state of ALARM_STATES) {
    for (const input of [inputs.armBadCode, inputs.disarmBadCode] as AlarmInput[]) {
      const before = inState(state);
      const r = stepAlarm(before, input, cfg);
      assert.equal(r.snapshot, before);
      assert.deepEqual(r.effects, [{ type: 'rejected', command: input.type, reason: 'invalid_code' }]);
    }
  }
});

test('arming while pending or triggered asks to disarm first; re-arming the same mode says so', () => {
  assert.deepEqual(stepAlarm(inState('pending'), inputs.armHome as AlarmInput, cfg).effects[0], { type: 'rejected', command: 'arm', reason: 'disarm_first' });
  assert.deepEqual(stepAlarm(inState('armed_away'), inputs.armAway as AlarmInput, cfg).effects[0], { type: 'rejected', command: 'arm', reason: 'already_armed' });
});

test('an opening while armed reports an intrusion at once, before any entry delay runs out', () => {
  const r = stepAlarm(inState('armed_away'), inputs.openDelayed as AlarmInput, cfg);
  assert.deepEqual(r.effects[0], { type: 'intrusion', sensorId: 'front' });
  assert.equal(r.snapshot.deadline, at + 20_000);
  assert.equal(r.snapshot.triggeredBy, 'front');
});

test('a bypassed sensor is ignored at home but not away', () => {
  assert.deepEqual(stepAlarm(inState('armed_home'), inputs.openInterior as AlarmInput, cfg).effects, []);
  assert.equal(stepAlarm(inState('armed_away'), inputs.openInterior as AlarmInput, cfg).snapshot.state, 'triggered');
});

test('a second opening during the entry delay can shorten it but never extend it', () => {
  const pending = inState('pending');
  const later = stepAlarm(pending, { type: 'sensor_open', sensorId: 'back', zone: { entryDelay: 60, bypassHome: false }, at }, cfg);
  assert.equal(later.snapshot.deadline, pending.deadline);
  const sooner = stepAlarm(pending, { type: 'sensor_open', sensorId: 'back', zone: { entryDelay: 5, bypassHome: false }, at }, cfg);
  assert.equal(sooner.snapshot.deadline, at + 5000);
  assert.equal(sooner.snapshot.state, 'pending');
});

test('the full night: arm, exit delay, door opens, entry delay runs out, siren, back to armed', () => {
  let s = initialAlarm(T);
  const go = (input: AlarmInput) => (s = stepAlarm(s, input, cfg).snapshot);
  go({ type: 'arm', mode: 'away', codeValid: true, at: T });
  assert.equal(s.state, 'arming');
  go({ type: 'tick', at: T + 29_999 });
  assert.equal(s.state, 'arming');
  go({ type: 'tick', at: T + 30_000 });
  assert.equal(s.state, 'armed_away');
  go({ type: 'sensor_open', sensorId: 'front', zone: delayed, at: T + 100_000 });
  assert.equal(s.state, 'pending');
  go({ type: 'tick', at: T + 120_000 });
  assert.equal(s.state, 'triggered');
  assert.equal(s.deadline, T + 300_000);
  go({ type: 'tick', at: T + 300_000 });
  assert.equal(s.state, 'armed_away');
});

test('disarmAfterTrigger ends a trigger disarmed; triggerDuration 0 never ends it', () => {
  const trig = inState('triggered');
  assert.equal(stepAlarm(trig, inputs.tickLate as AlarmInput, { ...cfg, disarmAfterTrigger: true }).snapshot.state, 'disarmed');
  const endless = stepAlarm(inState('armed_away'), inputs.openInstant as AlarmInput, { ...cfg, triggerDuration: 0 }).snapshot;
  assert.equal(endless.deadline, null);
  assert.equal(stepAlarm(endless, { type: 'tick', at: Number.MAX_SAFE_INTEGER }, cfg).snapshot.state, 'triggered');
});

test('exitDelay 0 arms at once', () => {
  assert.equal(stepAlarm(initialAlarm(T), inputs.armHome as AlarmInput, { ...cfg, exitDelay: 0 }).snapshot.state, 'armed_home');
});

// Property-based: random command/sensor/time sequences against invariants that must always hold.
const zoneArb = fc.record({ entryDelay: fc.constantFrom(0, 1, 20, 60), bypassHome: fc.boolean() });
const stepArb = fc.oneof(
  fc.record({ type: fc.constant('arm' as const), mode: fc.constantFrom<ArmMode>('home', 'away'), codeValid: fc.boolean(), dt: fc.nat(120_000) }),
  fc.record({ type: fc.constant('disarm' as const), codeValid: fc.boolean(), dt: fc.nat(120_000) }),
  fc.record({ type: fc.constant('sensor_open' as const), sensorId: fc.constantFrom('a', 'b', 'c'), zone: zoneArb, dt: fc.nat(120_000) }),
  fc.record({ type: fc.constant('trouble' as const), sensorId: fc.constantFrom('a', 'b'), dt: fc.nat(120_000) }),
  fc.record({ type: fc.constant('tick' as const), dt: fc.nat(400_000) }),
);
const cfgArb = fc.record({ exitDelay: fc.constantFrom(0, 10, 30), triggerDuration: fc.constantFrom(0, 60, 180), disarmAfterTrigger: fc.boolean() });

function toInput(step: Record<string, unknown>, now: number): AlarmInput {
  const { dt: _dt, ...rest } = step;
  return { ...(rest as object), at: now } as AlarmInput;
}

test('property: invariants hold over any sequence of inputs', () => {
  fc.assert(
    fc.property(cfgArb, fc.array(stepArb, { maxLength: 60 }), (settings, steps) => {
      let now = T;
      let s = initialAlarm(now);
      for (const st of steps) {
        now += st.dt;
        const input = toInput(st, now);
        const prev = s;
        const r = stepAlarm(s, input, settings);
        s = r.snapshot;
        // A timed state has a deadline (except an endless trigger); an untimed one has none.
        if (s.state === 'arming' || s.state === 'pending') assert.notEqual(s.deadline, null);
        if (s.state === 'triggered') assert.equal(s.deadline === null, settings.triggerDuration === 0);
        if (s.state === 'disarmed' || s.state === 'armed_home' || s.state === 'armed_away') assert.equal(s.deadline, null);
        // Mode is known exactly when not disarmed.
        assert.equal(s.mode === null, s.state === 'disarmed');
        // A valid disarm always disarms; an invalid code never changes anything.
        if (input.type === 'disarm' && input.codeValid) assert.equal(s.state, 'disarmed');
        if ((input.type === 'arm' || input.type === 'disarm') && !input.codeValid) assert.equal(s, prev);
        // Nothing a sensor does changes a disarmed or arming panel.
        if ((input.type === 'sensor_open' || input.type === 'trouble') && (prev.state === 'disarmed' || prev.state === 'arming')) assert.equal(s, prev);
        // Triggered is only reached from armed or pending.
        if (s.state === 'triggered' && prev.state !== 'triggered') assert.ok(['armed_home', 'armed_away', 'pending'].includes(prev.state));
        // An intrusion is reported exactly when a watched sensor opens.
        const intrusions = r.effects.filter((e) => e.type === 'intrusion').length;
        const watched = input.type === 'sensor_open' && !['disarmed', 'arming'].includes(prev.state) && !(prev.mode === 'home' && input.zone.bypassHome);
        assert.equal(intrusions, watched ? 1 : 0);
        // Every change of state or mode is reported once, with the right endpoints.
        const changes = r.effects.filter((e) => e.type === 'changed');
        if (s.state !== prev.state || s.mode !== prev.mode) assert.deepEqual(changes.map((c) => [c.from, c.to]), [[prev.state, s.state]]);
        else assert.equal(changes.length, 0);
      }
    }),
    { numRuns: 2000 },
  );
});

test('property: a pending alarm always triggers by its deadline unless disarmed', () => {
  fc.assert(
    fc.property(cfgArb, zoneArb.filter((z) => z.entryDelay > 0 && !z.bypassHome), fc.nat(1_000_000), (settings, zone, late) => {
      const armed = inState('armed_away');
      const pending = stepAlarm(armed, { type: 'sensor_open', sensorId: 'x', zone, at: T }, settings).snapshot;
      assert.equal(pending.state, 'pending');
      const after = stepAlarm(pending, { type: 'tick', at: (pending.deadline ?? 0) + late }, settings).snapshot;
      assert.equal(after.state, 'triggered');
    }),
  );
});
