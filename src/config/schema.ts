import Type, { type Static } from 'typebox';
import { ChainConfigSchema, chainForMode, type ChainConfig } from '../core/factorChain.ts';
import { SensorFormatSchema } from '../mqtt/formats/index.ts';
import { lockConfigSchema } from '../access/locks/index.ts';
import { Chip, Line } from '../core/gpioLine.ts';

// The sensor formats' registry derives the format schema; the config's users find it here.
export { SENSOR_FORMATS, SensorFormatSchema, type SensorFormat } from '../mqtt/formats/index.ts';
export { LockConfigSchema, type LockConfig } from '../access/locks/index.ts';

const OCTET = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const IPV4 = `${OCTET}(\\.${OCTET}){3}`;
const Id = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$', description: 'letters, digits, - and _; up to 64' });


/**
 * Seconds an opening waits for the code before the alarm goes off, when the sensor does not say:
 * whoever comes home through a door needs time to reach the keypad; nobody comes in by a window.
 */
export const DEFAULT_ENTRY_DELAY = { door: 30, window: 0 } as const;

const SensorConfigObject = Type.Object(
  {
    id: Id,
    name: Type.String({ minLength: 1, maxLength: 100 }),
    kind: Type.Enum(['door', 'window'], { default: 'door' }),
    zone: Type.String({ maxLength: 64, default: 'default' }),
    entryDelay: Type.Number({ minimum: 0, maximum: 600, description: `seconds before an opening triggers the alarm; default ${DEFAULT_ENTRY_DELAY.door} for a door, ${DEFAULT_ENTRY_DELAY.window} for a window` }),
    bypassHome: Type.Boolean({ default: false, description: 'ignored while armed_home' }),
    heartbeat: Type.Number({ minimum: 0, maximum: 86400, default: 0, description: 'seconds of silence before the sensor counts as offline; 0 = never' }),
    batteryLow: Type.Number({ minimum: 0, maximum: 100, default: 20 }),
    triggerOnTamper: Type.Boolean({ default: true }),
    triggerOnOffline: Type.Boolean({ default: false }),
    signed: Type.Boolean({
      default: true,
      description: "messages on Vigil's own topics must carry a rising seq and an HMAC-SHA256 signature (the Vigil ESP8266 firmware); false for plain devices",
    }),
    format: Type.Optional(SensorFormatSchema),
  },
  { additionalProperties: false },
);
/** The entry delay's default depends on the kind: JSON Schema's if/then/else, which the HTTP validator (ajv) fills in. */
export const SensorConfigSchema = Object.assign(SensorConfigObject, {
  if: { properties: { kind: { const: 'window' } }, required: ['kind'] },
  then: { properties: { entryDelay: { default: DEFAULT_ENTRY_DELAY.window } } },
  else: { properties: { entryDelay: { default: DEFAULT_ENTRY_DELAY.door } } },
});
export type SensorConfig = Static<typeof SensorConfigObject>;

/** The same defaults for a config file, whose loader (TypeBox) does not apply if/then/else. */
export function withEntryDelayDefaults(sensors: unknown): unknown {
  if (!Array.isArray(sensors)) return sensors;
  return sensors.map((s: unknown) => {
    if (typeof s !== 'object' || s === null || 'entryDelay' in s) return s;
    const kind = (s as { kind?: unknown }).kind ?? 'door';
    return kind === 'door' || kind === 'window' ? { ...s, entryDelay: DEFAULT_ENTRY_DELAY[kind] } : s;
  });
}


export const CameraConfigSchema = Type.Object(
  {
    input: Type.String({ maxLength: 2048, description: '/dev/videoN, rtsp://, http(s):// or a video file' }),
    width: Type.Integer({ minimum: 64, maximum: 3840, default: 640 }),
    height: Type.Integer({ minimum: 64, maximum: 2160, default: 480 }),
    fps: Type.Number({ minimum: 1, maximum: 30, default: 10 }),
    loop: Type.Boolean({ default: false, description: 'play a video file over and over (tests, demos)' }),
  },
  { additionalProperties: false },
);
export type CameraConfig = Static<typeof CameraConfigSchema>;

