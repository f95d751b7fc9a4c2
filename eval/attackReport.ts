// Prints the presentation-attack report of `npm run eval:faces`: APCER per species and BPCER for
// the door's passive and challenge modes, the passive screen cue's trade-off, and what the
// lockout makes of an attacker's odds.
import Value from 'typebox/value';
import { DoorConfigSchema, type DoorConfig } from '../src/config/schema.ts';
import type { FaceEngine } from '../src/vision/engine.ts';
import { allChallenges, buildAttackSet, challengePasses, DISTANCES, passivePasses, SPECIES, SPECIES_NAMES, type AttackSetOptions, type Clip, type DoorModel } from './attacks.ts';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
/** The shipped door defaults. */
export const DOOR_DEFAULTS = Value.Default(DoorConfigSchema, { id: 'eval', name: 'eval' }) as DoorConfig;
const def = (k: 'maxFailures' | 'lockout' | 'lockoutMax' | 'faceWindow') => DOOR_DEFAULTS[k];

/** Expected attempts and seconds until a first success with probability p per attempt, given the lockout. */
export function attackerEffort(p: number, door = { maxFailures: def('maxFailures'), lockout: def('lockout'), lockoutMax: def('lockoutMax'), attemptSeconds: def('faceWindow') }) {
  if (p <= 0) return { attempts: Infinity, seconds: Infinity, perCycle: 0 };
  let seconds = 0, stillOut = 1, clock = 0;
  for (let n = 1; n < 1e6 && stillOut > 1e-12; n++) {
    clock += door.attemptSeconds;
    seconds += stillOut * p * clock;
    stillOut *= 1 - p;
    if (n % door.maxFailures === 0) clock += Math.min(door.lockoutMax, door.lockout * 2 ** (n / door.maxFailures - 1));
  }
  return { attempts: 1 / p, seconds, perCycle: 1 - (1 - p) ** door.maxFailures };
}

const duration = (s: number) => (!Number.isFinite(s) ? 'never on this set' : s < 120 ? `${s.toFixed(0)} s` : s < 7200 ? `${(s / 60).toFixed(0)} min` : `${(s / 3600).toFixed(1)} h`);

