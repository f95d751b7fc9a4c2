import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { SensorConfigSchema } from '../../config/schema.ts';
import { Conflict, LoginNameTaken, NotFound } from '../../core/errors.ts';
import type { SensorService } from '../../alarm/sensorService.ts';
import type { MqttDeviceRepo } from '../../store/mqttDevices.ts';
import { runsVigilFirmware, type BrokerEndpoint } from '../../mqtt/firmwareConfig.ts';
import { provisionSensor } from '../../alarm/provisioning.ts';
import { ErrorReply } from '../schemas.ts';
import type { Sensor } from '../../store/sensors.ts';
import type { Topics } from '../../mqtt/topics.ts';

export interface SensorRouteDeps {
  sensors: SensorService;
  devices: MqttDeviceRepo;
  topics: Topics;
  /** Credentials are only Vigil's to hand out when it runs the broker. */
  builtInBroker: boolean;
  /** How a device reaches the broker, given the host name the admin used to reach Vigil. */
  brokerEndpoint: (host: string) => BrokerEndpoint;
}

const SensorReply = Type.Object({
  ...SensorConfigSchema.properties,
  source: Type.Union([Type.Literal('config'), Type.Literal('api')]),
  state: Type.Object({
    contact: Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Null()]),
    battery: Type.Union([Type.Number(), Type.Null()]),
    tamper: Type.Union([Type.Boolean(), Type.Null()]),
    online: Type.Union([Type.Boolean(), Type.Null()]),
    lastSeen: Type.Union([Type.Integer(), Type.Null()]),
  }),
});
const Credentials = Type.Union([
  Type.Object({ username: Type.String(), password: Type.String(), stateTopic: Type.String(), availabilityTopic: Type.String() }),
  Type.Null(),
]);
const DeviceSecrets = Type.Union([
  Type.Object({
    signingKey: Type.String({ description: '64 hex digits: the HMAC-SHA256 key the sensor signs with' }),
    firmwareConfig: Type.String({ description: "config.h for firmware/esp8266-door-sensor" }),
  }),
  Type.Null(),
]);
const ProvisionBody = Type.Object(
  {
    wifiSsid: Type.Optional(Type.String({ minLength: 1, maxLength: 32 })),
    wifiPassword: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);
const { id: _id, ...editable } = SensorConfigSchema.properties;
const SensorPatch = Type.Partial(Type.Object(editable, { additionalProperties: false }));
const IdParams = Type.Object({ id: SensorConfigSchema.properties.id });

const noSensor = () => new NotFound('no such sensor');

export const sensorRoutes: FastifyPluginAsync<SensorRouteDeps> = async (app, d) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  const sensor = (id: string): Sensor => {
    const s = d.sensors.get(id);
    if (!s) throw noSensor();
    return s;
  };
  /** A sensor the panel may change: one added through the API, not one from the config file. */
  const editable = (id: string): Sensor => {
    const s = sensor(id);
    if (s.source === 'config') throw new Conflict('this sensor is defined in the config file; change it there');
    return s;
  };
  const withTopics = (id: string, login: { username: string; password: string }) => ({ ...login, stateTopic: d.topics.sensorState(id), availabilityTopic: d.topics.sensorAvailability(id) });
  const issueCredentials = async (s: Pick<Sensor, 'id'>) => (d.builtInBroker ? withTopics(s.id, await d.devices.issueForSensor(s.id)) : null);
  const provision = async (id: string, host: string, wifi?: { ssid: string; password: string }) => {
    const made = await provisionSensor(
      {
        sensors: { get: async (sensorId) => d.sensors.get(sensorId), newKey: (sensorId) => d.sensors.newKey(sensorId) },
        ...(d.builtInBroker ? { issueLogin: (sensorId: string) => d.devices.issueForSensor(sensorId) } : {}),
        topics: d.topics,
        broker: d.brokerEndpoint(host),
      },
      id,
      wifi,
    );
    return { mqtt: made.login && withTopics(id, made.login), device: { signingKey: made.key.toString('hex'), firmwareConfig: made.firmwareConfig } };
  };

  r.get(
    '/api/sensors',
    { config: { access: 'viewer' }, schema: { tags: ['sensors'], summary: 'Every sensor with its live state', response: { 200: Type.Array(SensorReply) } } },
    async () => d.sensors.list(),
  );

  r.get(
    '/api/sensors/:id',
    { config: { access: 'viewer' }, schema: { tags: ['sensors'], params: IdParams, response: { 200: SensorReply, 404: ErrorReply } } },
    async (req) => sensor(req.params.id),
  );

  r.post(
    '/api/sensors',
    {
      config: { access: 'admin', audit: { subject: 'sensor', action: 'created' } },
      schema: {
        tags: ['sensors'],
        summary: 'Register a sensor; the reply carries its MQTT password, shown only this once',
        body: SensorConfigSchema,
        response: { 201: Type.Object({ sensor: SensorReply, mqtt: Credentials, device: DeviceSecrets }), 409: ErrorReply },
      },
    },
    async (req, reply) => {
      if ((await d.devices.find(req.body.id))?.role === 'integration') throw new LoginNameTaken(req.body.id);
      if (!(await d.sensors.add(req.body))) throw new Conflict('a sensor with this id exists');
      const sensor = d.sensors.get(req.body.id);
      if (!sensor) throw new Error('sensor vanished after insert');
      const secrets = runsVigilFirmware(sensor) ? await provision(sensor.id, req.hostname) : { mqtt: await issueCredentials(sensor), device: null };
      return reply.code(201).send({ sensor, ...secrets });
    },
  );

  r.patch(
    '/api/sensors/:id',
    { config: { access: 'admin', audit: { subject: 'sensor', action: 'changed' } }, schema: { tags: ['sensors'], params: IdParams, body: SensorPatch, response: { 200: SensorReply, 404: ErrorReply, 409: ErrorReply } } },
    async (req) => {
      const { source: _s, state: _st, ...settings } = editable(req.params.id);
      const updated = await d.sensors.update({ ...settings, ...req.body, id: settings.id });
      if (!updated) throw noSensor();
      return updated;
    },
  );

  r.delete(
    '/api/sensors/:id',
    { config: { access: 'admin', audit: { subject: 'sensor', action: 'deleted' } }, schema: { tags: ['sensors'], params: IdParams, response: { 204: Type.Null(), 404: ErrorReply, 409: ErrorReply } } },
    async (req, reply) => {
      const current = editable(req.params.id);
      await d.devices.deleteForSensor(current.id);
      await d.sensors.remove(current.id);
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/sensors/:id/credentials',
    {
      config: { access: 'admin', audit: { subject: 'sensor_login', action: 'issued' } },
      schema: {
        tags: ['sensors'],
        summary: 'Issue a new MQTT password for this sensor (the old one stops working)',
        params: IdParams,
        response: { 200: Credentials, 404: ErrorReply },
      },
    },
    async (req) => issueCredentials(sensor(req.params.id)),
  );

  r.post(
    '/api/sensors/:id/provision',
    {
      config: { access: 'admin', audit: { subject: 'sensor_key', action: 'issued' } },
      schema: {
        tags: ['sensors'],
        summary: "Make a new signing key and MQTT password for a Vigil ESP8266 sensor, with its config.h; the device's old ones stop working",
        params: IdParams,
        body: ProvisionBody,
        response: { 200: Type.Object({ mqtt: Credentials, device: DeviceSecrets }), 404: ErrorReply, 409: ErrorReply },
      },
    },
    async (req) => {
      const { wifiSsid, wifiPassword } = req.body;
      return provision(req.params.id, req.hostname, wifiSsid ? { ssid: wifiSsid, password: wifiPassword ?? '' } : undefined);
    },
  );
};
