import { test } from 'node:test';
import assert from 'node:assert/strict';
import Value from 'typebox/value';
import { SensorFormatSchema, type SensorFormat } from '../../src/config/schema.ts';
import { FORMATS } from '../../src/mqtt/formats/index.ts';

const fmt = (f: Partial<SensorFormat> & Pick<SensorFormat, 'type' | 'device'>): SensorFormat => Value.Default(SensorFormatSchema, { ...f }) as SensorFormat;
const parse = (f: SensorFormat, topic: string, payload: string) => FORMATS[f.type].parse(f, topic, Buffer.from(payload));

// Payloads as each project documents them.
test('Zigbee2MQTT: contact true is closed; battery and tamper; availability in both forms', () => {
  const f = fmt({ type: 'zigbee2mqtt', device: 'front door' });
  assert.deepEqual(FORMATS.zigbee2mqtt.topics(f), ['zigbee2mqtt/front door', 'zigbee2mqtt/front door/availability']);
  assert.deepEqual(parse(f, 'zigbee2mqtt/front door', '{"battery":91,"contact":false,"linkquality":120,"tamper":false,"voltage":3000}'), { kind: 'state', contact: 'open', battery: 91, tamper: false });
  assert.deepEqual(parse(f, 'zigbee2mqtt/front door', '{"contact":true,"battery_low":true}'), { kind: 'state', contact: 'closed', battery: 5 });
  assert.deepEqual(parse(f, 'zigbee2mqtt/front door/availability', '{"state":"offline"}'), { kind: 'availability', online: false });
  assert.deepEqual(parse(f, 'zigbee2mqtt/front door/availability', 'online'), { kind: 'availability', online: true });
  assert.equal(parse(f, 'zigbee2mqtt/front door', '{"linkquality":80}').kind, 'invalid');
  assert.equal(parse(f, 'zigbee2mqtt/front door', 'garbage').kind, 'invalid');
  assert.equal(parse(f, 'zigbee2mqtt/front door', '{"contact":"yes","battery":400}').kind, 'invalid');
});

test('Tasmota: SENSOR telemetry, RESULT actions, LWT; other keys ignored; which state is open is configurable', () => {
  const f = fmt({ type: 'tasmota', device: 'garage' });
  assert.deepEqual(FORMATS.tasmota.topics(f), ['tele/garage/SENSOR', 'stat/garage/RESULT', 'tele/garage/LWT']);
  assert.deepEqual(parse(f, 'tele/garage/SENSOR', '{"Time":"2026-11-24T10:00:00","Switch1":"ON"}'), { kind: 'state', contact: 'open' });
  assert.deepEqual(parse(f, 'stat/garage/RESULT', '{"Switch1":{"Action":"OFF"}}'), { kind: 'state', contact: 'closed' });
  assert.deepEqual(parse(f, 'stat/garage/RESULT', '{"POWER":"ON"}'), { kind: 'ignore' });
  assert.deepEqual(parse(f, 'tele/garage/LWT', 'Offline'), { kind: 'availability', online: false });
  const inverted = fmt({ type: 'tasmota', device: 'garage', input: 'Switch2', openWhen: 'OFF' });
  assert.deepEqual(parse(inverted, 'tele/garage/SENSOR', '{"Switch2":"OFF"}'), { kind: 'state', contact: 'open' });
  assert.equal(parse(f, 'tele/garage/SENSOR', '{"Switch1":"TOGGLE"}').kind, 'invalid');
});

test('ESPHome: binary sensor ON/OFF and the status topic', () => {
  const f = fmt({ type: 'esphome', device: 'hall-node', input: 'back_door' });
  assert.deepEqual(FORMATS.esphome.topics(f), ['hall-node/binary_sensor/back_door/state', 'hall-node/status']);
  assert.deepEqual(parse(f, 'hall-node/binary_sensor/back_door/state', 'ON'), { kind: 'state', contact: 'open' });
  assert.deepEqual(parse(f, 'hall-node/binary_sensor/back_door/state', 'OFF'), { kind: 'state', contact: 'closed' });
  assert.deepEqual(parse(f, 'hall-node/status', 'offline'), { kind: 'availability', online: false });
  assert.equal(parse(f, 'hall-node/binary_sensor/back_door/state', '1').kind, 'invalid');
});

test('Shelly Door/Window: open/close, battery, online', () => {
  const f = fmt({ type: 'shelly', device: 'shellydw2-8CAAB5616291' });
  assert.deepEqual(parse(f, 'shellies/shellydw2-8CAAB5616291/sensor/state', 'open'), { kind: 'state', contact: 'open' });
  assert.deepEqual(parse(f, 'shellies/shellydw2-8CAAB5616291/sensor/state', 'close'), { kind: 'state', contact: 'closed' });
  assert.deepEqual(parse(f, 'shellies/shellydw2-8CAAB5616291/sensor/battery', '87'), { kind: 'state', battery: 87 });
  assert.deepEqual(parse(f, 'shellies/shellydw2-8CAAB5616291/online', 'false'), { kind: 'availability', online: false });
  assert.equal(parse(f, 'shellies/shellydw2-8CAAB5616291/sensor/battery', 'lots').kind, 'invalid');
  assert.equal(parse(f, 'shellies/shellydw2-8CAAB5616291/sensor/state', 'ajar').kind, 'invalid');
});

test('a device name cannot smuggle in MQTT wildcards', () => {
  assert.equal(Value.Check(SensorFormatSchema, { type: 'zigbee2mqtt', device: '#', input: '', openWhen: 'ON', baseTopic: 'zigbee2mqtt' }), false);
  assert.equal(Value.Check(SensorFormatSchema, { type: 'tasmota', device: 'a/+/b', input: '', openWhen: 'ON', baseTopic: 'zigbee2mqtt' }), false);
});
