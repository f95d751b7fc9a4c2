import type { AdapterForm } from '../../../src/core/adapterForm.ts';
import { Field } from './ui.tsx';

/** The inputs of one sensor format, channel or lock, as the server's registry describes them (GET /api/adapters). */
export function AdapterFields({ form }: { form: AdapterForm }) {
  return form.fields.map((field) => (
    <Field key={`${form.type}-${field.key}`} label={field.label} help={field.help}>
      {(p) =>
        field.options ? (
          <select {...p} name={field.key} defaultValue={field.default === undefined ? undefined : String(field.default)} required={field.required}>
            {field.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        ) : (
          <input {...p} name={field.key} type={field.secret ? 'password' : field.input === 'number' ? 'number' : 'text'} required={field.required} autoComplete="off" />
        )
      }
    </Field>
  ));
}
