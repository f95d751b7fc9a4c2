import Type from 'typebox';
import { Device, Input, OpenWhen, json, onOff, state, format } from './format.ts';

const settings = Type.Object({ device: Device, input: Input, openWhen: OpenWhen }, { additionalProperties: false });

// Tasmota with a reed switch on a switch input: telemetry `tele/<topic>/SENSOR`
// `{"Time":"…","Switch1":"ON"}`, changes `stat/<topic>/RESULT` `{"Switch1":{"Action":"ON"}}` (with
// SwitchMode and SwitchTopic 0), and the last will `tele/<topic>/LWT` `Online`/`Offline`.
export const tasmota = format({
  type: 'tasmota',
  label: 'Tasmota',
  settings,
  form: { device: { label: 'Tasmota topic' }, input: { label: 'Switch (default Switch1)' } },
  example: { device: 'garage', input: 'Switch2', openWhen: 'OFF' },
  topics: (f) => [`tele/${f.device}/SENSOR`, `stat/${f.device}/RESULT`, `tele/${f.device}/LWT`],
  parse(f, topic, payload) {
    if (topic.endsWith('/LWT')) {
      const t = payload.toString('utf8').trim();
      if (t === 'Online' || t === 'Offline') return { kind: 'availability', online: t === 'Online' };
      return { kind: 'invalid', reason: 'invalid_availability' };
    }
    const m = json(payload);
    if (!m) return { kind: 'invalid', reason: 'not_json' };
    const key = f.input || 'Switch1';
    if (!(key in m)) return { kind: 'ignore' };
    const v = m[key];
    const raw = typeof v === 'string' ? v : typeof v === 'object' && v !== null && typeof (v as { Action?: unknown }).Action === 'string' ? (v as { Action: string }).Action : '';
    const contact = onOff(raw, f.openWhen);
    return contact ? state({ contact }) : { kind: 'invalid', reason: 'invalid_switch_state' };
  },
});
