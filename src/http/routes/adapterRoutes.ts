import type { FastifyPluginAsync } from 'fastify';
import Type from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { formOf } from '../../core/adapters.ts';
import type { AdapterForm } from '../../core/adapterForm.ts';
import { FORMAT_LIST } from '../../mqtt/formats/index.ts';
import { CHANNELS } from '../../notify/channelTypes.ts';
import { LOCKS } from '../../access/locks/index.ts';

const FormFieldSchema = Type.Object({
  key: Type.String(),
  label: Type.String(),
  help: Type.Optional(Type.String()),
  secret: Type.Boolean({ description: 'a password input; a set value comes back as a mask' }),
  input: Type.Enum(['text', 'number', 'list', 'select'], { description: 'list: comma-separated values' }),
  required: Type.Boolean(),
  options: Type.Optional(Type.Array(Type.Object({ value: Type.String(), label: Type.String() }))),
  default: Type.Optional(Type.Union([Type.String(), Type.Number()])),
});
const AdapterFormSchema = Type.Unsafe<AdapterForm>(Type.Object({ type: Type.String(), label: Type.String(), fields: Type.Array(FormFieldSchema) }));

// Derived once: the registries are fixed for the life of the process.
const forms = { sensorFormats: FORMAT_LIST.map(formOf), channels: CHANNELS.map(formOf), locks: LOCKS.map(formOf) };

/**
 * The panel's forms for every sensor format, notification channel and lock, from the adapter
 * registries. Served rather than compiled into the panel: the adapter files hold Node-only code
 * (SMTP, web push, GPIO, MQTT), and the panel then always matches the server it talks to.
 */
export const adapterRoutes: FastifyPluginAsync = async (app) => {
  app.withTypeProvider<TypeBoxTypeProvider>().get(
    '/api/adapters',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['settings'],
        summary: 'The settings forms of every sensor format, notification channel and lock',
        response: { 200: Type.Object({ sensorFormats: Type.Array(AdapterFormSchema), channels: Type.Array(AdapterFormSchema), locks: Type.Array(AdapterFormSchema) }) },
      },
    },
    () => forms,
  );
};
