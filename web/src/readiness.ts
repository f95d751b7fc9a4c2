// "Ready for the door": whether a person has what each door they may use asks for. Pure.
import type { Credential, Door, PersonDetail } from './api.ts';

const NEEDS: Record<string, { face: boolean; pin: boolean; fob: boolean; words: string }> = {
  pin_face: { face: true, pin: true, fob: false, words: 'PIN + face' },
  fob_face: { face: true, pin: false, fob: true, words: 'fob + face' },
  face_only: { face: true, pin: false, fob: false, words: 'face' },
  pin_only: { face: false, pin: true, fob: false, words: 'PIN' },
};

/** Per door the person may use: what it asks for, and what this person still lacks. */
export function readiness(person: Pick<PersonDetail, 'templates' | 'access'>, creds: Credential[], doors: Door[]): { ready: boolean; lines: string[] } {
  const has = { face: person.templates.length > 0, pin: creds.some((c) => c.kind === 'pin'), fob: creds.some((c) => c.kind === 'fob') };
  const allowed = doors.filter((d) => person.access.doors === null || person.access.doors.includes(d.id));
  if (doors.length && !allowed.length) return { ready: false, lines: ['may use no door'] };
  if (!allowed.length) {
    const ready = has.face && (has.pin || has.fob);
    return { ready, lines: ready ? [] : [`needs ${[!has.face && 'a face', !(has.pin || has.fob) && 'a PIN or fob'].filter(Boolean).join(' and ')}`] };
  }
  const lines = allowed.flatMap((d) => {
    const need = NEEDS[d.mode] ?? { face: true, pin: true, fob: false, words: d.mode };
    const missing = [need.face && !has.face && 'a face', need.pin && !has.pin && 'a PIN', need.fob && !has.fob && 'a fob'].filter(Boolean);
    return missing.length ? [`${d.name} (${need.words}) needs ${missing.join(' and ')}`] : [];
  });
  return { ready: lines.length === 0, lines };
}

