import Type from 'typebox';
import { lock } from './lock.ts';

/** A door without a lock Vigil drives: a grant is logged and nothing opens. */
export const none = lock({
  type: 'none',
  label: 'No lock',
  settings: Type.Object({}, { additionalProperties: false }),
  form: {},
  example: {},
  create: () => ({
    kind: 'none',
    start: () => Promise.resolve(),
    unlock: () => Promise.resolve({ ok: true, detail: 'no lock configured' }),
    close: () => Promise.resolve(),
  }),
});
