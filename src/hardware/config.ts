// Settings of the door devices in this folder, as TypeBox schemas for the lead to merge into
// DoorConfigSchema (src/config/schema.ts): `fingerprint`, `display`, `feedback`, `contactLine`, and the
// MFRC522 as one more entry of `keypads` (it is a credential reader like the others).
import Type, { type Static } from 'typebox';
import { Chip, Line } from '../config/schema.ts';

export const FingerprintConfigSchema = Type.Object(
  {
    port: Type.String({ pattern: '^/[A-Za-z0-9_.:/+-]{1,200}$', description: 'serial port of the R30x/ZFM/AS608/R503 module, e.g. /dev/ttyUSB1 or /dev/serial0' }),
    baudRate: Type.Union([Type.Literal(9600), Type.Literal(19200), Type.Literal(38400), Type.Literal(57600), Type.Literal(115200)], { default: 57600 }),
    address: Type.Integer({ minimum: 0, maximum: 0xffffffff, default: 0xffffffff, description: "the module's address (factory 0xFFFFFFFF)" }),
    password: Type.Integer({ minimum: 0, maximum: 0xffffffff, default: 0, description: "the module's handshake password (factory 0)" }),
    ringLed: Type.Boolean({ default: false, description: 'the module is an R503 with the ring LED' }),
  },
  { additionalProperties: false },
);
export type FingerprintConfig = Static<typeof FingerprintConfigSchema>;

export const Mfrc522ReaderSchema = Type.Object(
  {
    type: Type.Literal('mfrc522'),
    bus: Type.Integer({ minimum: 0, maximum: 9, default: 0, description: '/dev/spidev<bus>.<device>' }),
    device: Type.Integer({ minimum: 0, maximum: 9, default: 0 }),
    speedHz: Type.Integer({ minimum: 100_000, maximum: 10_000_000, default: 1_000_000 }),
  },
  { additionalProperties: false },
);
export type Mfrc522ReaderConfig = Static<typeof Mfrc522ReaderSchema>;

const i2cAddress = (def: number, description: string) => Type.Integer({ minimum: 0x03, maximum: 0x77, default: def, description });

export const DisplayConfigSchema = Type.Union([
  Type.Object(
    {
      type: Type.Literal('hd44780'),
      bus: Type.Integer({ minimum: 0, maximum: 20, default: 1, description: '/dev/i2c-<bus>' }),
      address: i2cAddress(0x27, 'PCF8574 backpack: 0x27 (PCF8574) or 0x3F (PCF8574A)'),
      cols: Type.Union([Type.Literal(16), Type.Literal(20)], { default: 16 }),
      rows: Type.Union([Type.Literal(2), Type.Literal(4)], { default: 2 }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      type: Type.Literal('ssd1306'),
      bus: Type.Integer({ minimum: 0, maximum: 20, default: 1 }),
      address: i2cAddress(0x3c, '0x3C, or 0x3D with the address jumper'),
    },
    { additionalProperties: false },
  ),
]);
export type DisplayConfig = Static<typeof DisplayConfigSchema>;

export const FeedbackConfigSchema = Type.Object(
  {
    chip: Chip,
    buzzer: Type.Optional(Line),
    green: Type.Optional(Line),
    red: Type.Optional(Line),
    activeLow: Type.Boolean({ default: false }),
  },
  { additionalProperties: false },
);
export type FeedbackConfig = Static<typeof FeedbackConfigSchema>;

/** A reed wired to the door unit; the terminal reports it as the door's contact sensor. */
export const ContactLineConfigSchema = Type.Object(
  {
    chip: Chip,
    line: Line,
    closedWhenLow: Type.Boolean({ default: true, description: 'reed to ground with the pull-up: low while the door is shut' }),
  },
  { additionalProperties: false },
);
export type ContactLineConfig = Static<typeof ContactLineConfigSchema>;
