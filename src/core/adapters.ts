import Type, { type Static, type TObject, type TSchema } from 'typebox';
import type { AdapterForm, FormField } from './adapterForm.ts';

// One registry shape for every adapter kind (sensor format, notification channel, lock): each
// adapter declares its settings schema (secrets writeOnly) and how the panel labels the fields;
// everything else (config unions, API schemas, panel forms, masking) is derived here.

/** How the panel labels one setting; kind, secrecy, options and required-ness come from the schema. */
export interface FieldLabel {
  label: string;
  help?: string;
  /** Words for an enum's values (the value itself otherwise). */
  options?: Record<string, string>;
  /** The panel insists although the schema has a default (an empty value would be useless). */
  required?: true;
}

export interface Adapter<S extends TObject = TObject, T extends string = string> {
  /** The `type` in config files and the API. */
  readonly type: T;
  readonly label: string;
  /** The adapter's own settings, without `type`. */
  readonly settings: S;
  /** The fields the panel asks for, in order. Settings left out keep their default. */
  readonly form: { readonly [K in keyof S['properties'] & string]?: FieldLabel };
  /** Valid settings, for the docs and the registry's test. */
  readonly example: Static<S>;
}

/** What the derivations read of an adapter (any adapter kind, whatever its settings). */
type Declared = Pick<Adapter, 'type' | 'label' | 'settings' | 'form'>;

type Prop = TSchema & { type?: string; enum?: unknown[]; writeOnly?: boolean; default?: unknown; items?: unknown };

function fieldKind(p: Prop): FormField['input'] {
  if (p.enum) return 'select';
  if (p.type === 'array') return 'list';
  if (p.type === 'integer' || p.type === 'number') return 'number';
  return 'text';
}

/** The panel's form for one adapter. */
export function formOf(a: Declared): AdapterForm {
  const props = a.settings.properties as Record<string, Prop>;
  const required = new Set(a.settings.required ?? []);
  const fields = Object.entries(a.form as Record<string, FieldLabel>).map(([key, l]): FormField => {
    const p = props[key];
    if (!p) throw new Error(`${a.type}: the form names ${key}, which its settings do not have`);
    const field: FormField = { key, label: l.label, input: fieldKind(p), secret: p.writeOnly === true, required: l.required ?? (required.has(key) && p.default === undefined) };
    if (l.help) field.help = l.help;
    if (p.enum) field.options = p.enum.map((v) => ({ value: String(v), label: l.options?.[String(v)] ?? String(v) }));
    if (typeof p.default === 'string' || typeof p.default === 'number') field.default = p.default;
    return field;
  });
  return { type: a.type, label: a.label, fields };
}

/** The settings a schema marks writeOnly: secrets, whatever they are called. */
export function secretFields(schema: TSchema): string[] {
  const properties = (schema as { properties?: Record<string, { writeOnly?: boolean }> }).properties ?? {};
  return Object.entries(properties).flatMap(([k, p]) => (p.writeOnly ? [k] : []));
}

export const MASK = '********';

/** Settings as the panel sees them: every secret the schema declares that is set shows as the mask. */
export function maskSecrets(schema: TSchema, settings: Record<string, unknown>): Record<string, unknown> {
  const secret = secretFields(schema);
  return Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, secret.includes(k) && v ? MASK : v]));
}

/** A save from the panel: a secret sent back as the mask keeps its stored value. */
export function unmaskSecrets(schema: TSchema, sent: Record<string, unknown>, stored: Record<string, unknown> | undefined): Record<string, unknown> {
  const secret = secretFields(schema);
  return Object.fromEntries(Object.entries(sent).map(([k, v]) => [k, secret.includes(k) && v === MASK && stored ? stored[k] : v]));
}

/** The adapters' types, as a tuple for Type.Enum. */
export function typesOf<A extends readonly Declared[]>(adapters: A): [A[number]['type'], ...Array<A[number]['type']>] {
  return adapters.map((a) => a.type) as [A[number]['type'], ...Array<A[number]['type']>];
}

/** An adapter's settings with its `type`: one member of a config union. */
export function withType(a: Declared): TObject {
  return Type.Object({ type: Type.Literal(a.type), ...a.settings.properties }, { additionalProperties: false });
}

/** Finds an adapter by type, or says what the known types are. */
export function adapterOf<A extends Declared>(adapters: readonly A[], type: string): A {
  const found = adapters.find((a) => a.type === type);
  if (!found) throw new Error(`unknown type ${type}; known: ${adapters.map((a) => a.type).join(', ')}`);
  return found;
}
