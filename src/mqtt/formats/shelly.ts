import Type from 'typebox';
import { Device, percent, state, format } from './format.ts';

const settings = Type.Object({ device: Device }, { additionalProperties: false });

// Shelly Door/Window (Gen 1): `shellies/<id>/sensor/state` is `open`/`close`,
// `shellies/<id>/sensor/battery` a percentage, `shellies/<id>/online` `true`/`false`.
export const shelly = format({
  type: 'shelly',
  label: 'Shelly Door/Window',
  settings,
  form: { device: { label: 'Shelly device id' } },
  example: { device: 'shellydw2-483FDA' },
  topics: (f) => [`shellies/${f.device}/sensor/state`, `shellies/${f.device}/sensor/battery`, `shellies/${f.device}/online`],
  parse(_f, topic, payload) {
    const text = payload.toString('utf8').trim();
    if (topic.endsWith('/online')) {
      if (text === 'true' || text === 'false') return { kind: 'availability', online: text === 'true' };
      return { kind: 'invalid', reason: 'invalid_availability' };
    }
    if (topic.endsWith('/battery')) {
      const battery = percent(Number(text));
      return battery === undefined || text === '' ? { kind: 'invalid', reason: 'invalid_battery' } : state({ battery });
    }
    if (text === 'open' || text === 'close') return state({ contact: text === 'open' ? 'open' : 'closed' });
    return { kind: 'invalid', reason: 'invalid_contact' };
  },
});
