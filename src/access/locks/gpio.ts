import Type from 'typebox';
import { Chip, Line } from '../../core/gpioLine.ts';
import { RelayLock } from '../../hardware/gpioDevices.ts';
import { lock } from './lock.ts';

/** A relay (or a MOSFET driving a strike) on a GPIO line of the door unit. */
export const gpio = lock({
  type: 'gpio',
  label: 'Relay on GPIO',
  settings: Type.Object({ chip: Chip, line: Line, activeLow: Type.Boolean({ default: false }) }, { additionalProperties: false }),
  form: {
    chip: { label: 'GPIO chip' },
    line: { label: 'Line', help: 'The line offset the relay is wired to.' },
  },
  example: { chip: 'gpiochip0', line: 17, activeLow: false },
  create: (s, ctx) => new RelayLock(ctx.chip(s.chip), s.line, s.activeLow),
});
