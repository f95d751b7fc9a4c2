import { randomUUID } from 'node:crypto';
import type { Db } from '../store/db.ts';
import { parseAccess } from '../store/people.ts';
import { VERSION_KEY } from '../vision/faceService.ts';
import type { SnapshotContent } from './protocol.ts';

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

export async function readReplicaSource(db: Db): Promise<ReplicaSource> {
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

/**
 * Makes the node's store hold exactly this replica, in one transaction: what is gone is deleted
 * first (a revocation must never wait behind an addition), then everything else is written. The
 * face gallery's version changes, so the FaceService reloads.
 */
export async function applySnapshot(db: Db, c: SnapshotContent): Promise<ApplyResult> {
  return db.transaction().execute(async (trx) => {
    const keep = { people: new Set(c.people.map((p) => p.id)), templates: new Set(c.templates.map((t) => t.id)) };
    const goneTemplates = (await trx.selectFrom('face_templates').select('id').execute()).filter((r) => !keep.templates.has(r.id)).map((r) => r.id);
    const gonePeople = (await trx.selectFrom('people').select('id').execute()).filter((r) => !keep.people.has(r.id)).map((r) => r.id);
    // Credentials are few and small: all go, and the replica's are written again (a PIN moved from one person to another cannot collide).
    await trx.deleteFrom('credentials').execute();
    for (const ids of chunks(goneTemplates)) await trx.deleteFrom('face_templates').where('id', 'in', ids).execute();
    for (const ids of chunks(gonePeople)) {
      await trx.deleteFrom('face_templates').where('person_id', 'in', ids).execute();
      await trx.deleteFrom('people').where('id', 'in', ids).execute();
    }
    for (const p of c.people) {
      const { id: _, ...rest } = p;
      await trx.insertInto('people').values(p).onConflict((oc) => oc.column('id').doUpdateSet(rest)).execute();
    }
    for (const rows of chunks(c.credentials)) await trx.insertInto('credentials').values(rows).execute();
    for (const t of c.templates) {
      const row = { ...t, photo: null };
      await trx.insertInto('face_templates').values(row).onConflict((oc) => oc.column('id').doNothing()).execute();
    }
    const version = JSON.stringify(randomUUID());
    await trx.insertInto('settings').values({ key: VERSION_KEY, value: version }).onConflict((oc) => oc.column('key').doUpdateSet({ value: version })).execute();
    return { removedPeople: gonePeople.length, people: c.people.length, credentials: c.credentials.length, templates: c.templates.length };
  });
}

function chunks<T>(items: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
