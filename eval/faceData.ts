// The labelled photo set in ../shared/data/faces (see its README), as the evaluation and the tests
// read it: which identities each file shows.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

export const FACES_DIR = process.env.VIGIL_FACES ?? path.resolve(import.meta.dirname, '../../shared/data/faces');

export interface LabelledPhoto {
  file: string;
  /** Everyone in the photo; empty for a stranger nobody enrolled. */
  identities: string[];
  set: 'portraits' | 'people' | 'probes';
}

// Probes are named by what they show, not by who; this is who (checked by eye: two_people is
// Obama and Biden, not strangers).
const PROBES: Record<string, string[]> = {
  'alex_lacamoire1.jpg': ['alex_lacamoire'],
  'obama1.jpg': ['obama'],
  'obama3.jpg': ['obama'],
  'obama-240p.jpg': ['obama'],
  'obama_partial_face.jpg': ['obama'],
  'johnsnow_test1.jpg': ['kit_harington'],
  'kit_with_rose.jpg': ['kit_harington', 'rose_leslie'],
  'obama_and_biden.jpg': ['obama', 'biden'],
  'two_people.jpg': ['obama', 'biden'],
  'lin-manuel-miranda.png': [],
};

export function facesAvailable(): boolean {
  return existsSync(path.join(FACES_DIR, 'portraits'));
}

export function labelledPhotos(): LabelledPhoto[] {
  const out: LabelledPhoto[] = [];
  for (const set of ['portraits', 'people'] as const) {
    for (const who of readdirSync(path.join(FACES_DIR, set)).sort()) {
      for (const f of readdirSync(path.join(FACES_DIR, set, who)).sort()) out.push({ file: path.join(FACES_DIR, set, who, f), identities: [who], set });
    }
  }
  for (const [f, ids] of Object.entries(PROBES)) out.push({ file: path.join(FACES_DIR, 'probes', f), identities: ids, set: 'probes' });
  return out;
}

export function groupPhotos(): string[] {
  return readdirSync(path.join(FACES_DIR, 'groups')).sort().map((f) => path.join(FACES_DIR, 'groups', f));
}
