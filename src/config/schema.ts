import Type, { type Static } from 'typebox';

const Id = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$', description: 'letters, digits, - and _; up to 64' });

export const SensorConfigSchema = Type.Object(
  {
    id: Id,
    name: Type.String({ minLength: 1, maxLength: 100 }),
    kind: Type.Enum(['door', 'window'], { default: 'door' }),
    zone: Type.String({ maxLength: 64, default: 'default' }),
    entryDelay: Type.Number({ minimum: 0, maximum: 600, default: 0, description: 'seconds before an opening triggers the alarm' }),
    bypassHome: Type.Boolean({ default: false, description: 'ignored while armed_home' }),
    heartbeat: Type.Number({ minimum: 0, maximum: 86400, default: 0, description: 'seconds of silence before the sensor counts as offline; 0 = never' }),
    batteryLow: Type.Number({ minimum: 0, maximum: 100, default: 20 }),
    triggerOnTamper: Type.Boolean({ default: true }),
    triggerOnOffline: Type.Boolean({ default: false }),
  },
  { additionalProperties: false },
);
export type SensorConfig = Static<typeof SensorConfigSchema>;

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
      },
      { additionalProperties: false, default: {} },
    ),
    database: Type.Object(
      {
        url: Type.String({ default: '', description: 'postgres:// URL; empty = SQLite file in the data directory' }),
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
        maxImagePixels: Type.Integer({ minimum: 10_000, maximum: 200_000_000, default: 40_000_000 }),
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
  },
  { additionalProperties: false },
);

export type Config = Static<typeof ConfigSchema> & { dataDir: string };
