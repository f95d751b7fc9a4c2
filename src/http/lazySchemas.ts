import type { FastifyInstance, FastifySchemaCompiler, FastifySerializerCompiler } from 'fastify';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';

/**
 * Route schemas compiled when a route is first used instead of all at start-up: compiling some
 * 130 routes' validators and serializers was about a third of `vigil start` on a small box, and of
 * a standby hub's takeover. A route's first request pays a few milliseconds once.
 */
export function compileOnFirstUse(app: FastifyInstance, validator: FastifySchemaCompiler<unknown>): void {
  app.setValidatorCompiler((route) => {
    let compiled: ReturnType<FastifySchemaCompiler<unknown>> | undefined;
    // Fastify reads `errors` off the validator after a refusal, as Ajv leaves them there.
    const validate = Object.assign(
      (data: unknown) => {
        compiled ??= validator(route);
        const result = compiled(data);
        validate.errors = compiled.errors;
        return result;
      },
      { errors: undefined as ReturnType<FastifySchemaCompiler<unknown>>['errors'] },
    );
    return validate;
  });
  const serializer = SerializerSelector()({}, {});
  const lazySerializer: FastifySerializerCompiler<unknown> = ({ schema, method, url, httpStatus }) => {
    let compiled: ((data: unknown) => string) | undefined;
    // Only response schemas are serialized, and those always have a status.
    return (data) => (compiled ??= serializer({ schema, method, url, httpStatus: httpStatus ?? '' }))(data);
  };
  app.setSerializerCompiler(lazySerializer);
}
