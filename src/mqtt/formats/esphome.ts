import { onOff, state, type FormatAdapter } from './format.ts';

// ESPHome's MQTT component: `<node>/binary_sensor/<object id>/state` is `ON`/`OFF` (for a door
// class sensor ON = open) and `<node>/status` is `online`/`offline` (birth message and last will).
export const esphome: FormatAdapter = {
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
};
