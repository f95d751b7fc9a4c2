// PIN accepted (as a keypad hands it over) -> lock command, with the enrolled person in view of a real ffmpeg camera: the
// whole door path (credential lookup, the face burst through the engine threads, 1:1 verify,
// the multi-frame liveness check, the access decision, the MQTT lock command). Beside it, in the
// same run, the face engine's time for one 640x480 frame: the unit the door's burst is made of.
// Then a kiosk door in challenge mode: the PIN typed at the kiosk, and the kiosk's frames (10 a
// second) show the person doing what the prompt in the answer asks (eval's synthetic genuine actor:
// the photo warped along its face mesh, moving 400 ms after the prompt, 600 ms an action).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import mqtt from 'mqtt';
import { addPerson, startTestVigil, tmpDir } from '../test/helpers.ts';
import { FACES, makeClip, portrait } from '../test/faceVideos.ts';
import { internalMqtt, mqttClientOptions } from '../src/app.ts';
import { decodeImage } from '../src/vision/decode.ts';
import { heading, ms, row, sleep, summary } from './lib.ts';
import sharp from 'sharp';
import { FaceEngine } from '../src/vision/engine.ts';
import { ACTIONS, PROMPTS, type ChallengeAction } from '../src/core/challenge.ts';
import { allChallenges, DISTANCES, masterCrop, scriptPose } from '../eval/attacks.ts';
import { posed, NEUTRAL, type Pose } from '../eval/headMotion.ts';
import { genuineFrame } from '../eval/presentations.ts';

const RUNS = 60;
const CHALLENGE_RUNS = 40;
/** The kiosk's frame rate, and how long a prompt's actions take to act out. */
const KIOSK_FPS = 10;
const ACT_MS = 3000;
/**
 * The actions the synthetic actor shows so the models see them (eval: turns and look up 4/4; its
 * painted-shut eyelids and open mouth are not seen), so the bench door draws from these.
 */
const BENCH_ACTIONS: ChallengeAction[] = ['turn_left', 'turn_right', 'look_up'];

/** The actions a prompt's words ask for ("Turn your head to your left, then look up"). */
function actionsOf(text: string): ChallengeAction[] {
  return text.split(', then ').map((part) => {
    const a = ACTIONS.find((x) => PROMPTS[x].toLowerCase() === part.toLowerCase());
    if (!a) throw new Error(`unknown action in the prompt: ${part}`);
    return a;
  });
}

/** JPEG frames of the photo in every pose a two-action challenge of the bench's actions passes through, rendered before the clock starts. */
async function actorFrames(file: string): Promise<(pose: Pose) => Uint8Array<ArrayBuffer>> {
  const engine = await FaceEngine.load(1);
  const crop = await masterCrop(engine, file);
  if (!crop) throw new Error(`no face in ${file}`);
  const key = (p: Pose) => JSON.stringify(p);
  const frames = new Map<string, Uint8Array<ArrayBuffer>>();
  const render = async (p: Pose) => {
    if (frames.has(key(p))) return;
    const img = genuineFrame(posed(crop.master, crop.mesh, p), crop.eyeY, DISTANCES.near / 110, 0, 1);
    frames.set(key(p), Uint8Array.from(await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } }).jpeg({ quality: 85 }).toBuffer()));
  };
  await render(NEUTRAL);
  const challenges = allChallenges(2).filter((c) => c.every((a) => BENCH_ACTIONS.includes(a)));
  for (const actions of challenges) for (let t = 0; t <= ACT_MS; t += 1000 / KIOSK_FPS) await render(scriptPose(actions, t));
  return (p) => frames.get(key(p)) ?? (frames.get(key(NEUTRAL)) as Uint8Array<ArrayBuffer>);
}

