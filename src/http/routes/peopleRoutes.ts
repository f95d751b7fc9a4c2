import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { Conflict, NotFound } from '../../core/errors.ts';
import Type from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import multipart from '@fastify/multipart';
import type { PeopleRepo } from '../../store/people.ts';
import type { FaceService } from '../../vision/faceService.ts';
import { ImageError } from '../../vision/decode.ts';
import { ErrorReply } from '../schemas.ts';
import { PersonName } from '../../core/person.ts';
import { AccessRulesSchema } from '../../core/schedule.ts';
import { CREDENTIAL_KINDS, type CredentialKind, type CredentialRepo } from '../../store/credentials.ts';

export interface PeopleRouteDeps {
  people: PeopleRepo;
  credentials: CredentialRepo;
  faces: FaceService;
  maxImageBytes: number;
  /** Deletes the person's fingers from the door sensors and the store. */
  forgetFingers(personId: string): Promise<unknown>;
}

const Id = Type.String({ format: 'uuid' });
const PersonSchema = Type.Object({ id: Type.String(), name: Type.String(), createdAt: Type.Integer(), updatedAt: Type.Integer(), faces: Type.Integer(), access: AccessRulesSchema });
const QualitySchema = Type.Object({
  eyeDistance: Type.Number(),
  sharpness: Type.Number(),
  yaw: Type.Number(),
  pitch: Type.Number(),
  roll: Type.Number(),
  detection: Type.Number(),
});
const TemplateSchema = Type.Object({
  id: Type.String(),
  personId: Type.String(),
  quality: QualitySchema,
  hasPhoto: Type.Boolean({ description: 'the enrolment photo is kept (vision.keepPhotos)' }),
  hasThumbnail: Type.Boolean({ description: 'GET …/faces/:faceId/thumbnail has a picture of this face (admins only)' }),
  createdAt: Type.Integer(),
});
const RecognizedSchema = Type.Object({
  box: Type.Array(Type.Integer(), { minItems: 4, maxItems: 4, description: 'x, y, width, height' }),
  person: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  score: Type.Number({ description: 'cosine similarity to the best enrolled template' }),
  live: Type.Union([Type.Literal(false), Type.Null()], {
    description:
      'never true from one image (a good photo of a face passes every single-frame check): false = the single-frame presentation-attack check refuses this face (antispoof or liveness below the configured minimum); null = unknown. Only the door, over a burst of frames (and a challenge), decides that a face is live.',
  }),
  antispoof: Type.Number({ description: 'single-frame antispoof score 0..1 (Human), higher = more like a real face; compared with vision.minAntispoof' }),
  liveness: Type.Number({ description: 'single-frame liveness score 0..1 (Human), higher = more like a real face; compared with vision.minLiveness' }),
  quality: QualitySchema,
  problems: Type.Array(Type.String()),
});
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/octet-stream'];
const imageBody = { consumes: ['multipart/form-data', ...IMAGE_TYPES], description: 'the image as a multipart file field, or as the raw request body' };

