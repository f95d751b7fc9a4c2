import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FaceService } from '../../vision/faceService.ts';
import { FACE_CHIP_SIZE } from '../../vision/faceChip.ts';

export interface FaceThumbnailDeps {
  faces: FaceService;
}

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }), faceId: Type.String({ format: 'uuid' }) });

/** A thumbnail of an enrolled face, the aligned chip kept with its template. Only for admins: it is biometric data. */
export const faceThumbnailRoutes: FastifyPluginAsync<FaceThumbnailDeps> = async (app, d) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/people/:id/faces/:faceId/thumbnail',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['people'],
        summary: `The enrolled face, ${FACE_CHIP_SIZE}x${FACE_CHIP_SIZE} JPEG, aligned (kept with the template, whether or not photos are kept)`,
        params: IdParams,
        produces: ['image/jpeg'],
      },
    },
    async (req, reply) => {
      const jpeg = await d.faces.thumbnail(req.params.id, req.params.faceId);
      // Private: a shared cache must never hold a face. A template never changes, so a day is safe.
      return reply.type('image/jpeg').header('cache-control', 'private, max-age=86400').send(jpeg);
    },
  );
};
