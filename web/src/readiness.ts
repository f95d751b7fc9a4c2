// "Ready for the door": whether a person has what each door they may use asks for. Pure.
import type { Credential, Door, PersonDetail } from './api.ts';

type Factor = Door['chain'][number][number];

/** Doors from before chains answered only with their mode. */
const MODE_CHAIN: Record<string, Factor[][]> = {
  pin_face: [['pin'], ['face']],
  fob_face: [['fob'], ['face']],
  face_only: [['face']],
  pin_only: [['pin']],
};
const WORD: Record<Factor, string> = { pin: 'PIN', fob: 'fob', finger: 'finger', face: 'face' };
const A: Record<Factor, string> = { pin: 'a PIN', fob: 'a fob', finger: 'a finger', face: 'a face' };

/** Per door the person may use: what its chain asks for, and what this person still lacks (one of each step's alternatives). */
export function readiness(person: Pick<PersonDetail, 'templates' | 'access'>, creds: Credential[], doors: Array<Pick<Door, 'id' | 'name' | 'mode'> & { chain?: Door['chain'] }>, fingers = 0): { ready: boolean; lines: string[] } {
  const has: Record<Factor, boolean> = { face: person.templates.length > 0, pin: creds.some((c) => c.kind === 'pin'), fob: creds.some((c) => c.kind === 'fob'), finger: fingers > 0 };
  const allowed = doors.filter((d) => person.access.doors === null || person.access.doors.includes(d.id));
  if (doors.length && !allowed.length) return { ready: false, lines: ['may use no door'] };
  if (!allowed.length) {
    const ready = has.face && (has.pin || has.fob);
    return { ready, lines: ready ? [] : [`needs ${[!has.face && 'a face', !(has.pin || has.fob) && 'a PIN or fob'].filter(Boolean).join(' and ')}`] };
  }
  const lines = allowed.flatMap((d) => {
    const chain = d.chain?.length ? d.chain : (MODE_CHAIN[d.mode] ?? [['pin'], ['face']]);
    const missing = chain.filter((step) => !step.some((f) => has[f])).map((step) => step.map((f) => A[f]).join(' or '));
    const words = chain.map((step) => step.map((f) => WORD[f]).join(' or ')).join(' + ');
    return missing.length ? [`${d.name} (${words}) needs ${missing.join(' and ')}`] : [];
  });
  return { ready: lines.length === 0, lines };
}