export const peopleRoutes: FastifyPluginAsync<PeopleRouteDeps> = async (app, d) => {
  await app.register(multipart, { limits: { fileSize: d.maxImageBytes, files: 1, fields: 5, parts: 6 } });
  app.addContentTypeParser(IMAGE_TYPES, { parseAs: 'buffer', bodyLimit: d.maxImageBytes }, (_req, body, done) => done(null, body));
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  /** The uploaded image, from a multipart file field or the raw body. */
  async function readImage(req: FastifyRequest): Promise<Buffer> {
    if (req.isMultipart()) {
      const file = await req.file();
      if (!file) throw new ImageError('corrupt', 'the form holds no file');
      return file.toBuffer();
    }
    if (Buffer.isBuffer(req.body)) return req.body;
    throw new ImageError('unsupported_format', `send the image as multipart/form-data or as ${IMAGE_TYPES.join(', ')}`);
  }

  const person = async (id: string) => {
    const p = await d.people.get(id);
    if (!p) throw new NotFound('no such person');
    return p;
  };

  r.get(
    '/api/people',
    {
      config: { access: 'viewer' },
      schema: { tags: ['people'], summary: 'Everyone enrolled, by name', querystring: Type.Object({ search: Type.Optional(Type.String({ maxLength: 100 })) }), response: { 200: Type.Array(PersonSchema) } },
    },
    async (req) => d.people.list(req.query.search),
  );

  r.post(
    '/api/people',
    { config: { access: 'admin', audit: { subject: 'person', action: 'created' } }, schema: { tags: ['people'], summary: 'Add a person', body: Type.Object({ name: PersonName }, { additionalProperties: false }), response: { 201: PersonSchema, 409: ErrorReply } } },
    async (req, reply) => reply.code(201).send(await d.people.create(req.body.name.trim())),
  );

  r.get(
    '/api/people/:id',
    {
      config: { access: 'viewer' },
      schema: { tags: ['people'], params: Type.Object({ id: Id }), response: { 200: Type.Object({ ...PersonSchema.properties, templates: Type.Array(TemplateSchema) }), 404: ErrorReply } },
    },
    async (req) => {
      const p = await person(req.params.id);
      return { ...p, templates: await d.faces.templates(p.id) };
    },
  );

  r.patch(
    '/api/people/:id',
    {
      config: { access: 'admin', audit: { subject: 'person', action: 'changed' } },
      schema: { tags: ['people'], params: Type.Object({ id: Id }), body: Type.Object({ name: PersonName }, { additionalProperties: false }), response: { 200: PersonSchema, 404: ErrorReply, 409: ErrorReply } },
    },
    async (req) => {
      await person(req.params.id);
      await d.people.rename(req.params.id, req.body.name.trim());
      return person(req.params.id);
    },
  );

  r.delete(
    '/api/people/:id',
    { config: { access: 'admin', audit: { subject: 'person', action: 'deleted' } }, schema: { tags: ['people'], summary: 'Delete a person with every face template and photo, and their fingers on the door sensors', params: Type.Object({ id: Id }), response: { 204: Type.Null(), 404: ErrorReply } } },
    async (req, reply) => {
      await person(req.params.id);
      await d.forgetFingers(req.params.id);
      await d.faces.deletePerson(req.params.id);
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/people/:id/faces',
    {
      config: { access: 'admin', audit: { subject: 'face', action: 'created' } },
      bodyLimit: d.maxImageBytes + 64 * 1024,
      schema: {
        tags: ['people'],
        summary: 'Enrol a face from a photo showing exactly this one person',
        ...imageBody,
        params: Type.Object({ id: Id }),
        response: { 201: TemplateSchema, 404: ErrorReply, 413: ErrorReply, 415: ErrorReply, 422: ErrorReply, 503: ErrorReply },
      },
    },
    async (req, reply) => {
      await person(req.params.id);
      return reply.code(201).send(await d.faces.enrol(req.params.id, await readImage(req)));
    },
  );

  r.delete(
    '/api/people/:id/faces/:faceId',
    { config: { access: 'admin', audit: { subject: 'face', action: 'deleted' } }, schema: { tags: ['people'], params: Type.Object({ id: Id, faceId: Id }), response: { 204: Type.Null(), 404: ErrorReply } } },
    async (req, reply) => {
      if (!(await d.faces.deleteTemplate(req.params.id, req.params.faceId))) throw new NotFound('no such face');
      return reply.code(204).send(null);
    },
  );

  const CredentialSchema = Type.Object({ id: Type.String(), personId: Type.String(), kind: Type.Enum(CREDENTIAL_KINDS), createdAt: Type.Integer() });
  const setCredential = async (personId: string, kind: CredentialKind, value: string) => {
    await person(personId);
    if (!(await d.credentials.set(personId, kind, value))) throw new Conflict('that credential is already in use');
    return null;
  };
  const Pin = Type.Object({ pin: Type.String({ pattern: '^[0-9]{4,12}$', description: '4-12 digits; stored as a keyed hash, never shown again' }) }, { additionalProperties: false });

  r.put(
    '/api/people/:id/access',
    {
      config: { access: 'admin', audit: { subject: 'schedule', action: 'changed' } },
      schema: {
        tags: ['people'],
        summary: 'Which doors the person may open, and when (null = all doors / any time)',
        params: Type.Object({ id: Id }),
        body: AccessRulesSchema,
        response: { 200: PersonSchema, 404: ErrorReply },
      },
    },
    async (req) => {
      await person(req.params.id);
      await d.people.setAccess(req.params.id, req.body);
      return person(req.params.id);
    },
  );

  r.get(
    '/api/people/:id/credentials',
    { config: { access: 'admin' }, schema: { tags: ['people'], summary: "A person's PINs and fobs (kinds only, never the values)", params: Type.Object({ id: Id }), response: { 200: Type.Array(CredentialSchema) } } },
    async (req) => d.credentials.list(req.params.id),
  );
  r.put(
    '/api/people/:id/pin',
    { config: { access: 'admin', audit: { subject: 'pin', action: 'changed' } }, schema: { tags: ['people'], summary: 'Set the PIN', params: Type.Object({ id: Id }), body: Pin, response: { 204: Type.Null(), 404: ErrorReply, 409: ErrorReply } } },
    async (req, reply) => reply.code(204).send(await setCredential(req.params.id, 'pin', req.body.pin)),
  );
  r.put(
    '/api/people/:id/duress-pin',
    { config: { access: 'admin', audit: { subject: 'duress_pin', action: 'changed' } }, schema: { tags: ['people'], summary: 'Set the duress PIN: opens as usual and raises a silent alarm', params: Type.Object({ id: Id }), body: Pin, response: { 204: Type.Null(), 404: ErrorReply, 409: ErrorReply } } },
    async (req, reply) => reply.code(204).send(await setCredential(req.params.id, 'duress_pin', req.body.pin)),
  );
  r.post(
    '/api/people/:id/fobs',
    {
      config: { access: 'admin', audit: { subject: 'fob', action: 'created' } },
      schema: {
        tags: ['people'],
        summary: 'Add an RFID fob',
        params: Type.Object({ id: Id }),
        body: Type.Object({ fob: Type.String({ pattern: '^[0-9A-Fa-f]{4,32}$' }) }, { additionalProperties: false }),
        response: { 201: Type.Null(), 404: ErrorReply, 409: ErrorReply },
      },
    },
    async (req, reply) => reply.code(201).send(await setCredential(req.params.id, 'fob', req.body.fob)),
  );
  r.delete(
    '/api/people/:id/credentials/:credentialId',
    { config: { access: 'admin', audit: { subject: 'credential', action: 'deleted' } }, schema: { tags: ['people'], params: Type.Object({ id: Id, credentialId: Id }), response: { 204: Type.Null(), 404: ErrorReply } } },
    async (req, reply) => {
      if (!(await d.credentials.delete(req.params.id, req.params.credentialId))) throw new NotFound('no such credential');
      return reply.code(204).send(null);
    },
  );

  r.post(
    '/api/recognize',
    {
      config: { access: 'operator', audit: 'none' },
      bodyLimit: d.maxImageBytes + 64 * 1024,
      schema: {
        tags: ['people'],
        summary: 'Find and identify every face in an image',
        ...imageBody,
        response: { 200: Type.Object({ faces: Type.Array(RecognizedSchema) }), 400: ErrorReply, 413: ErrorReply, 415: ErrorReply, 503: ErrorReply },
      },
    },
    async (req) => ({ faces: await d.faces.recognize(await readImage(req)) }),
  );
};
