import type { ReplicaDelta, SnapshotContent } from './protocol.ts';

// How the hub computes a node's next replica as a change to the last one it published. Kept pure
// (no store, no broker): the node's side applies the result in its store (snapshot.ts).

export const TABLES = ['people', 'credentials', 'templates'] as const;
type Table = (typeof TABLES)[number];
/** Row ids, per table. */
export type RowIds = Record<Table, Set<string>>;
type RowOf<T extends Table> = SnapshotContent[T][number];

export function noRowIds(): RowIds {
  return { people: new Set(), credentials: new Set(), templates: new Set() };
}

/** Each row by id with its JSON, made once per replica however many nodes share it. */
type Index = { [T in Table]: Map<string, { row: RowOf<T>; json: string }> };
const indexes = new WeakMap<SnapshotContent, Index>();

function indexOf(c: SnapshotContent): Index {
  let index = indexes.get(c);
  if (!index) {
    const byId = <R extends { id: string }>(rows: R[]) => new Map(rows.map((row) => [row.id, { row, json: JSON.stringify(row) }]));
    index = { people: byId(c.people), credentials: byId(c.credentials), templates: byId(c.templates) };
    indexes.set(c, index);
  }
  return index;
}

/** The rows that differ between two replicas: added, removed or changed. */
export function changedRows(from: SnapshotContent, to: SnapshotContent): RowIds {
  const a = indexOf(from);
  const b = indexOf(to);
  const out = noRowIds();
  for (const t of TABLES) {
    for (const [id, { json }] of b[t]) if (a[t].get(id)?.json !== json) out[t].add(id);
    for (const id of a[t].keys()) if (!b[t].has(id)) out[t].add(id);
  }
  return out;
}

/** `rows` and `more` together, as a new set (the hub's record of the last round stays as it was). */
export function withRows(rows: RowIds, more: RowIds): RowIds {
  return { people: new Set([...rows.people, ...more.people]), credentials: new Set([...rows.credentials, ...more.credentials]), templates: new Set([...rows.templates, ...more.templates]) };
}

/**
 * The delta that makes these rows as they are in `target`: written when it has them, removed when
 * not. Applied to any replica that differs from `target` in these rows only, it yields `target`.
 */
export function deltaTo(target: SnapshotContent, rows: RowIds): ReplicaDelta {
  const index = indexOf(target);
  const pick = <T extends Table>(t: T) => {
    const kept: Array<RowOf<T>> = [];
    const removed: string[] = [];
    for (const id of [...rows[t]].sort()) {
      const r = index[t].get(id);
      if (r) kept.push(r.row);
      else removed.push(id);
    }
    return { kept, removed };
  };
  const people = pick('people');
  const credentials = pick('credentials');
  const templates = pick('templates');
  return {
    removed: { people: people.removed, credentials: credentials.removed, templates: templates.removed },
    people: people.kept,
    credentials: credentials.kept,
    templates: templates.kept,
    credentialKey: target.credentialKey,
    templateKey: target.templateKey,
  };
}
