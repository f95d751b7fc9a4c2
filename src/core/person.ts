import Type from 'typebox';
import { Compile } from 'typebox/compile';

/** A person's display name: printable, 1-100 characters. Shared by the API and the CLI. */
export const PersonName = Type.String({ minLength: 1, maxLength: 100, pattern: '^[^\\u0000-\\u001f\\u007f]+$' });

/**
 * What makes two names the same person's: case and Unicode spelling aside ("ANN", "ann", "Ａnn").
 * Computed here, not by the database, so SQLite and PostgreSQL agree on every alphabet.
 */
export function personNameKey(name: string): string {
  return name.trim().normalize('NFKC').toLowerCase();
}

const check = Compile(PersonName);
export function isPersonName(v: string): boolean {
  return check.Check(v);
}
