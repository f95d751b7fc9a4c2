// The form model the panel renders adapter settings from (GET /api/adapters), and the one place
// that turns what a person typed back into settings. No schema library: the panel imports it.

export interface FormField {
  key: string;
  label: string;
  help?: string;
  /** A password input; the server shows a set value as a mask. */
  secret: boolean;
  /** list: comma-separated values; select: one of options. */
  input: 'text' | 'number' | 'list' | 'select';
  required: boolean;
  options?: Array<{ value: string; label: string }>;
  default?: string | number;
}

/** One adapter as the panel offers it: its type, its name for people, its fields. */
export interface AdapterForm {
  type: string;
  label: string;
  fields: FormField[];
}

/** Settings from a filled form; an empty field is left out so the server's default applies. */
export function settingsFromForm(form: AdapterForm, value: (key: string) => string): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  for (const field of form.fields) {
    const raw = value(field.key).trim();
    if (!raw) continue;
    settings[field.key] =
      field.input === 'number'
        ? Number(raw)
        : field.input === 'list'
          ? raw
              .split(',')
              .map((x) => x.trim())
              .filter(Boolean)
          : raw;
  }
  return settings;
}

