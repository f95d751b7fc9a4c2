import Type from 'typebox';
import { Device, Input, OpenWhen, onOff, state, format } from './format.ts';

const settings = Type.Object({ device: Device, input: Input, openWhen: OpenWhen }, { additionalProperties: false });

// ESPHome's MQTT component: `<node>/binary_sensor/<object id>/state` is `ON`/`OFF` (for a door
// class sensor ON = open) and `<node>/status` is `online`/`offline` (birth message and last will).
export const esphome = format({
  type: 'esphome',
  label: 'ESPHome',
  settings,
  form: { device: { label: 'ESPHome node name' }, input: { label: 'Binary sensor id', required: true } },
  example: { device: 'hall-node', input: 'back_door', openWhen: 'ON' },
  topics: (f) => [`${f.device}/binary_sensor/${f.input}/state`, `${f.device}/status`],
  parse(f, topic, payload) {
    const text = payload.toString('utf8').trim();
    if (topic.endsWith('/status')) {
      if (text === 'online' || text === 'offline') return { kind: 'availability', online: text === 'online' };
      return { kind: 'invalid', reason: 'invalid_availability' };
    }
    const contact = onOff(text, f.openWhen);
    return contact ? state({ contact }) : { kind: 'invalid', reason: 'invalid_binary_state' };
  },
});
