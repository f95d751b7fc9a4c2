import Type from 'typebox';
import { Device, json, percent, state, format } from './format.ts';

const settings = Type.Object(
  { device: Device, baseTopic: Type.String({ pattern: '^[^#+]{1,64}$', default: 'zigbee2mqtt', description: "Zigbee2MQTT's base topic" }) },
  { additionalProperties: false },
);

// Zigbee2MQTT: `<base>/<friendly name>` carries the device's state as JSON; for contact sensors
// `contact: true` means the magnet is near, i.e. closed. Availability is
// `<base>/<friendly name>/availability`: `{"state":"online"}` (or plain `online` in old versions).
export const zigbee2mqtt = format({
  type: 'zigbee2mqtt',
  label: 'Zigbee2MQTT',
  settings,
  form: { device: { label: 'Zigbee2MQTT friendly name' } },
  example: { device: 'front door', baseTopic: 'zigbee2mqtt' },
  topics: (f) => [`${f.baseTopic}/${f.device}`, `${f.baseTopic}/${f.device}/availability`],
  parse(f, topic, payload) {
    if (topic.endsWith('/availability')) {
      const text = payload.toString('utf8').trim();
      const s = json(payload)?.state ?? text;
      if (s === 'online' || s === 'offline') return { kind: 'availability', online: s === 'online' };
      return { kind: 'invalid', reason: 'invalid_availability' };
    }
    const m = json(payload);
    if (!m) return { kind: 'invalid', reason: 'not_json' };
    const contact = typeof m.contact === 'boolean' ? (m.contact ? 'closed' : 'open') : undefined;
    const battery = percent(m.battery) ?? (m.battery_low === true ? 5 : undefined);
    const tamper = typeof m.tamper === 'boolean' ? m.tamper : undefined;
    return state({ contact, battery, tamper });
  },
});