// The door unit's own devices (src/hardware): fingerprint sensor, MFRC522 card reader, display, buzzer and LEDs, a contact on GPIO.
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

export const KeypadConfigSchema = Type.Union([
  Type.Object(
    {
      type: Type.Literal('input'),
      device: Type.String({ minLength: 1, maxLength: 256, description: 'Linux input device, e.g. /dev/input/by-id/...-event-kbd' }),
      role: Type.Enum(['pin', 'fob'], { default: 'pin', description: 'fob: a USB card reader that types the card number and Enter' }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      type: Type.Literal('matrix'),
      chip: Chip,
      rows: Type.Array(Line, { minItems: 1, maxItems: 8 }),
      cols: Type.Array(Line, { minItems: 1, maxItems: 8 }),
      keys: Type.Array(Type.String({ pattern: '^[0-9A-D*#]+$' }), { default: ['123A', '456B', '789C', '*0#D'], description: 'key labels, one string per row' }),
    },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('wiegand'), chip: Chip, d0: Line, d1: Line }, { additionalProperties: false }),
  Mfrc522ReaderSchema,
]);
export type KeypadConfig = Static<typeof KeypadConfigSchema>;

export const DoorConfigSchema = Type.Object(
  {
    id: Id,
    name: Type.String({ minLength: 1, maxLength: 100 }),
    mode: Type.Enum(['pin_face', 'fob_face', 'face_only', 'pin_only'], { default: 'pin_face', description: 'shorthand for a chain: pin_face = [pin, face], fob_face = [fob, face], face_only = [face], pin_only = [pin]; ignored when chain is set' }),
    chain: Type.Optional(ChainConfigSchema),
    direction: Type.Enum(['entry', 'exit'], { default: 'entry', description: 'an exit terminal logs Exit instead of Entry' }),
    faceWindow: Type.Number({ minimum: 1, maximum: 60, default: 5, description: 'seconds the camera may look for the face' }),
    burstFrames: Type.Integer({ minimum: 2, maximum: 30, default: 5, description: 'frames of the face the liveness check needs' }),
    liveness: Type.Optional(
      Type.Enum(['passive', 'challenge'], {
        description:
          'passive = the burst must show depth or a blink (a replayed video passes); challenge = after the credential the door asks for random actions and checks them (needs a screen: the kiosk, or a display on MQTT <prefix>/door/<id>/prompt). Unset = challenge on kiosk doors, passive elsewhere',
      }),
    ),
    challengeSteps: Type.Integer({ minimum: 1, maximum: 3, default: 2, description: 'actions per challenge: a recording passes 1 in 5 with one, 1 in 20 with two, 1 in 80 with three' }),
    challengeActions: Type.Array(Type.Enum(['turn_left', 'turn_right', 'look_up', 'blink_twice', 'open_mouth']), {
      minItems: 2,
      uniqueItems: true,
      default: ['turn_left', 'turn_right', 'look_up', 'blink_twice', 'open_mouth'],
      description: 'the actions a challenge is drawn from; fewer make a recording likelier to pass (n actions, k steps: 1 in n(n-1)^(k-1))',
    }),
    preRoll: Type.Number({ minimum: 0, maximum: 5, default: 1, description: 'seconds of frames from before the credential that count' }),
    maxFailures: Type.Integer({ minimum: 1, maximum: 100, default: 5 }),
    lockout: Type.Number({ minimum: 1, maximum: 86400, default: 30, description: 'seconds of the first lockout; doubles each time' }),
    lockoutMax: Type.Number({ minimum: 1, maximum: 86400, default: 900 }),
    unlockSeconds: Type.Number({ minimum: 0.1, maximum: 60, default: 5 }),
    disarmAlarm: Type.Boolean({ default: false, description: 'a granted entry disarms the alarm' }),
    contactSensor: Type.String({ default: '', maxLength: 64, description: 'sensor id of the door contact' }),
    heldOpen: Type.Number({ minimum: 1, maximum: 3600, default: 30, description: 'seconds open before DoorHeldOpen' }),
    tailgateWindow: Type.Number({ minimum: 0, maximum: 60, default: 8, description: 'seconds after a grant the camera counts faces; 0 = off' }),
    camera: Type.Optional(CameraConfigSchema),
    exitCamera: Type.Optional(CameraConfigSchema),
    kiosk: Type.Boolean({ default: false, description: 'accept a kiosk (tablet) as keypad and camera, with a door token' }),
    offline: Type.Enum(['grant_known', 'deny_all'], {
      default: 'grant_known',
      description: "on a door node that cannot reach its hub: grant_known = keep deciding from the node's last snapshot; deny_all = refuse everyone (logged as Denied, reason hub_offline)",
    }),
    keypads: Type.Array(KeypadConfigSchema, { default: [] }),
    exitButton: Type.Optional(Type.Object({ chip: Chip, line: Line, activeLow: Type.Boolean({ default: true }) }, { additionalProperties: false })),
    lock: lockConfigSchema({ default: { type: 'none' } }),
    fingerprint: Type.Optional(FingerprintConfigSchema),
    display: Type.Optional(DisplayConfigSchema),
    feedback: Type.Optional(FeedbackConfigSchema),
    contactLine: Type.Optional(ContactLineConfigSchema),
  },
  { additionalProperties: false },
);
export type DoorConfig = Static<typeof DoorConfigSchema>;

