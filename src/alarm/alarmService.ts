import type { Logger } from 'pino';
import type { Bus } from '../core/bus.ts';
import type { NewEvent } from '../core/events.ts';
import {
  initialAlarm,
  stepAlarm,
  ALARM_STATES,
  type AlarmEffect,
  type AlarmInput,
  type AlarmSettings,
  type AlarmSnapshot,
  type AlarmState,
  type RejectReason,
} from '../core/alarm.ts';
import type { SettingsRepo } from '../store/settings.ts';
import type { SensorService } from './sensorService.ts';
import { secretsEqual } from '../store/passwords.ts';
import { CodeGuard, type CodeGuardOptions } from '../core/codeGuard.ts';

export const ALARM_ACTIONS = ['ARM_AWAY', 'ARM_HOME', 'DISARM'] as const;
export type AlarmAction = (typeof ALARM_ACTIONS)[number];

export interface AlarmServiceDeps {
  settings: AlarmSettings & { code: string; codeToArm: boolean };
  repo: SettingsRepo;
  sensors: SensorService;
  bus: Bus;
  record: (e: NewEvent) => void;
  log: Logger;
  now?: () => number;
  codeGuard?: CodeGuardOptions;
}

export type CommandResult = { ok: true; alarm: AlarmSnapshot } | { ok: false; reason: RejectReason | 'locked_out'; alarm: AlarmSnapshot };

/** How a code offered by a source fared; `locked_out` after too many wrong ones (CodeGuard). */
export type CodeCheck = 'ok' | 'wrong' | 'locked_out' | 'no_code_set';

const EVENT_FOR: Record<AlarmState, 'AlarmDisarmed' | 'AlarmArming' | 'AlarmArmed' | 'AlarmPending' | 'AlarmTriggered'> = {
  disarmed: 'AlarmDisarmed',
  arming: 'AlarmArming',
  armed_home: 'AlarmArmed',
  armed_away: 'AlarmArmed',
  pending: 'AlarmPending',
  triggered: 'AlarmTriggered',
};

function isSnapshot(v: unknown): v is AlarmSnapshot {
  const s = v as AlarmSnapshot;
  return typeof v === 'object' && v !== null && (ALARM_STATES as readonly string[]).includes(s.state) && typeof s.since === 'number';
}

/** Drives the pure alarm machine: feeds it commands, sensor signals and timer ticks; logs and publishes what it decides. */
export class AlarmService {
  private snapshot: AlarmSnapshot;
  private timer: NodeJS.Timeout | undefined;
  private readonly now: () => number;
  private readonly unsubscribe: Array<() => void> = [];
  private saving: Promise<void> = Promise.resolve();
  private readonly guard: CodeGuard;

  constructor(private readonly d: AlarmServiceDeps) {
    this.now = d.now ?? Date.now;
    this.guard = new CodeGuard(d.codeGuard);
    this.snapshot = initialAlarm(this.now());
  }

  get state(): AlarmSnapshot {
    return this.snapshot;
  }

  /** Which commands need the alarm code, so that a panel shows its keypad only then. */
  get codeRequired(): { arm: boolean; disarm: boolean } {
    const set = this.d.settings.code !== '';
    return { arm: set && this.d.settings.codeToArm, disarm: set };
  }

  /** Picks up where the last run left off: a power cut must not disarm the house. */
  async start(): Promise<void> {
    const saved = await this.d.repo.get('alarm');
    if (isSnapshot(saved)) this.snapshot = saved;
    this.unsubscribe.push(
      this.d.bus.on('sensor.opened', (e) => {
        const s = this.d.sensors.get(e.sensorId);
        if (s) this.apply({ type: 'sensor_open', sensorId: s.id, zone: s, at: e.at });
      }),
      this.d.bus.on('sensor.trouble', (e) => this.apply({ type: 'trouble', sensorId: e.sensorId, at: e.at })),
    );
    this.apply({ type: 'tick', at: this.now() });
    this.schedule();
  }

  async stop(): Promise<void> {
    clearTimeout(this.timer);
    for (const off of this.unsubscribe.splice(0)) off();
    await this.saving;
  }

