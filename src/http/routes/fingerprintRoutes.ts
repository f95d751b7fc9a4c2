import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FingerEnrolment } from '../../access/fingerEnrolment.ts';
import { Conflict, NotFound } from '../../core/errors.ts';
import type { DoorService } from '../../access/doorService.ts';
import type { PeopleRepo } from '../../store/people.ts';
import { ErrorReply } from '../schemas.ts';

export interface FingerprintRouteDeps {
  enrolment: FingerEnrolment;
  doors: Pick<DoorService, 'fingers'>;
  people: Pick<PeopleRepo, 'get'>;
}

const PersonId = Type.String({ format: 'uuid' });
const DoorId = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$' });
const FingerSchema = Type.Object({
  id: Type.String(),
  doorId: Type.Union([Type.String(), Type.Null()], { description: 'the door whose sensor holds the template' }),
  slot: Type.Integer({ description: "the template's slot in the sensor's flash" }),
  duress: Type.Boolean({ description: 'the emergency finger: opens as usual and raises a silent DuressAlarm' }),
  label: Type.String(),
  score: Type.Union([Type.Number(), Type.Null()], { description: 'how well the two enrolment samples agreed (the sensor\'s match score)' }),
  createdAt: Type.Integer(),
});
const ProgressSchema = Type.Object({
  step: Type.Enum(['place', 'retry', 'captured', 'lift', 'merging', 'stored']),
  sample: Type.Optional(Type.Integer()),
  reason: Type.Optional(Type.String()),
  score: Type.Optional(Type.Number()),
});
const ReaderSchema = Type.Object({
  state: Type.Enum(['online', 'offline', 'untrusted']),
  reason: Type.Union([Type.String(), Type.Null()]),
  detail: Type.Union([Type.String(), Type.Null()]),
  capacity: Type.Union([Type.Integer(), Type.Null()]),
  missingSlots: Type.Array(Type.Integer(), { description: 'slots the store maps that the sensor no longer holds' }),
  enrolment: Type.Union([
    Type.Object({ personId: Type.String(), duress: Type.Boolean(), step: Type.Union([ProgressSchema, Type.Null()]), captured: Type.Integer({ minimum: 0, maximum: 2 }), startedAt: Type.Integer() }),
    Type.Null(),
  ]),
});
const noPerson = () => new NotFound('no such person');
const noReader = () => new NotFound('this door has no fingerprint reader');

/** A finger as the API shows it: never the sensor's identity, only the door. */
const shown = (f: { id: string; doorId: string | null; slot: number; duress: boolean; label: string; score: number | null; createdAt: number }) => ({
  id: f.id,
  doorId: f.doorId,
  slot: f.slot,
  duress: f.duress,
  label: f.label,
  score: f.score,
  createdAt: f.createdAt,
});

export const fingerprintRoutes: FastifyPluginAsync<FingerprintRouteDeps> = async (app, d) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/people/:id/fingerprints',
    { config: { access: 'viewer' }, schema: { tags: ['people'], summary: "A person's enrolled fingers", params: Type.Object({ id: PersonId }), response: { 200: Type.Array(FingerSchema), 404: ErrorReply } } },
    async (req) => {
      if (!(await d.people.get(req.params.id))) throw noPerson();
      return (await d.enrolment.list(req.params.id)).map(shown);
    },
  );

  r.post(
    '/api/people/:id/fingerprints',
    {
      config: { access: 'admin', audit: { subject: 'fingerprint', action: 'created' } },
      schema: {
        tags: ['people'],
        summary: "Enrol a finger on a door's reader: place, lift, place again (follow the progress at GET /api/doors/{id}/fingerprint); answers once the finger is stored",
        params: Type.Object({ id: PersonId }),
        body: Type.Object(
          {
            door: DoorId,
            duress: Type.Boolean({ default: false, description: 'the emergency finger' }),
            label: Type.String({ maxLength: 40, default: '', description: 'which finger, e.g. left thumb' }),
          },
          { additionalProperties: false },
        ),
        response: { 201: FingerSchema, 404: ErrorReply, 408: ErrorReply, 409: ErrorReply, 422: ErrorReply, 502: ErrorReply, 503: ErrorReply, 507: ErrorReply },
      },
    },
    async (req, reply) => {
      if (!(await d.people.get(req.params.id))) throw noPerson();
      const fp = await d.enrolment.enrol(req.body.door, req.params.id, { duress: req.body.duress, label: req.body.label });
      return reply.code(201).send(shown({ ...fp, doorId: req.body.door }));
    },
  );

  r.delete(
    '/api/people/:id/fingerprints/:fingerprintId',
    {
      config: { access: 'admin', audit: { subject: 'fingerprint', action: 'deleted' } },
      schema: { tags: ['people'], summary: 'Delete a finger from the sensor and from Vigil', params: Type.Object({ id: PersonId, fingerprintId: PersonId }), response: { 204: Type.Null(), 404: ErrorReply } },
    },
    async (req, reply) => {
      if (!(await d.enrolment.remove(req.params.id, req.params.fingerprintId))) throw new NotFound('no such finger');
      return reply.code(204).send(null);
    },
  );

  r.get(
    '/api/doors/:id/fingerprint',
    { config: { access: 'viewer' }, schema: { tags: ['doors'], summary: "The door's fingerprint reader and the enrolment running on it", params: Type.Object({ id: DoorId }), response: { 200: ReaderSchema, 404: ErrorReply } } },
    async (req) => {
      const fingers = d.doors.fingers(req.params.id);
      if (!fingers) throw noReader();
      const s = fingers.status();
      return { state: s.state, reason: s.reason, detail: s.detail, capacity: s.capacity, missingSlots: s.missingSlots, enrolment: d.enrolment.progress(req.params.id) };
    },
  );

  r.delete(
    '/api/doors/:id/fingerprint/enrolment',
    {
      // Stopping an enrolment changes nothing: the finger is stored only at its end.
      config: { access: 'admin', audit: 'none' },
      schema: { tags: ['doors'], summary: 'Cancel the enrolment running on the door\'s reader', params: Type.Object({ id: DoorId }), response: { 204: Type.Null(), 404: ErrorReply } },
    },
    async (req, reply) => {
      if (!d.enrolment.cancel(req.params.id)) throw new NotFound('no enrolment is running on this door');
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/doors/:id/fingerprint/adopt',
    {
      config: { access: 'admin', audit: { subject: 'fingerprint_sensor', action: 'changed' } },
      schema: {
        tags: ['doors'],
        summary: "Trust the sensor attached now (after a swap): the old sensor's fingers are forgotten and must be enrolled again",
        params: Type.Object({ id: DoorId }),
        response: { 200: Type.Object({ state: Type.String() }), 404: ErrorReply, 409: ErrorReply },
      },
    },
    async (req) => {
      const fingers = d.doors.fingers(req.params.id);
      if (!fingers) throw noReader();
      if (fingers.status().state !== 'untrusted') throw new Conflict(`nothing to adopt: the reader is ${fingers.status().state}`);
      return { state: (await fingers.adopt()).state };
    },
  );
};
