// Pictures of the attack set for the README: one person's genuine clip (neutral, turned, looking
// up, the synthetic blink and open mouth) and each presentation species as
// the door camera sees it. `node --import tsx eval/attackPictures.ts out.png`
import sharp from 'sharp';
import type { RgbImage } from '../src/vision/decode.ts';
import { FaceEngine } from '../src/vision/engine.ts';
import { DISTANCES, preparePerson, scriptPose } from './attacks.ts';
import { NEUTRAL, posed } from './headMotion.ts';
import { genuineFrame, printFrame, screenFrame } from './presentations.ts';

const [out = 'docs/liveness-attacks.png', who = 'obama'] = process.argv.slice(2);
const engine = await FaceEngine.load(1);
const person = await preparePerson(engine, who);
if (!person) throw new Error(`cannot prepare ${who}`);
const scale = DISTANCES.near / 110;
const act = (t: number) => posed(person.master, person.mesh, scriptPose(['turn_left', 'look_up'], t));
const frames: Array<[string, RgbImage]> = [
  ['genuine, neutral', genuineFrame(act(0), 0.4, scale, 0, 1)],
  ['genuine, turned left', genuineFrame(act(1200), 0.4, scale, 1200, 1)],
  ['genuine, looking up', genuineFrame(act(2400), 0.4, scale, 2400, 1)],
  ['print, held still', printFrame(person.master, 0.4, scale, 'still', 0, 2)],
  ['print, moved by hand', printFrame(person.master, 0.4, scale, 'hand', 700, 3)],
  ['phone replaying the clip', screenFrame(act(1200), 0.4, scale, 'hand', 1200, 4, 0.7)],
  ['genuine, eyes shut (synthetic)', genuineFrame(posed(person.master, person.mesh, { ...NEUTRAL, blink: 1 }), 0.4, scale, 0, 1)],
  ['genuine, mouth open (synthetic)', genuineFrame(posed(person.master, person.mesh, scriptPose(['open_mouth'], 1200)), 0.4, scale, 0, 1)],
  ['phone showing the photo', screenFrame(person.master, 0.4, scale, 'hand', 0, 5, 0.7)],
];
const tiles = await Promise.all(
  frames.map(async ([label, f]) => {
    const svg = Buffer.from(`<svg width="640" height="40"><rect width="640" height="40" fill="#000"/><text x="12" y="28" font-size="24" font-family="sans-serif" fill="#fff">${label}</text></svg>`);
    return sharp(Buffer.from(f.data), { raw: { width: f.width, height: f.height, channels: 3 } }).composite([{ input: svg, top: 440, left: 0 }]).png().toBuffer();
  }),
);
const sheet = await sharp({ create: { width: 640 * 3, height: 480 * 3, channels: 3, background: '#000' } })
  .composite(tiles.map((input, i) => ({ input, left: (i % 3) * 640, top: Math.floor(i / 3) * 480 })))
  .png()
  .toBuffer();
await sharp(sheet).resize(1200).jpeg({ quality: 80 }).toFile(out);
console.log(`wrote ${out}`);
process.exit(0);
