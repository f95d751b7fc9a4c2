// The presentation-attack evaluation (ISO/IEC 30107-3 terms): builds the attack set from the shared
// photos, runs every frame through the real face engine, and scores the door's two liveness modes
// on it. Frames are measured once and cached in .cache/eval-attacks (delete it after changing the
// renderers; scoring changes need no rebuild).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { decodeImage, type RgbImage } from '../src/vision/decode.ts';
import { largestFace, type FaceEngine } from '../src/vision/engine.ts';
import { DEFAULT_QUALITY, qualityProblems, type FaceQuality } from '../src/vision/quality.ts';
import { assessBurst, challengeFrames, DEFAULT_LIVENESS } from '../src/vision/liveness.ts';
import { ACTIONS, challengeCount, checkChallenge, type ChallengeAction } from '../src/core/challenge.ts';
import { screenCue } from './screenCue.ts';
import { labelledPhotos } from './faceData.ts';
import { NEUTRAL, posed, type Pose } from './headMotion.ts';
import { genuineFrame, printFrame, screenFrame } from './presentations.ts';

const VERSION = 'v4';
/** Each species' renderer version: bump one to rebuild only its clips. */
const RENDER: Record<Species, string> = { genuine: '.4', print_still: '', print_hand: '', screen_still: '.2', video_replay: '.4' };
const CACHE = path.resolve(import.meta.dirname, '../.cache/eval-attacks', VERSION);

/** Part of the set (a quicker check after a change): another cache folder, some species only. */
export interface AttackSetOptions {
  cacheDir?: string;
  species?: readonly Species[];
}
/** Eye distance of the master crop every clip is made from, pixels. */
const MASTER_IOD = 110;
/** Face sizes at the camera: near (about 50 cm from a 640x480 door camera) and far (about 80 cm). */
export const DISTANCES = { near: 64, far: 40 } as const;
type Distance = keyof typeof DISTANCES;
/** Frame times (ms from the prompt): 5 frames a second, what a small door box analyses. */
const ACT_TIMES = Array.from({ length: 17 }, (_, i) => -400 + 200 * i);
const STILL_TIMES = ACT_TIMES.slice(0, 12);
/** The scripts the genuine people act (and the replays show): every action once first, once second. */
export const SCRIPTS: ChallengeAction[][] = [
  ['turn_left', 'look_up'],
  ['turn_right', 'blink_twice'],
  ['look_up', 'open_mouth'],
  ['blink_twice', 'turn_left'],
  ['open_mouth', 'turn_right'],
];

export const SPECIES = ['genuine', 'print_still', 'print_hand', 'screen_still', 'video_replay'] as const;
export type Species = (typeof SPECIES)[number];
export const SPECIES_NAMES: Record<Species, string> = {
  genuine: 'genuine (bona fide) clips',
  print_still: 'printed photo, held still',
  print_hand: 'printed photo, moved by hand',
  screen_still: 'phone screen showing a photo',
  video_replay: 'phone screen replaying a video',
};

export interface MeasuredFace {
  mesh: number[];
  /** The mesh of the pass with the iris model (the eyes of a challenge that may ask for a blink). */
  irisMesh: number[] | null;
  antispoof: number;
  liveness: number;
  /** Best cosine similarity to the person's enrolment templates. */
  score: number;
  quality: FaceQuality;
  cue: number;
}
export interface MeasuredFrame {
  at: number;
  face: MeasuredFace | null;
}
export interface Clip {
  id: string;
  species: Species;
  person: string;
  distance: Distance;
  script: ChallengeAction[] | null;
  frames: MeasuredFrame[];
}

/** The pose of a person acting `script` at time t: each action ramps up over 600 ms from 400 + 1200 k ms, then eases back as the next begins. */
export function scriptPose(script: readonly ChallengeAction[], t: number): Pose {
  const pose = { ...NEUTRAL };
  script.forEach((action, k) => {
    const on = 400 + 1200 * k;
    const ramp = (x: number) => Math.max(0, Math.min(1, x / 600));
    const a = ramp(t - on) - (k + 1 < script.length ? ramp(t - on - 1200) : 0);
    // What a person does when asked: a turn of about 20 degrees, a look up of about 20, the lips a
    // third of the eye distance apart (the full 0.7 of a yawn, painted, the mesh model reads as shut).
    if (action === 'turn_left') pose.yaw += 20 * a;
    if (action === 'turn_right') pose.yaw -= 20 * a;
    if (action === 'look_up') pose.pitch += 20 * a;
    if (action === 'open_mouth') pose.mouth += 0.5 * a;
    // A blink shuts the eyes for one frame (about 150 ms): at the onset and 400 ms later.
    if (action === 'blink_twice' && (t === on || t === on + 400)) pose.blink = 1;
  });
  return pose;
}

export interface Person {
  name: string;
  master: RgbImage;
  /** Where the eyes are, as a fraction of the master's height. */
  eyeY: number;
  mesh: Float32Array;
  templates: Float32Array[];
}

const cos = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + v * (b[i] as number), 0);