async function main() {
  const clips = tmpDir();
  const clip = await makeClip(path.join(clips.dir, 'amy.mp4'), { main: [3, 4, 5].map((n) => portrait('amy', n)) });
  const door = (id: string, preRoll: number) => ({ id, name: id, preRoll, tailgateWindow: 0, unlockSeconds: 0.2, camera: { input: clip, loop: true }, lock: { type: 'mqtt' } });
  // Challenge mode (the default on a kiosk door); a bench run that fails must not lock the next ones out.
  const kioskDoor = { id: 'kiosk', name: 'kiosk', kiosk: true, preRoll: 1, tailgateWindow: 0, unlockSeconds: 0.2, maxFailures: 100, challengeActions: BENCH_ACTIONS, lock: { type: 'mqtt' } };
  // The actor: a full photo (the 150-pixel portraits are too small to act from), enrolled from itself.
  const actor = path.join(FACES, 'people__obama__obama2.jpg');
  const pose = await actorFrames(actor);
  const v = await startTestVigil({ env: { VIGIL_VISION_WORKERS: '2' }, file: { doors: [door('preroll', 1), door('cold', 0), kioskDoor] } });
  try {
    const admin = await v.client();
    const amy = await addPerson(admin, 'amy', [portrait('amy', 1), portrait('amy', 2)]);
    await admin.request('PUT', `/api/people/${amy}/pin`, { pin: '4711' });
    const obama = await addPerson(admin, 'obama', [actor]);
    await admin.request('PUT', `/api/people/${obama}/pin`, { pin: '2580' });
    const terminal = (id: string) => {
      const t = v.vigil.doors.terminal(id);
      if (!t) throw new Error(`no door ${id}`);
      return t;
    };
    await v.vigil.faces.warm();

    const login = internalMqtt(v.config, Number(new URL(v.vigil.mqttUrl).port));
    const lock = await mqtt.connectAsync(login.url, mqttClientOptions(login));
    await lock.subscribeAsync('vigil/door/+/lock/set');
    let waiting: ((t: number) => void) | null = null;
    lock.on('message', (_topic, payload) => payload.toString() === 'UNLOCK' && waiting?.(performance.now()));

    // Baseline: one frame of the same clip through the same engine threads.
    const still = await decodeImage(execFileSync('ffmpeg', ['-v', 'error', '-i', clip, '-frames:v', '1', '-f', 'image2pipe', '-vcodec', 'png', '-']));
    const single: number[] = [];
    for (let i = 0; i < 33; i++) {
      const t = performance.now();
      await v.vigil.faces.analyze(still);
      if (i >= 3) single.push(performance.now() - t);
    }

    heading(`Door: PIN accepted -> lock command, person in view (${RUNS} runs each, real ffmpeg camera at 10 fps, 2 engine threads)`);
    row('', 'p50', 'p95', 'max');
    const s1 = summary(single);
    row('baseline: one 640x480 frame through the engine', ms(s1.p50), ms(s1.p95), ms(s1.max));
    for (const id of ['preroll', 'cold'] as const) {
      const samples: number[] = [];
      let denied = 0;
      for (let i = 0; i < RUNS; i++) {
        const unlocked = new Promise<number>((resolve, reject) => {
          waiting = resolve;
          setTimeout(() => reject(new Error('no unlock in 6 s')), 6000);
        });
        const t0 = performance.now();
        await terminal(id).credential('pin', '4711', 'keypad');
        try {
          samples.push((await unlocked) - t0);
        } catch {
          denied++;
        }
        waiting = null;
        await sleep(250);
      }
      const s = summary(samples);
      const label = id === 'preroll' ? 'PIN -> UNLOCK, face in view (1 s pre-roll)' : 'PIN -> UNLOCK, only frames after the PIN';
      row(label, ms(s.p50), ms(s.p95), ms(s.max));
      if (denied) row(`  runs without an unlock`, String(denied));
    }
    console.log('  target: p95 < 800 ms including the liveness burst (5 frames)');

    // Challenge mode: the kiosk posts frames all the time; after the PIN they act out the prompt.
    const token = (await admin.json<{ token: string }>('POST', '/api/doors/kiosk/token')).token;
    const kiosk = (url: string, body: Uint8Array<ArrayBuffer> | string, type: string) => fetch(`${v.base}${url}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': type }, body });
    let acting: { actions: ChallengeAction[]; from: number } | null = null;
    let posting = false;
    const pump = setInterval(() => {
      if (posting) return; // a kiosk drops frames the server has not taken yet
      posting = true;
      const p = acting ? scriptPose(acting.actions, performance.now() - acting.from) : NEUTRAL;
      void kiosk('/api/terminal/frame', pose(p), 'image/jpeg')
        .then((r) => r.body?.cancel())
        .finally(() => (posting = false));
    }, 1000 / KIOSK_FPS);
    await sleep(1500);
    // Why a run got no unlock: the challenge's reason, as the log has it.
    const reasons = new Map<string, number>();
    v.vigil.bus.on('log.appended', (e) => {
      if (e.type !== 'Denied' || e.doorId !== 'kiosk') return;
      const why = String(e.details.liveness ?? e.details.reason).replace(/[0-9]+/g, 'n');
      reasons.set(why, (reasons.get(why) ?? 0) + 1);
    });
    const samples: number[] = [];
    let denied = 0;
    for (let i = 0; i < CHALLENGE_RUNS; i++) {
      const unlocked = new Promise<number>((resolve, reject) => {
        waiting = resolve;
        setTimeout(() => reject(new Error('no unlock in 8 s')), 8000);
      });
      const t0 = performance.now();
      const answer = (await (await kiosk('/api/terminal/credential', JSON.stringify({ factor: 'pin', value: '2580' }), 'application/json')).json()) as { prompt?: string };
      // The person reads the prompt from the answer and starts acting (400 ms later, in scriptPose).
      acting = { actions: actionsOf(answer.prompt ?? ''), from: performance.now() };
      try {
        samples.push((await unlocked) - t0);
      } catch {
        denied++;
      }
      waiting = null;
      acting = null;
      await sleep(1500);
    }
    clearInterval(pump);
    const c = summary(samples);
    row(`PIN -> UNLOCK, challenge of 2 actions (kiosk, ${BENCH_ACTIONS.join('/')})`, ms(c.p50), ms(c.p95), ms(c.max));
    row(`  runs without an unlock`, `${denied} of ${CHALLENGE_RUNS}`);
    for (const [why, n] of reasons) console.log(`    ${n} x ${why}`);
    console.log('  target: p95 < 2.5 s with a challenge (the person has to act: the actor starts 400 ms after the prompt, the second action 1.6 s after it)');
    await lock.endAsync();
  } finally {
    await v.stop();
    clips.cleanup();
  }
}

await main();
