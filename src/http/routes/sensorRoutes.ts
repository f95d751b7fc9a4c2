import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { SensorConfigSchema } from '../../config/schema.ts';
import type { SensorService } from '../../alarm/sensorService.ts';
import type { MqttDeviceRepo } from '../../store/mqttDevices.ts';
import { generatePassword, hashPassword } from '../../store/passwords.ts';
import { ErrorReply } from '../schemas.ts';
import type { Sensor } from '../../store/sensors.ts';
import type { Topics } from '../../mqtt/topics.ts';

export interface SensorRouteDeps {
  sensors: SensorService;
  devices: MqttDeviceRepo;
  topics: Topics;
  /** Credentials are only Vigil's to hand out when it runs the broker. */
  builtInBroker: boolean;
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
const { id: _id, ...editable } = SensorConfigSchema.properties;
const SensorPatch = Type.Partial(Type.Object(editable, { additionalProperties: false }));
const IdParams = Type.Object({ id: SensorConfigSchema.properties.id });

const notFound = { statusCode: 404, error: 'Not Found', message: 'no such sensor' };
const fromConfig = { statusCode: 409, error: 'Conflict', message: 'this sensor is defined in the config file; change it there' };

export const sensorRoutes: FastifyPluginAsync<SensorRouteDeps> = async (app, d) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  const issueCredentials = async (s: Pick<Sensor, 'id'>) => {
    if (!d.builtInBroker) return null;
    const password = generatePassword();
    await d.devices.upsert(s.id, await hashPassword(password), s.id);
    return { username: s.id, password, stateTopic: d.topics.sensorState(s.id), availabilityTopic: d.topics.sensorAvailability(s.id) };
  };

  r.get(
    '/api/sensors',
    { config: { access: 'viewer' }, schema: { tags: ['sensors'], summary: 'Every sensor with its live state', response: { 200: Type.Array(SensorReply) } } },
    async () => d.sensors.list(),
  );

  r.get(
    '/api/sensors/:id',
    { config: { access: 'viewer' }, schema: { tags: ['sensors'], params: IdParams, response: { 200: SensorReply, 404: ErrorReply } } },
    async (req, reply) => d.sensors.get(req.params.id) ?? reply.code(404).send(notFound),
  );

  r.post(
    '/api/sensors',
    {
      schema: {
        tags: ['sensors'],
        summary: 'Register a sensor; the reply carries its MQTT password, shown only this once',
        body: SensorConfigSchema,
        response: { 201: Type.Object({ sensor: SensorReply, mqtt: Credentials }), 409: ErrorReply },
      },
    },
    async (req, reply) => {
      if (!(await d.sensors.add(req.body))) return reply.code(409).send({ statusCode: 409, error: 'Conflict', message: 'a sensor with this id exists' });
      const sensor = d.sensors.get(req.body.id);
      if (!sensor) throw new Error('sensor vanished after insert');
      return reply.code(201).send({ sensor, mqtt: await issueCredentials(sensor) });
    },
  );

  r.patch(
    '/api/sensors/:id',
    { schema: { tags: ['sensors'], params: IdParams, body: SensorPatch, response: { 200: SensorReply, 404: ErrorReply, 409: ErrorReply } } },
    async (req, reply) => {
      const current = d.sensors.get(req.params.id);
      if (!current) return reply.code(404).send(notFound);
      if (current.source === 'config') return reply.code(409).send(fromConfig);
      const { source: _s, state: _st, ...settings } = current;
      return (await d.sensors.update({ ...settings, ...req.body, id: current.id })) ?? reply.code(404).send(notFound);
    },
  );

  r.delete(
    '/api/sensors/:id',
    { schema: { tags: ['sensors'], params: IdParams, response: { 204: Type.Null(), 404: ErrorReply, 409: ErrorReply } } },
    async (req, reply) => {
      const current = d.sensors.get(req.params.id);
      if (!current) return reply.code(404).send(notFound);
      if (current.source === 'config') return reply.code(409).send(fromConfig);
      await d.devices.deleteForSensor(current.id);
      await d.sensors.remove(current.id);
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/sensors/:id/credentials',
    {
      schema: {
        tags: ['sensors'],
        summary: 'Issue a new MQTT password for this sensor (the old one stops working)',
        params: IdParams,
        response: { 200: Credentials, 404: ErrorReply },
      },
    },
    async (req, reply) => {
      const current = d.sensors.get(req.params.id);
      if (!current) return reply.code(404).send(notFound);
      return issueCredentials(current);
    },
  );
};
