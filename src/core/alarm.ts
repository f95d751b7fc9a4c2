// The alarm panel as a pure state machine: (snapshot, input) -> (snapshot, effects).
// Time only enters through the inputs' `at`, so every transition is reproducible in tests;
// the service that drives it owns the timers and the I/O.

export const ALARM_STATES = ['disarmed', 'arming', 'armed_home', 'armed_away', 'pending', 'triggered'] as const;
export type AlarmState = (typeof ALARM_STATES)[number];
export type ArmMode = 'home' | 'away';

export interface AlarmSettings {
  /** Seconds between an arm command and the armed state, to leave the house. */
  exitDelay: number;
  /** Seconds the siren state lasts; 0 keeps it triggered until disarmed. */
  triggerDuration: number;
  /** After the trigger time: true disarms, false returns to the armed mode. */
  disarmAfterTrigger: boolean;
}

/** How one sensor takes part in the alarm. */
export interface ZoneSettings {
  /** Seconds between this sensor opening and the trigger, to reach the keypad; 0 triggers at once. */
  entryDelay: number;
  /** Ignored while armed_home (e.g. interior doors while people are home). */
  bypassHome: boolean;
}

export interface AlarmSnapshot {
  state: AlarmState;
  /** The armed mode being entered, held, or returned to after a trigger; null when disarmed. */
  mode: ArmMode | null;
  /** When the current timed state ends (arming, pending, triggered), ms since the epoch. */
  deadline: number | null;
  /** The sensor that started pending/triggered, if any. */
  triggeredBy: string | null;
  /** When the current state was entered. */
  since: number;
}

export type AlarmInput =
  | { type: 'arm'; mode: ArmMode; codeValid: boolean; at: number }
  | { type: 'disarm'; codeValid: boolean; at: number }
  | { type: 'sensor_open'; sensorId: string; zone: ZoneSettings; at: number }
  /** Tamper or a silent sensor configured to trigger: no entry delay. */
  | { type: 'trouble'; sensorId: string; at: number }
  | { type: 'tick'; at: number };

export type RejectReason = 'invalid_code' | 'already_armed' | 'disarm_first';

export type AlarmEffect =
  | { type: 'changed'; from: AlarmState; to: AlarmState; reason: string }
  | { type: 'intrusion'; sensorId: string }
  | { type: 'rejected'; command: 'arm' | 'disarm'; reason: RejectReason };

export interface AlarmStep {
  snapshot: AlarmSnapshot;
  effects: AlarmEffect[];
}

export function initialAlarm(at: number): AlarmSnapshot {
  return { state: 'disarmed', mode: null, deadline: null, triggeredBy: null, since: at };
}

export function armedState(mode: ArmMode): 'armed_home' | 'armed_away' {
  return mode === 'home' ? 'armed_home' : 'armed_away';
}

function seconds(s: number): number {
  return Math.round(s * 1000);
}

function enter(
  prev: AlarmSnapshot,
  next: Omit<AlarmSnapshot, 'since'>,
  at: number,
  reason: string,
  extra: AlarmEffect[] = [],
): AlarmStep {
  return {
    snapshot: { ...next, since: at },
    effects: [...extra, { type: 'changed', from: prev.state, to: next.state, reason }],
  };
}

function trigger(s: AlarmSnapshot, sensorId: string, at: number, cfg: AlarmSettings, reason: string, extra: AlarmEffect[] = []): AlarmStep {
  const deadline = cfg.triggerDuration > 0 ? at + seconds(cfg.triggerDuration) : null;
  return enter(s, { state: 'triggered', mode: s.mode, deadline, triggeredBy: sensorId }, at, reason, extra);
}

function isArmedOrPending(state: AlarmState): boolean {
  return state === 'armed_home' || state === 'armed_away' || state === 'pending';
}

export function stepAlarm(s: AlarmSnapshot, input: AlarmInput, cfg: AlarmSettings): AlarmStep {
  const unchanged: AlarmStep = { snapshot: s, effects: [] };
  switch (input.type) {
    case 'arm': {
      if (!input.codeValid) return { snapshot: s, effects: [{ type: 'rejected', command: 'arm', reason: 'invalid_code' }] };
      if (s.state === 'pending' || s.state === 'triggered') {
        return { snapshot: s, effects: [{ type: 'rejected', command: 'arm', reason: 'disarm_first' }] };
      }
      if (s.mode === input.mode) {
        return { snapshot: s, effects: [{ type: 'rejected', command: 'arm', reason: 'already_armed' }] };
      }
      if (cfg.exitDelay <= 0) {
        return enter(s, { state: armedState(input.mode), mode: input.mode, deadline: null, triggeredBy: null }, input.at, 'command');
      }
      const deadline = input.at + seconds(cfg.exitDelay);
      return enter(s, { state: 'arming', mode: input.mode, deadline, triggeredBy: null }, input.at, 'command');
    }
    case 'disarm': {
      if (!input.codeValid) return { snapshot: s, effects: [{ type: 'rejected', command: 'disarm', reason: 'invalid_code' }] };
      if (s.state === 'disarmed') return unchanged;
      return enter(s, { state: 'disarmed', mode: null, deadline: null, triggeredBy: null }, input.at, 'command');
    }
    case 'sensor_open': {
      const watching = s.state !== 'disarmed' && s.state !== 'arming';
      if (!watching || (s.mode === 'home' && input.zone.bypassHome)) return unchanged;
      const intrusion: AlarmEffect = { type: 'intrusion', sensorId: input.sensorId };
      if (s.state === 'triggered') return { snapshot: s, effects: [intrusion] };
      const reason = `sensor:${input.sensorId}`;
      if (input.zone.entryDelay <= 0) return trigger(s, input.sensorId, input.at, cfg, reason, [intrusion]);
      const deadline = input.at + seconds(input.zone.entryDelay);
      if (s.state === 'pending') {
        // A second opening may only shorten the time left, never extend it.
        if (s.deadline !== null && s.deadline <= deadline) return { snapshot: s, effects: [intrusion] };
        return { snapshot: { ...s, deadline }, effects: [intrusion] };
      }
      return enter(s, { state: 'pending', mode: s.mode, deadline, triggeredBy: input.sensorId }, input.at, reason, [intrusion]);
    }
    case 'trouble': {
      if (!isArmedOrPending(s.state)) return unchanged;
      return trigger(s, input.sensorId, input.at, cfg, `trouble:${input.sensorId}`);
    }
    case 'tick': {
      if (s.deadline === null || input.at < s.deadline) return unchanged;
      if (s.state === 'arming' && s.mode) {
        return enter(s, { state: armedState(s.mode), mode: s.mode, deadline: null, triggeredBy: null }, input.at, 'exit_delay_elapsed');
      }
      if (s.state === 'pending') return trigger(s, s.triggeredBy ?? 'unknown', input.at, cfg, 'entry_delay_elapsed');
      if (s.state === 'triggered') {
        if (cfg.disarmAfterTrigger || !s.mode) {
          return enter(s, { state: 'disarmed', mode: null, deadline: null, triggeredBy: null }, input.at, 'trigger_time_elapsed');
        }
        return enter(s, { state: armedState(s.mode), mode: s.mode, deadline: null, triggeredBy: null }, input.at, 'trigger_time_elapsed');
      }
      return unchanged;
    }
  }
}
