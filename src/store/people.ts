import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from './db.ts';
import Value from 'typebox/value';
import type { FaceTemplateRow } from './schema.ts';
import { AccessRulesSchema, ANYWHERE_ANYTIME, type AccessRules } from '../core/schedule.ts';
import { personNameKey } from '../core/person.ts';
import { Conflict } from '../core/errors.ts';

export interface Person {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  faces: number;
  access: AccessRules;
}

/** Stored rules that no longer parse let the person in nowhere: a broken rule must not open doors. */
export function parseAccess(json: string | null): AccessRules {
  if (json === null) return ANYWHERE_ANYTIME;
  try {
    const v: unknown = JSON.parse(json);
    if (Value.Check(AccessRulesSchema, v)) return v;
  } catch {
    // fall through
  }
  return { doors: [], schedule: [] };
}

interface PersonSelect {
  id: string;
  name: string;
  created_at: number;
  updated_at: number;
  access: string | null;
  faces: number | string | bigint;
}

const toPerson = (r: PersonSelect): Person => ({ id: r.id, name: r.name, createdAt: r.created_at, updatedAt: r.updated_at, faces: Number(r.faces), access: parseAccess(r.access) });

/** The unique index on name_key is what decides, so two people added at once cannot both get a name. */
async function nameTaken<T>(name: string, write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === '23505') throw new Conflict(`a person named "${name}" exists (names are compared without case)`);
    throw err;
  }
}

export interface StoredTemplate {
  id: string;
  personId: string;
  embedding: string;
  quality: string;
  photo: string | null;
  /** Whether a face chip (the thumbnail) is stored; the chip itself is read only when it is shown. */
  hasChip: boolean;
  createdAt: number;
}

/** Every column but the chip: the gallery and the lists need no pictures. */
const TEMPLATE_COLUMNS = ['id', 'person_id', 'embedding', 'quality', 'photo', 'created_at'] as const;

const toTemplate = (r: Omit<FaceTemplateRow, 'chip'> & { has_chip: unknown }): StoredTemplate => ({
  id: r.id,
  personId: r.person_id,
  embedding: r.embedding,
  quality: r.quality,
  photo: r.photo,
  // SQLite answers 1/0, PostgreSQL true/false.
  hasChip: Boolean(r.has_chip),
  createdAt: r.created_at,
});

export class PeopleRepo {
  constructor(private readonly db: Db) {}

  /** Throws Conflict when someone has this name in any spelling of case (the API and the CLI alike). */
  async create(name: string): Promise<Person> {
    const now = Date.now();
    const person: Person = { id: randomUUID(), name, createdAt: now, updatedAt: now, faces: 0, access: ANYWHERE_ANYTIME };
    await nameTaken(name, this.db.insertInto('people').values({ id: person.id, name, name_key: personNameKey(name), created_at: now, updated_at: now }).execute());
    return person;
  }

  private selectPeople() {
    return this.db
      .selectFrom('people')
      .leftJoin('face_templates', 'face_templates.person_id', 'people.id')
      .select((eb) => ['people.id', 'people.name', 'people.created_at', 'people.updated_at', 'people.access', eb.fn.count<number>('face_templates.id').as('faces')])
      .groupBy(['people.id', 'people.name', 'people.created_at', 'people.updated_at', 'people.access']);
  }

  async list(search?: string): Promise<Person[]> {
    let q = this.selectPeople();
    if (search) {
      // Case-insensitive substring on both databases; the user's % and _ are literal.
      const pattern = `%${search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      q = q.where(sql<boolean>`lower(people.name) LIKE ${pattern} ESCAPE '\\'`);
    }
    const rows = await q.orderBy('people.name').execute();
    return rows.map(toPerson);
  }

  async get(id: string): Promise<Person | undefined> {
    const r = await this.selectPeople().where('people.id', '=', id).executeTakeFirst();
    return r && toPerson(r);
  }

  async findByName(name: string): Promise<Person | undefined> {
    const row = await this.db.selectFrom('people').select('id').where('name_key', '=', personNameKey(name)).executeTakeFirst();
    return row ? this.get(row.id) : undefined;
  }

  async rename(id: string, name: string): Promise<void> {
    await nameTaken(name, this.db.updateTable('people').set({ name, name_key: personNameKey(name), updated_at: Date.now() }).where('id', '=', id).execute());
  }

  async setAccess(id: string, access: AccessRules): Promise<void> {
    const json = access.doors === null && access.schedule === null ? null : JSON.stringify(access);
    await this.db.updateTable('people').set({ access: json, updated_at: Date.now() }).where('id', '=', id).execute();
  }

  /** Deletes the person and (by cascade) every template; returns the photo files to remove. */
  async delete(id: string): Promise<string[]> {
    return this.db.transaction().execute(async (trx) => {
      const photos = await trx.selectFrom('face_templates').select('photo').where('person_id', '=', id).execute();
      await trx.deleteFrom('face_templates').where('person_id', '=', id).execute();
      await trx.deleteFrom('people').where('id', '=', id).execute();
      return photos.flatMap((p) => (p.photo ? [p.photo] : []));
    });
  }

  async addTemplate(t: Omit<StoredTemplate, 'createdAt' | 'hasChip'> & { chip: string | null }): Promise<StoredTemplate> {
    const createdAt = Date.now();
    await this.db
      .insertInto('face_templates')
      .values({ id: t.id, person_id: t.personId, embedding: t.embedding, quality: t.quality, photo: t.photo, chip: t.chip, created_at: createdAt })
      .execute();
    await this.db.updateTable('people').set({ updated_at: createdAt }).where('id', '=', t.personId).execute();
    return { id: t.id, personId: t.personId, embedding: t.embedding, quality: t.quality, photo: t.photo, hasChip: t.chip !== null, createdAt };
  }

  private selectTemplates() {
    return this.db.selectFrom('face_templates').select((eb) => [...TEMPLATE_COLUMNS, eb('chip', 'is not', null).as('has_chip')]);
  }

  async templatesOf(personId: string): Promise<StoredTemplate[]> {
    return (await this.selectTemplates().where('person_id', '=', personId).orderBy('created_at').execute()).map(toTemplate);
  }

  async allTemplates(): Promise<StoredTemplate[]> {
    return (await this.selectTemplates().execute()).map(toTemplate);
  }

  /** One template's stored chip (encrypted) and photo file name; undefined when there is no such template. */
  async pictureOf(personId: string, templateId: string): Promise<{ chip: string | null; photo: string | null } | undefined> {
    return this.db.selectFrom('face_templates').select(['chip', 'photo']).where('id', '=', templateId).where('person_id', '=', personId).executeTakeFirst();
  }

  /** Stores a chip made later (from the kept photo of a template enrolled before chips were kept). */
  async setChip(templateId: string, chip: string): Promise<void> {
    await this.db.updateTable('face_templates').set({ chip }).where('id', '=', templateId).execute();
  }

  /** Removes one template; returns its photo file, or undefined when there was no such template. */
  async deleteTemplate(personId: string, templateId: string): Promise<{ photo: string | null } | undefined> {
    const row = await this.db.selectFrom('face_templates').select('photo').where('id', '=', templateId).where('person_id', '=', personId).executeTakeFirst();
    if (!row) return undefined;
    await this.db.deleteFrom('face_templates').where('id', '=', templateId).execute();
    return { photo: row.photo };
  }
}