/** The head-and-shoulders crop of a photo, eyes 110 px apart (eyes at 40 % of its height), with its face mesh. */
export async function masterCrop(engine: FaceEngine, file: string): Promise<Pick<Person, 'master' | 'eyeY' | 'mesh'> | null> {
  const srcImg = await decodeImage(await sharp(file).rotate().png().toBuffer());
  const face = largestFace(await engine.analyze(srcImg));
  if (!face) return null;
  const { leftEye, rightEye } = face.landmarks;
  const iod = Math.hypot(rightEye[0] - leftEye[0], rightEye[1] - leftEye[1]);
  const s = MASTER_IOD / iod;
  const w = Math.round(5.5 * MASTER_IOD), h = Math.round(6.5 * MASTER_IOD);
  const cx = ((leftEye[0] + rightEye[0]) / 2) * s, cy = ((leftEye[1] + rightEye[1]) / 2) * s;
  const scaled = await sharp(file).rotate().resize(Math.round(srcImg.width * s)).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  const left = Math.round(cx - w / 2), top = Math.round(cy - 0.4 * h);
  const pad = { top: Math.max(0, -top), left: Math.max(0, -left), bottom: Math.max(0, top + h - scaled.info.height), right: Math.max(0, left + w - scaled.info.width) };
  // Padded first, then cut (in one pipeline sharp cuts before it pads).
  const padded = await sharp(scaled.data, { raw: { width: scaled.info.width, height: scaled.info.height, channels: 3 } })
    .extend({ ...pad, extendWith: 'copy' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const crop = await sharp(padded.data, { raw: { width: padded.info.width, height: padded.info.height, channels: 3 } })
    .extract({ left: left + pad.left, top: top + pad.top, width: w, height: h })
    .raw()
    .toBuffer();
  const master: RgbImage = { data: new Uint8Array(crop), width: w, height: h };
  // The clips are rendered along the mesh with the iris model's eye outlines (their lids are what a rendered blink closes).
  const mf = largestFace(await engine.analyze(master, { eyes: true }));
  return mf ? { master, eyeY: 0.4, mesh: mf.irisMesh ?? mf.mesh } : null;
}

/** A person of the shared set: the crop of their first photo acts, the rest of their photos enrol them. */
export async function preparePerson(engine: FaceEngine, name: string): Promise<Person | null> {
  const photos = labelledPhotos().filter((p) => p.identities.length === 1 && p.identities[0] === name);
  const source = photos.find((p) => p.set === 'people');
  if (!source) return null;
  const crop = await masterCrop(engine, source.file);
  if (!crop) return null;
  const templates: Float32Array[] = [];
  for (const p of photos.filter((x) => x.file !== source.file)) {
    const f = largestFace(await engine.analyze(await decodeImage(readFileSync(p.file))));
    if (f) templates.push(f.embedding);
  }
  if (!templates.length) return null;
  return { name, ...crop, templates };
}

async function measure(engine: FaceEngine, person: Person, frame: RgbImage, at: number): Promise<MeasuredFrame> {
  // Every clip is read as a door that may ask for a blink reads its challenge frames: with eyes.
  const f = largestFace(await engine.analyze(frame, { eyes: true }));
  if (!f) return { at, face: null };
  const round = (m: Float32Array) => Array.from(m, (v) => Math.round(v * 10) / 10);
  return {
    at,
    face: {
      mesh: round(f.mesh),
      irisMesh: f.irisMesh && round(f.irisMesh),
      antispoof: f.antispoof,
      liveness: f.liveness,
      score: Math.max(...person.templates.map((t) => cos(t, f.embedding))),
      quality: f.quality,
      cue: screenCue(frame, f.box),
    },
  };
}

/** Builds (or reads from the cache) every clip of the attack set. */
export async function buildAttackSet(engine: FaceEngine, log: (s: string) => void, opts: AttackSetOptions = {}): Promise<Clip[]> {
  const cache = opts.cacheDir ? path.resolve(opts.cacheDir, VERSION) : CACHE;
  mkdirSync(cache, { recursive: true });
  const people = [...new Set(labelledPhotos().filter((p) => p.set === 'people').map((p) => p.identities[0] as string))].sort();
  const clips: Clip[] = [];
  let built = 0;
  // A second process may build from the other end (VIGIL_ATTACK_REVERSE=1); each skips what the other wrote.
  const order = process.env.VIGIL_ATTACK_REVERSE ? [...people].reverse() : people;
  for (const name of order) {
    const index = people.indexOf(name);
    let person: Person | null | undefined;
    for (const distance of Object.keys(DISTANCES) as Distance[]) {
      const scale = DISTANCES[distance] / MASTER_IOD;
      const specs: Array<{ species: Species; script: ChallengeAction[] | null; render: (t: number, seed: number) => RgbImage }> = [];
      const still = () => (person as Person).master;
      const acted = (script: ChallengeAction[]) => (t: number) => posed((person as Person).master, (person as Person).mesh, scriptPose(script, t));
      // The screen's pixel pitch in camera pixels: a phone's grid is finer than the camera's, and beats with it.
      const pitch = distance === 'near' ? 0.7 : 0.45;
      // Three scripts a person near, one far, rotating so that every script is acted by several people
      // (a clip costs about 17 analysed frames; the set has to build on a small machine).
      const scripts = (distance === 'near' ? [0, 1, 2] : [3]).map((k) => SCRIPTS[(index + k) % SCRIPTS.length] as ChallengeAction[]);
      for (const script of scripts) {
        specs.push({ species: 'genuine', script, render: (t, seed) => genuineFrame(acted(script)(t), 0.4, scale, t, seed) });
        specs.push({ species: 'video_replay', script, render: (t, seed) => screenFrame(acted(script)(t), 0.4, scale, 'hand', t, seed, pitch) });
      }
      specs.push({ species: 'print_still', script: null, render: (t, seed) => printFrame(still(), 0.4, scale, 'still', t, seed) });
      specs.push({ species: 'print_hand', script: null, render: (t, seed) => printFrame(still(), 0.4, scale, 'hand', t, seed) });
      specs.push({ species: 'screen_still', script: null, render: (t, seed) => screenFrame(still(), 0.4, scale, 'hand', t, seed, pitch) });
      for (const [k, spec] of specs.entries()) {
        if (opts.species && !opts.species.includes(spec.species)) continue;
        const id = `${spec.species}${RENDER[spec.species]}-${name}-${distance}-${spec.script?.join('+') ?? 'none'}`;
        const file = path.join(cache, `${id}.json`);
        if (existsSync(file)) {
          clips.push(JSON.parse(readFileSync(file, 'utf8')) as Clip);
          continue;
        }
        person ??= await preparePerson(engine, name);
        if (!person) break;
        const frames: MeasuredFrame[] = [];
        for (const t of spec.script ? ACT_TIMES : STILL_TIMES) frames.push(await measure(engine, person, spec.render(t, k + 1), t));
        const clip: Clip = { id, species: spec.species, person: name, distance, script: spec.script, frames };
        writeFileSync(file, JSON.stringify(clip));
        clips.push(clip);
        if (++built % 5 === 0) log(`  built ${built} clips`);
      }
    }
  }
  return clips;
}

/** The door's settings the scoring follows (the shipped defaults). */
export interface DoorModel {
  matchThreshold: number;
  minAntispoof: number;
  minLiveness: number;
  burstFrames: number;
  /** Passive screen/print cue: frames above it are refused; Infinity = off. */
  maxCue: number;
}

const usable = (f: MeasuredFace | null): f is MeasuredFace => !!f && qualityProblems(f.quality, DEFAULT_QUALITY).length === 0;
const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / Math.max(1, a.length);

/** Passive mode as the face session runs it: matching frames in order, judged over the last two bursts once there are enough. */
export function passivePasses(clip: Clip, m: DoorModel): boolean {
  const matched: MeasuredFace[] = [];
  for (const fr of clip.frames) {
    if (!usable(fr.face) || fr.face.score < m.matchThreshold) continue;
    matched.push(fr.face);
    if (matched.length < m.burstFrames) continue;
    const burst = matched.slice(-2 * m.burstFrames);
    const v = assessBurst(burst.map((f) => ({ mesh: Float32Array.from(f.mesh) })), DEFAULT_LIVENESS);
    const single = mean(burst.map((f) => f.antispoof)) >= m.minAntispoof && mean(burst.map((f) => f.liveness)) >= m.minLiveness;
    if (v.live && single && burst.every((f) => f.cue <= m.maxCue)) return true;
  }
  return false;
}

/** Challenge mode: the burst's usable frames against one challenge (prompt shown at time 0), plus the single-frame gate. */
export function challengePasses(clip: Clip, actions: ChallengeAction[], m: DoorModel): { pass: boolean; reason: string } {
  const faces = clip.frames.filter((fr): fr is MeasuredFrame & { face: MeasuredFace } => usable(fr.face));
  const r = checkChallenge({ actions, promptedAt: 0 }, challengeFrames(faces.map((fr) => ({ at: fr.at, mesh: Float32Array.from(fr.face.mesh), irisMesh: fr.face.irisMesh && Float32Array.from(fr.face.irisMesh), match: fr.face.score >= m.matchThreshold })), 0));
  if (!r.pass) return { pass: false, reason: r.failure };
  const action = faces.filter((fr) => fr.at >= 0 && fr.at <= r.doneMs);
  if (mean(action.map((f) => f.face.antispoof)) < m.minAntispoof || mean(action.map((f) => f.face.liveness)) < m.minLiveness) return { pass: false, reason: 'single_frame' };
  if (action.some((f) => f.face.cue > m.maxCue)) return { pass: false, reason: 'screen_cue' };
  return { pass: true, reason: 'pass' };
}

/** Every challenge of `steps` actions (a random prompt is one of them, equally likely). */
export function allChallenges(steps: number): ChallengeAction[][] {
  let out: ChallengeAction[][] = [[]];
  for (let k = 0; k < steps; k++) out = out.flatMap((c) => ACTIONS.filter((a) => a !== c[c.length - 1]).map((a) => [...c, a]));
  return out;
}

export { challengeCount };