export async function attackReport(engine: FaceEngine, model: Omit<DoorModel, 'maxCue'>, opts: AttackSetOptions = {}): Promise<void> {
  const t0 = Date.now();
  const clips = await buildAttackSet(engine, (s) => console.log(s), opts);
  const present = SPECIES.filter((s) => clips.some((c) => c.species === s));
  const people = new Set(clips.map((c) => c.person)).size;
  console.log(`\n## Presentation attacks (ISO/IEC 30107-3): ${clips.length} clips of ${people} people, at ${Object.entries(DISTANCES).map(([k, v]) => `${k} (${v} px between the eyes)`).join(' and ')}, 5 frames a second (${((Date.now() - t0) / 1000).toFixed(0)} s incl. cache)`);
  console.log(`door: match >= ${model.matchThreshold}, single-frame antispoof >= ${model.minAntispoof} and liveness >= ${model.minLiveness}, passive burst of ${model.burstFrames}; lockout after ${def('maxFailures')} failures, ${def('lockout')} s doubling to ${def('lockoutMax')} s`);
  console.log('genuine clips: the person\'s photo warped along its face mesh (head turns, eyelids shut, jaw dropped), acting two prompted actions; replays show those clips on a phone screen.');

  const cueOff: DoorModel = { ...model, maxCue: Infinity };
  const genuine = clips.filter((c) => c.species === 'genuine');
  // The cue's threshold: just above every genuine frame seen (BPCER 0 on the set), to see what it buys.
  const genuineCues = genuine.flatMap((c) => c.frames.flatMap((f) => (f.face ? [f.face.cue] : [])));
  const cueLimit = Math.max(...genuineCues) * 1.05;
  const cueOn: DoorModel = { ...model, maxCue: cueLimit };

  const rate = (list: Clip[], f: (c: Clip) => number) => list.reduce((s, c) => s + f(c), 0) / Math.max(1, list.length);
  const challengeRate = (c: Clip, steps: number, m: DoorModel) => {
    const all = allChallenges(steps);
    return all.filter((a) => challengePasses(c, a, m).pass).length / all.length;
  };
  console.log('\nspecies                          clips  passive  challenge(1)  challenge(2)  | with screen cue: passive  challenge(2)');
  const rows: Array<{ species: string; passive: number; c1: number; c2: number; c2cue: number }> = [];
  for (const s of present) {
    const list = clips.filter((c) => c.species === s);
    if (s === 'genuine') {
      // BPCER: the genuine person asked for the actions they performed.
      const fail = (m: DoorModel, steps: number) => rate(list, (c) => (challengePasses(c, (c.script ?? []).slice(0, steps), m).pass ? 0 : 1));
      const row = { passive: rate(list, (c) => (passivePasses(c, cueOff) ? 0 : 1)), c1: fail(cueOff, 1), c2: fail(cueOff, 2), p2: rate(list, (c) => (passivePasses(c, cueOn) ? 0 : 1)), c2cue: fail(cueOn, 2) };
      console.log(`${'BPCER ' + SPECIES_NAMES[s]}`.padEnd(33) + `${String(list.length).padStart(5)}  ${pct(row.passive).padStart(7)}  ${pct(row.c1).padStart(12)}  ${pct(row.c2).padStart(12)}  | ${pct(row.p2).padStart(24)}  ${pct(row.c2cue).padStart(12)}`);
      continue;
    }
    const row = { species: s, passive: rate(list, (c) => (passivePasses(c, cueOff) ? 1 : 0)), c1: rate(list, (c) => challengeRate(c, 1, cueOff)), c2: rate(list, (c) => challengeRate(c, 2, cueOff)), c2cue: rate(list, (c) => challengeRate(c, 2, cueOn)) };
    const p2 = rate(list, (c) => (passivePasses(c, cueOn) ? 1 : 0));
    rows.push(row);
    console.log(`${'APCER ' + SPECIES_NAMES[s]}`.padEnd(33) + `${String(list.length).padStart(5)}  ${pct(row.passive).padStart(7)}  ${pct(row.c1).padStart(12)}  ${pct(row.c2).padStart(12)}  | ${pct(p2).padStart(24)}  ${pct(row.c2cue).padStart(12)}`);
  }
  console.log('(APCER under a challenge = the share of the equally likely prompts the clip passes, the replay started as the prompt appears: the best timing for the attacker)');

  // Which actions the models see: each genuine clip asked for its first action alone.
  const perAction = new Map<string, { pass: number; n: number }>();
  for (const c of genuine) {
    const first = c.script?.[0];
    if (!first) continue;
    const e = perAction.get(first) ?? { pass: 0, n: 0 };
    e.n++;
    if (challengePasses(c, [first], cueOff).pass) e.pass++;
    perAction.set(first, e);
  }
  console.log(`\ngenuine clips asked for their first action alone (the action is seen): ${[...perAction].map(([a, e]) => `${a} ${e.pass}/${e.n}`).join(', ')}`);
  // Why genuine clips fail: per action, per distance.
  console.log('\ngenuine clips, challenge(2) outcomes by script and distance:');
  for (const c of genuine) {
    const r = challengePasses(c, c.script ?? [], cueOff);
    if (!r.pass) console.log(`  ${c.person} ${c.distance} ${c.script?.join(' then ')}: ${r.reason}`);
  }
  const faceless = clips.map((c) => c.frames.filter((f) => !f.face).length / c.frames.length);
  console.log(`frames without a usable face found: ${pct(faceless.reduce((a, b) => a + b, 0) / faceless.length)}`);

  console.log(`\n### The passive screen cue (2x2 diagonal energy over gradient energy in the face box; limit ${cueLimit.toFixed(3)} = 5 % above the highest genuine frame)`);
  for (const s of present) {
    const cues = clips.filter((c) => c.species === s).flatMap((c) => c.frames.flatMap((f) => (f.face ? [f.face.cue] : []))).sort((a, b) => a - b);
    const q = (p: number) => (cues[Math.min(cues.length - 1, Math.floor(p * cues.length))] ?? NaN).toFixed(3);
    console.log(`  ${SPECIES_NAMES[s].padEnd(32)} median ${q(0.5)}, 5th percentile ${q(0.05)}, max ${q(1)}; frames above the limit ${pct(cues.filter((v) => v > cueLimit).length / Math.max(1, cues.length))}`);
  }

  console.log(`\n### What an attacker needs (per attempt p, the chance within one lockout cycle of ${def('maxFailures')} attempts, and the expected attempts and time until in)`);
  for (const r of rows) {
    for (const [mode, p] of [['passive', r.passive], ['challenge(1)', r.c1], ['challenge(2)', r.c2], ['challenge(2)+cue', r.c2cue]] as const) {
      const e = attackerEffort(p);
      console.log(`  ${SPECIES_NAMES[r.species as keyof typeof SPECIES_NAMES].padEnd(32)} ${mode.padEnd(17)} p ${pct(p).padStart(6)}, per cycle ${pct(e.perCycle).padStart(6)}, ${Number.isFinite(e.attempts) ? e.attempts.toFixed(1).padStart(5) : '    -'} attempts, ${duration(e.seconds)}`);
    }
  }
  const rec = attackerEffort(1 / 5), rec2 = attackerEffort(1 / 20);
  console.log(`  a perfect recording (any one video) under challenge(1): p 20.0%, per cycle ${pct(rec.perCycle)}, ${rec.attempts} attempts, ${duration(rec.seconds)}; under challenge(2): p 5.0%, per cycle ${pct(rec2.perCycle)}, ${rec2.attempts} attempts, ${duration(rec2.seconds)}`);
}
