import type { Logger } from 'pino';
import Type from 'typebox';
import { Compile } from 'typebox/compile';
import type { Bus } from '../core/bus.ts';
import type { Diagnostics } from '../core/diagnostics.ts';
import { ALARM_ACTIONS, type AlarmService } from '../alarm/alarmService.ts';
import type { MqttLink } from './connection.ts';
import type { Topics } from './topics.ts';

const SetCommand = Compile(
  Type.Object({
    action: Type.Enum(ALARM_ACTIONS),
    code: Type.Optional(Type.String({ maxLength: 32 })),
  }),
);

export interface AlarmBridgeDeps {
  link: MqttLink;
  topics: Topics;
  bus: Bus;
  alarm: AlarmService;
  log: Logger;
  diagnostics: Diagnostics;
}

/** The alarm on MQTT: state out (retained, Home Assistant vocabulary), commands in; every log event out. Returns its stop. */
export function attachAlarmBridge(d: AlarmBridgeDeps): () => void {
  const publishState = () => d.link.publish(d.topics.alarmState, d.alarm.state.state, { retain: true });
  const offs = [
    d.link.onEveryConnect(publishState),
    d.bus.on('alarm.changed', publishState),
    d.bus.on('log.appended', (e) => d.link.publish(d.topics.event, JSON.stringify(e))),
    d.link.onMessage(onCommand),
  ];
  return () => offs.forEach((off) => off());

  function onCommand(topic: string, payload: Buffer): void {
    const command = d.topics.parseCommand(topic);
    if (!command || !('alarm' in command.target)) return;
    // Wrong codes count per login where the broker says who sent it.
    const via = command.sender ? `mqtt:${command.sender}` : 'mqtt';
    const text = payload.toString('utf8').trim();
    let cmd: unknown;
    try {
      cmd = text.startsWith('{') ? JSON.parse(text) : { action: text };
    } catch {
      cmd = undefined;
    }
    if (!SetCommand.Check(cmd)) {
      d.diagnostics.count('mqtt_rejected_alarm_command');
      d.log.warn({ topic }, 'MQTT alarm command ignored: expected {"action":"ARM_AWAY|ARM_HOME|DISARM","code":"..."}');
      return;
    }
    const result = d.alarm.command(cmd.action, cmd.code, via);
    if (!result.ok) d.log.warn({ action: cmd.action, reason: result.reason }, 'MQTT alarm command refused');
  }
}
