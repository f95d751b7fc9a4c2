import { randomUUID } from 'node:crypto';
import type { Db } from '../store/db.ts';
import { parseAccess } from '../store/people.ts';
import { VERSION_KEY } from '../vision/faceService.ts';
import { sql } from 'kysely';
import { snapshotChecksum, type ReplicaDelta, type SnapshotContent } from './protocol.ts';

/** Whether a person's stored rules let them through any of these doors (at some time). */
function allowedAtAny(access: string | null, doors: readonly string[]): boolean {
  const rules = parseAccess(access);
  if (rules.schedule !== null && rules.schedule.length === 0) return false;
  return rules.doors === null || rules.doors.some((d) => doors.includes(d));
}

/**
 * A node's replica, built on the hub: the people allowed at any of its doors (their rules go along;
 * the node's doors apply the schedule), their credentials as stored (keyed-hash lookups) and their
 * encrypted face templates, with the keys that make those usable.
 */
export async function buildSnapshot(db: Db, doors: readonly string[], keys: ReplicaKeys): Promise<SnapshotContent> {
  return replicaFor(await readReplicaSource(db), doors, keys);
}

export type ReplicaKeys = Pick<SnapshotContent, 'credentialKey' | 'templateKey'>;
/** Everyone's rows a replica is cut from: read once, however many nodes it serves. */
export type ReplicaSource = Pick<SnapshotContent, 'people' | 'credentials' | 'templates'>;

export async function readReplicaSource(db: Pick<Db, 'selectFrom'>): Promise<ReplicaSource> {
  const [people, credentials, templates] = await Promise.all([
    db.selectFrom('people').select(['id', 'name', 'name_key', 'access', 'created_at', 'updated_at']).execute(),
    db.selectFrom('credentials').select(['id', 'person_id', 'kind', 'lookup', 'created_at']).execute(),
    db.selectFrom('face_templates').select(['id', 'person_id', 'embedding', 'quality', 'created_at']).execute(),
  ]);
  return { people, credentials, templates };
}

/** The part of `source` for a node with these doors. */
export function replicaFor(source: ReplicaSource, doors: readonly string[], keys: ReplicaKeys): SnapshotContent {
  const people = source.people.filter((p) => allowedAtAny(p.access, doors));
  const ids = new Set(people.map((p) => p.id));
  return { people, credentials: source.credentials.filter((c) => ids.has(c.person_id)), templates: source.templates.filter((t) => ids.has(t.person_id)), ...keys };
}

/** What changed when a replica was applied. */
export interface ApplyResult {
  removedPeople: number;
  people: number;
  credentials: number;
  templates: number;
}

/** A delta whose result is not the replica it was made for: nothing of it was kept. */
export class ReplicaMismatch extends Error {
  constructor(
    readonly expected: string,
    readonly got: string,
  ) {
    super(`the replica after the delta has checksum ${got}, not ${expected}`);
  }
}

type Trx = Parameters<Parameters<ReturnType<Db['transaction']>['execute']>[0]>[0];

/**
 * Makes the node's store hold exactly this replica, in one transaction: what is gone is deleted
 * first (a revocation must never wait behind an addition), then everything else is written. The
 * face gallery's version changes, so the FaceService reloads.
 */
export async function applySnapshot(db: Db, c: SnapshotContent): Promise<ApplyResult> {
  return db.transaction().execute(async (trx) => {
    const gone = async (table: 'people' | 'credentials' | 'face_templates', keep: Array<{ id: string }>) => {
      const ids = new Set(keep.map((r) => r.id));
      return (await trx.selectFrom(table).select('id').execute()).map((r) => r.id).filter((id) => !ids.has(id));
    };
    const removed = { people: await gone('people', c.people), credentials: await gone('credentials', c.credentials), templates: await gone('face_templates', c.templates) };
    await writeDelta(trx, { removed, ...c });
    return { removedPeople: removed.people.length, people: c.people.length, credentials: c.credentials.length, templates: c.templates.length };
  });
}

/**
 * Applies a delta in one transaction and checks the whole replica it leaves against `sha256`
 * (read back from the store, as the doors will see it); on a mismatch nothing is kept and
 * ReplicaMismatch says what was found.
 */
export async function applyDelta(db: Db, d: ReplicaDelta, sha256: string): Promise<ApplyResult> {
  return db.transaction().execute(async (trx) => {
    await writeDelta(trx, d);
    const got = snapshotChecksum({ ...(await readReplicaSource(trx)), credentialKey: d.credentialKey, templateKey: d.templateKey });
    if (got !== sha256) throw new ReplicaMismatch(sha256, got);
    return { removedPeople: d.removed.people.length, people: d.people.length, credentials: d.credentials.length, templates: d.templates.length };
  });
}

/** Removals first, then the rows written; the gallery reloads when people or faces changed. */
async function writeDelta(trx: Trx, d: ReplicaDelta): Promise<void> {
  // A credential is deleted and written again when it changed, so a PIN moved between two of them cannot collide.
  for (const ids of chunks([...d.removed.credentials, ...d.credentials.map((c) => c.id)])) await trx.deleteFrom('credentials').where('id', 'in', ids).execute();
  for (const ids of chunks(d.removed.templates)) await trx.deleteFrom('face_templates').where('id', 'in', ids).execute();
  // Their credentials and templates go with them (foreign keys, on delete cascade).
  for (const ids of chunks(d.removed.people)) await trx.deleteFrom('people').where('id', 'in', ids).execute();
  // Names are unique: two people who swapped names would collide while the first is written. A
  // name key is trimmed, so one with a leading space is nobody's.
  for (const ids of chunks(d.people.map((p) => p.id))) {
    await trx
      .updateTable('people')
      .set((eb) => ({ name_key: sql<string>`' ' || ${eb.ref('id')}` }))
      .where('id', 'in', ids)
      .execute();
  }
  for (const rows of chunks(d.people)) {
    await trx
      .insertInto('people')
      .values(rows)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          name_key: eb.ref('excluded.name_key'),
          access: eb.ref('excluded.access'),
          created_at: eb.ref('excluded.created_at'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
  for (const rows of chunks(d.credentials)) await trx.insertInto('credentials').values(rows).execute();
  for (const rows of chunks(d.templates, 50)) {
    await trx
      .insertInto('face_templates')
      .values(rows.map((t) => ({ ...t, photo: null })))
      .onConflict((oc) =>
        oc.column('id').doUpdateSet((eb) => ({
          person_id: eb.ref('excluded.person_id'),
          embedding: eb.ref('excluded.embedding'),
          quality: eb.ref('excluded.quality'),
          created_at: eb.ref('excluded.created_at'),
        })),
      )
      .execute();
  }
  if (d.removed.people.length || d.removed.templates.length || d.people.length || d.templates.length) {
    const version = JSON.stringify(randomUUID());
    await trx.insertInto('settings').values({ key: VERSION_KEY, value: version }).onConflict((oc) => oc.column('key').doUpdateSet({ value: version })).execute();
  }
}

function chunks<T>(items: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
