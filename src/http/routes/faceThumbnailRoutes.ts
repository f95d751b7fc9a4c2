import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import { NotFound } from '../../core/errors.ts';
import Type from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { PeopleRepo } from '../../store/people.ts';
import type { FaceService } from '../../vision/faceService.ts';
import { largestFace } from '../../vision/engine.ts';
import { fitSimilarity, warpChip, type Point } from '../../vision/align.ts';
import { encodeJpeg } from '../../vision/decode.ts';

export interface FaceThumbnailDeps {
  people: PeopleRepo;
  faces: FaceService;
  /** Kept enrolment photos are under <dataDir>/faces/<person>/. */
  dataDir: string;
}

const SIZE = 160;
/** Looser than the recognition chip: forehead and chin stay in, so a person knows the face. */
const LAYOUT: readonly Point[] = [
  [0.37 * SIZE, 0.42 * SIZE],
  [0.63 * SIZE, 0.42 * SIZE],
  [0.5 * SIZE, 0.7 * SIZE],
];
/** Templates never change, so a thumbnail made once is good for as long as it is kept. */
const CACHE_LIMIT = 200;

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }), faceId: Type.String({ format: 'uuid' }) });

/**
 * A thumbnail of an enrolled face: the face of the kept enrolment photo, aligned like the chip
 * the recogniser saw. Only for admins (it is biometric data), and only when photos are kept.
 */
export const faceThumbnailRoutes: FastifyPluginAsync<FaceThumbnailDeps> = async (app, d) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const cache = new Map<string, Buffer>();

  const thumbnail = async (personId: string, photo: string): Promise<Buffer | null> => {
    const img = await d.faces.decode(await readFile(path.join(d.dataDir, 'faces', personId, photo)));
    const face = largestFace(await d.faces.analyze(img));
    if (!face) return null;
    const { leftEye, rightEye, mouthLeft, mouthRight } = face.landmarks;
    const mouth: Point = [(mouthLeft[0] + mouthRight[0]) / 2, (mouthLeft[1] + mouthRight[1]) / 2];
    const chip = warpChip(img, fitSimilarity([leftEye, rightEye, mouth], LAYOUT), SIZE);
    return encodeJpeg({ data: Uint8Array.from(chip, (v) => Math.round(v)), width: SIZE, height: SIZE });
  };

  r.get(
    '/api/people/:id/faces/:faceId/thumbnail',
    {
      config: { access: 'admin' },
      schema: { tags: ['people'], summary: 'The enrolled face, 160x160 JPEG, from the kept enrolment photo (404 when photos are not kept)', params: IdParams, produces: ['image/jpeg'] },
    },
    async (req, reply) => {
      const template = (await d.people.templatesOf(req.params.id)).find((t) => t.id === req.params.faceId);
      if (!template) throw new NotFound('no such face');
      if (!template.photo) throw new NotFound('no photo was kept for this face (vision.keepPhotos is off)');
      let jpeg = cache.get(template.id);
      if (!jpeg) {
        const made = await thumbnail(template.personId, template.photo);
        if (!made) throw new NotFound('no face found in the kept photo');
        jpeg = made;
        if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
        cache.set(template.id, jpeg);
      }
      return reply.type('image/jpeg').header('cache-control', 'private, max-age=86400').send(jpeg);
    },
  );
};
