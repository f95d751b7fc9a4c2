import Type from 'typebox';

// The settings that name a GPIO line, shared by the door unit's config and the GPIO lock.
export const Line = Type.Integer({ minimum: 0, maximum: 1023, description: 'line offset on the GPIO chip' });
export const Chip = Type.String({ pattern: '^[A-Za-z0-9_./-]{1,64}$', default: 'gpiochip0' });