/** The chain a door runs: its own `chain`, or the one its `mode` stands for (the face step lasting `faceWindow`). */
export function doorChain(door: Pick<DoorConfig, 'mode' | 'chain' | 'faceWindow'>): ChainConfig {
  return door.chain ?? chainForMode(door.mode, door.faceWindow);
}

export const ConfigSchema = Type.Object(
  {
    http: Type.Object(
      {
        host: Type.String({ default: '0.0.0.0' }),
        port: Type.Integer({ minimum: 0, maximum: 65535, default: 8080 }),
        sessionHours: Type.Number({ minimum: 0.01, maximum: 720, default: 12 }),
        secureCookies: Type.Boolean({ default: false, description: 'set when served over HTTPS' }),
        loginAttemptsPerMinute: Type.Integer({ minimum: 1, maximum: 1000, default: 10 }),
        metricsToken: Type.String({ default: '', description: 'bearer token for Prometheus; empty = session required' }),
        trustProxy: Type.String({
          default: '',
          pattern: '^[0-9A-Fa-f.:/, ]*$',
          description: 'reverse proxies whose X-Forwarded-For is believed: addresses or CIDR ranges, comma-separated, or a hop count; empty = none',
        }),
        maxConnectionsPerAddress: Type.Integer({ minimum: 1, maximum: 10_000, default: 64, description: 'open connections one client address may hold (not counted for trusted proxies)' }),
      },
      { additionalProperties: false, default: {} },
    ),
    mqtt: Type.Object(
      {
        url: Type.String({ default: '', description: 'external broker (mqtt://, mqtts://); empty = built-in broker' }),
        username: Type.String({ default: '' }),
        password: Type.String({ default: '' }),
        host: Type.String({ default: '0.0.0.0', description: 'built-in broker bind address' }),
        port: Type.Integer({ minimum: 0, maximum: 65535, default: 1883, description: 'built-in broker port' }),
        tlsCert: Type.String({ default: '', description: 'PEM file; with tlsKey the built-in broker speaks MQTT over TLS' }),
        tlsKey: Type.String({ default: '' }),
        prefix: Type.String({ pattern: '^[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*$', default: 'vigil' }),
        maxPayloadBytes: Type.Integer({ minimum: 64, maximum: 1048576, default: 2048 }),
        maxConnectionsPerAddress: Type.Integer({ minimum: 1, maximum: 10_000, default: 32, description: 'open connections one address may hold on the built-in broker' }),
      },
      { additionalProperties: false, default: {} },
    ),
    homeassistant: Type.Object(
      {
        discovery: Type.Boolean({ default: true, description: "publish Home Assistant MQTT discovery: the alarm panel, every sensor and door appear in HA by themselves" }),
        prefix: Type.String({ pattern: '^[A-Za-z0-9_-]+$', default: 'homeassistant', description: "HA's discovery prefix" }),
        nodeId: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', default: 'vigil', description: 'tells this Vigil apart from another on the same broker (entity ids and discovery topics)' }),
      },
      { additionalProperties: false, default: {} },
    ),
    nodes: Type.Object(
      {
        mqttUrl: Type.String({ default: '', description: "the broker as door nodes reach it (mqtt://host:port); empty = mqtt.url, or the built-in broker at the address the node joined through" }),
      },
      { additionalProperties: false, default: {} },
    ),
    wireguard: Type.Object(
      {
        endpoint: Type.String({
          default: '',
          pattern: '^(|[A-Za-z0-9.-]+:[0-9]{1,5}|\\[[0-9A-Fa-f:]+\\]:[0-9]{1,5})$',
          description: "host:port phones dial: the router's public address or DNS name and WireGuard port; empty = remote access not set up",
        }),
        subnet: Type.String({ default: '10.77.0.0/24', pattern: `^${IPV4}/(1[6-9]|2[0-9]|30)$`, description: 'the VPN network; the router takes its first address' }),
        lanSubnet: Type.String({ default: '', pattern: `^(|${IPV4}/([0-9]|[12][0-9]|3[0-2]))$`, description: 'the home network phones may reach through the tunnel, e.g. 192.168.1.0/24' }),
        dns: Type.String({ default: '', pattern: `^(|${IPV4}(, ?${IPV4})*)$`, description: "DNS server(s) for the phones while connected, e.g. the router's LAN address" }),
        listenPort: Type.Integer({ minimum: 1, maximum: 65535, default: 51820 }),
        interface: Type.String({ default: 'wg0', pattern: '^[a-z][a-z0-9_]{0,14}$', description: "the router's WireGuard interface (uci section)" }),
      },
      { additionalProperties: false, default: {} },
    ),
    database: Type.Object(
      {
        url: Type.String({ default: '', description: 'postgres:// URL; empty = SQLite file in the data directory' }),
      },
      { additionalProperties: false, default: {} },
    ),
    hub: Type.Object(
      {
        standby: Type.Boolean({
          default: false,
          description:
            'one of two hubs on one PostgreSQL: the one holding the lock is active, the other stands by, proxies the panel and API to it and takes over when it goes; needs database.url and mqtt.url',
        }),
        advertiseUrl: Type.String({
          default: '',
          pattern: '^(https?://[^\\s/]+/?)?$',
          description: 'where the other hub reaches this one (http://host:port) while it is active; empty = http://<http.host or 127.0.0.1>:<http.port>',
        }),
      },
      { additionalProperties: false, default: {} },
    ),
    alarm: Type.Object(
      {
        code: Type.String({ default: '', pattern: '^([0-9]{4,12})?$', description: 'digits; empty = no code needed' }),
        codeToArm: Type.Boolean({ default: false }),
        exitDelay: Type.Number({ minimum: 0, maximum: 600, default: 30 }),
        triggerDuration: Type.Number({ minimum: 0, maximum: 86400, default: 180 }),
        disarmAfterTrigger: Type.Boolean({ default: false }),
      },
      { additionalProperties: false, default: {} },
    ),
    vision: Type.Object(
      {
        workers: Type.Integer({ minimum: 0, maximum: 16, default: 0, description: 'face engine threads; 0 = one per core, at most 2' }),
        matchThreshold: Type.Number({ minimum: 0, maximum: 1, default: 0.92, description: 'cosine similarity for "same person" (calibrated by npm run eval:faces)' }),
        minAntispoof: Type.Number({ minimum: 0, maximum: 1, default: 0.3 }),
        livenessStrictness: Type.Enum(['lenient', 'normal', 'strict'], { default: 'normal', description: 'multi-frame check: lenient = depth, blink or mouth; normal = depth or blink; strict = depth and blink' }),
        minParallax: Type.Number({ minimum: 0, maximum: 1, default: 0.035, description: 'homography misfit (in eye distances) that counts as a real head' }),
        minLiveness: Type.Number({ minimum: 0, maximum: 1, default: 0.3 }),
        minEyeDistance: Type.Number({ minimum: 0, maximum: 1000, default: 20, description: 'pixels between the eyes' }),
        minSharpness: Type.Number({ minimum: 0, default: 15 }),
        maxYaw: Type.Number({ minimum: 0, maximum: 90, default: 35, description: 'degrees' }),
        maxPitch: Type.Number({ minimum: 0, maximum: 90, default: 30, description: 'degrees' }),
        minDetection: Type.Number({ minimum: 0, maximum: 1, default: 0.5 }),
        keepPhotos: Type.Boolean({ default: false, description: 'keep enrolment photos (JPEG) in the data directory' }),
        templateKey: Type.String({ default: '', pattern: '^([0-9a-fA-F]{64})?$', description: '64 hex characters; empty = <data>/template.key' }),
        maxImageBytes: Type.Integer({ minimum: 1024, maximum: 100 * 1024 * 1024, default: 10 * 1024 * 1024 }),
        maxImagePixels: Type.Integer({ minimum: 10_000, maximum: 200_000_000, default: 24_000_000, description: 'images with more pixels are refused (413) before decoding; the rest are shrunk to 2048 px on the long side while decoding' }),
      },
      { additionalProperties: false, default: {} },
    ),
    notify: Type.Object(
      {
        publicUrl: Type.String({ default: '', pattern: '^(https?://.*)?$', description: "the panel's address as people reach it (links in alerts); empty = no links" }),
        vapidSubject: Type.String({ default: 'mailto:admin@localhost', pattern: '^(mailto:|https://)', description: 'contact the push services may use (Web Push VAPID subject)' }),
      },
      { additionalProperties: false, default: {} },
    ),
    outbound: Type.Object(
      {
        allow: Type.String({
          default: '',
          pattern: '^[0-9A-Fa-f.:/, ]*$',
          description: 'addresses or CIDR ranges that notification channels and webhook locks may reach although they are loopback, link-local or cloud metadata addresses; comma-separated',
        }),
      },
      { additionalProperties: false, default: {} },
    ),
    log: Type.Object(
      {
        level: Type.Enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { default: 'info' }),
      },
      { additionalProperties: false, default: {} },
    ),
    sensors: Type.Array(SensorConfigSchema, { default: [] }),
    doors: Type.Array(DoorConfigSchema, { default: [] }),
  },
  { additionalProperties: false },
);

export type Config = Static<typeof ConfigSchema> & { dataDir: string };

/** Why this config cannot run as one of two hubs, or null: the lock and the shared log live in PostgreSQL, and both hubs must reach the same broker. */
export function standbyProblem(config: Pick<Config, 'hub' | 'database' | 'mqtt'>): string | null {
  if (!config.hub.standby) return null;
  if (!config.database.url) return 'hub.standby needs PostgreSQL (database.url): two hubs cannot share an SQLite file';
  if (!config.mqtt.url) return "hub.standby needs an external MQTT broker (mqtt.url, e.g. Mosquitto): the built-in broker lives and dies with one hub, and doors and sensors must reach whichever hub is active";
  return null;
}
