import Type from 'typebox';
import { MqttLock } from '../../mqtt/mqttLock.ts';
import { lock } from './lock.ts';

/** A lock or relay on the broker: `<prefix>/door/<id>/lock/set` UNLOCK, then LOCK. */
export const mqtt = lock({
  type: 'mqtt',
  label: 'MQTT lock or relay',
  settings: Type.Object({}, { additionalProperties: false }),
  form: {},
  example: {},
  create: (_s, ctx) => new MqttLock(ctx.mqtt.link, ctx.mqtt.topics, ctx.doorId),
});