  /**
   * Checks the alarm code for anything it guards (disarming, arming when asked, a remote unlock),
   * counting wrong codes per source (`via`) and locking out a source that guesses.
   */
  checkCode(code: string | undefined, via: string, command: string): CodeCheck {
    const expected = this.d.settings.code;
    if (expected === '') return 'no_code_set';
    const at = this.now();
    // Refusals during a lockout are not logged one by one: a guessing script must not flood the log.
    if (this.guard.lockedUntil(via, at) !== null) return 'locked_out';
    const ok = code !== undefined && secretsEqual(code, expected);
    const until = this.guard.record(via, ok, at);
    if (until !== null) {
      this.d.record({ type: 'AlarmCommandRejected', time: at, details: { command, reason: 'too_many_wrong_codes', via, until } });
      this.d.log.warn({ via, until: new Date(until).toISOString() }, 'too many wrong alarm codes: this source is locked out for a while');
    }
    return ok ? 'ok' : 'wrong';
  }

  command(action: AlarmAction, code: string | undefined, via: string): CommandResult {
    const needsCode = action === 'DISARM' || this.d.settings.codeToArm;
    const check = needsCode ? this.checkCode(code, via, action === 'DISARM' ? 'disarm' : 'arm') : 'no_code_set';
    if (check === 'locked_out') return { ok: false, reason: 'locked_out', alarm: this.snapshot };
    const codeValid = check !== 'wrong';
    const at = this.now();
    const input: AlarmInput =
      action === 'DISARM' ? { type: 'disarm', codeValid, at } : { type: 'arm', mode: action === 'ARM_HOME' ? 'home' : 'away', codeValid, at };
    const effects = this.apply(input, via);
    const rejected = effects.find((e): e is Extract<AlarmEffect, { type: 'rejected' }> => e.type === 'rejected');
    return rejected ? { ok: false, reason: rejected.reason, alarm: this.snapshot } : { ok: true, alarm: this.snapshot };
  }

  /** Disarm by someone already proven at a door (PIN or fob plus face): no alarm code needed. */
  disarmByAccess(via: string): void {
    if (this.snapshot.state !== 'disarmed') this.apply({ type: 'disarm', codeValid: true, at: this.now() }, via);
  }

  private apply(input: AlarmInput, via?: string): AlarmEffect[] {
    const { snapshot, effects } = stepAlarm(this.snapshot, input, this.d.settings);
    const changed = snapshot !== this.snapshot;
    this.snapshot = snapshot;
    for (const e of effects) this.recordEffect(e, input.at, via);
    if (changed) {
      const saved = { ...snapshot };
      this.saving = this.saving
        .then(() => this.d.repo.set('alarm', saved))
        .catch((err: unknown) => this.d.log.error({ err }, 'saving alarm state failed'));
      this.d.bus.emit('alarm.changed', snapshot);
    }
    if (changed || input.type === 'tick') this.schedule();
    return effects;
  }

  private recordEffect(e: AlarmEffect, at: number, via?: string): void {
    switch (e.type) {
      case 'intrusion':
        this.d.record({ type: 'Intrusion', sensorId: e.sensorId, time: at, details: { alarm: this.snapshot.state, name: this.d.sensors.get(e.sensorId)?.name ?? e.sensorId } });
        return;
      case 'rejected':
        this.d.record({ type: 'AlarmCommandRejected', time: at, details: { command: e.command, reason: e.reason, via: via ?? null } });
        return;
      case 'changed':
        this.d.record({
          type: EVENT_FOR[e.to],
          sensorId: this.snapshot.triggeredBy,
          time: at,
          details: { from: e.from, to: e.to, reason: e.reason, via: via ?? null, mode: this.snapshot.mode },
        });
    }
  }

  private schedule(): void {
    clearTimeout(this.timer);
    const deadline = this.snapshot.deadline;
    if (deadline === null) return;
    // Timers cap at ~24.8 days; a later deadline is simply re-checked.
    const delay = Math.min(Math.max(deadline - this.now(), 0), 2 ** 31 - 1);
    this.timer = setTimeout(() => this.apply({ type: 'tick', at: this.now() }), delay);
    this.timer.unref();
  }
}
