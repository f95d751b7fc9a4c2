// What a 640x480 door camera sees of a face, live or presented: the genuine head in front of a
// wall; a printed photo (paper, bent, held still or moved by hand); a phone or tablet screen
// (bezel, pixel grid that beats with the camera's into moiré, glare, hand shake). Everything is
// deterministic in the frame time, so the attack set is the same on every run.
import type { RgbImage } from '../src/vision/decode.ts';
import { tiltHomography, warpPerspective } from './attackFrames.ts';

export const FRAME_W = 640, FRAME_H = 480;
const WALL = 110;

/** A small deterministic noise in [-1, 1]: the same pixel and seed give the same value. */
function hash(x: number, y: number, seed: number): number {
  let h = (Math.imul(x, 374761393) + Math.imul(y, 668265263) + Math.imul(seed, 2246822519)) | 0;
  h = Math.imul(h ^ (h >>> 13), 1274126177);
  return (((h ^ (h >>> 16)) >>> 0) / 4294967295) * 2 - 1;
}

const clamp = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : Math.round(v));

/** Bilinear sample of channel c at (x, y); undefined outside. */
function sample(img: RgbImage, x: number, y: number, c: number): number | undefined {
  const x0 = Math.floor(x), y0 = Math.floor(y);
  if (x0 < 0 || y0 < 0 || x0 + 1 >= img.width || y0 + 1 >= img.height) return undefined;
  const fx = x - x0, fy = y - y0, w = img.width, d = img.data;
  const a = (y0 * w + x0) * 3 + c;
  return (d[a] as number) * (1 - fx) * (1 - fy) + (d[a + 3] as number) * fx * (1 - fy) + (d[a + 3 * w] as number) * (1 - fx) * fy + (d[a + 3 * w + 3] as number) * fx * fy;
}

function blank(): RgbImage {
  const data = new Uint8Array(FRAME_W * FRAME_H * 3);
  for (let y = 0; y < FRAME_H; y++) {
    for (let x = 0; x < FRAME_W; x++) data.fill(clamp(WALL + 18 * (y / FRAME_H - 0.5) + 2 * hash(x >> 3, y >> 3, 1)), (y * FRAME_W + x) * 3, (y * FRAME_W + x) * 3 + 3);
  }
  return { data, width: FRAME_W, height: FRAME_H };
}

/** Camera noise, different in every frame. */
function sensor(img: RgbImage, seed: number, amount = 3): RgbImage {
  const d = img.data;
  for (let i = 0; i < d.length; i++) d[i] = clamp((d[i] as number) + amount * hash(i, seed, 7));
  return img;
}

/** Where a picture of `scale` lands: centred, its eyes (at eyeY of its height) at 42 % of the frame. */
function placement(src: RgbImage, scale: number, eyeY: number, dx = 0, dy = 0) {
  const w = src.width * scale, h = src.height * scale;
  return { x0: FRAME_W / 2 - w / 2 + dx, y0: FRAME_H * 0.42 - eyeY * h + dy, w, h };
}

/** The live person: the photo's head and shoulders in front of the wall, swaying a little. */
export function genuineFrame(head: RgbImage, eyeY: number, scale: number, t: number, seed: number): RgbImage {
  const out = blank();
  const p = placement(head, scale, eyeY, 3 * Math.sin(t / 700 + seed), 2 * Math.sin(t / 900 + 2 * seed));
  for (let y = Math.max(0, Math.floor(p.y0)); y < Math.min(FRAME_H, p.y0 + p.h); y++) {
    for (let x = Math.max(0, Math.floor(p.x0)); x < Math.min(FRAME_W, p.x0 + p.w); x++) {
      for (let c = 0; c < 3; c++) {
        const v = sample(head, (x - p.x0) / scale, (y - p.y0) / scale, c);
        if (v !== undefined) out.data[(y * FRAME_W + x) * 3 + c] = clamp(v);
      }
    }
  }
  return sensor(out, seed * 1000 + t);
}

export type Hold = 'still' | 'hand';

/** How a hand holds a picture at time t: a tilt (degrees) and a shift (pixels). */
function handPose(hold: Hold, t: number, seed: number, strength: number) {
  if (hold === 'still') return { yaw: 0.3 * Math.sin(t / 500 + seed), pitch: 0.2 * Math.sin(t / 650), dx: 0.5 * Math.sin(t / 300 + seed), dy: 0.4 * Math.sin(t / 410) };
  return { yaw: strength * Math.sin(t / 600 + seed), pitch: (strength / 2) * Math.sin(t / 830 + 1), dx: 10 * Math.sin(t / 520 + seed), dy: 6 * Math.sin(t / 740) };
}

/** The frame with the picture drawn flat by `draw`, then tilted and moved as the hand holds it. */
function held(draw: (out: RgbImage) => void, hold: Hold, t: number, seed: number, strength: number): RgbImage {
  const flat = blank();
  draw(flat);
  const h = handPose(hold, t, seed, strength);
  const tilted = warpPerspective(flat, tiltHomography(FRAME_W, FRAME_H, h.yaw, h.pitch, h.dx));
  // The wall does not move with the picture: put it back where the warp left its grey.
  const wall = blank();
  for (let i = 0; i < tilted.data.length; i += 3) {
    if (tilted.data[i] === WALL && tilted.data[i + 1] === WALL && tilted.data[i + 2] === WALL) tilted.data.set(wall.data.subarray(i, i + 3), i);
  }
  if (h.dy) {
    const shift = Math.round(h.dy) * FRAME_W * 3;
    const copy = Uint8Array.from(tilted.data);
    tilted.data.set(shift > 0 ? copy.subarray(0, copy.length - shift) : copy.subarray(-shift), Math.max(0, shift));
  }
  return sensor(tilted, seed * 1000 + t);
}

/** A printed photo: paper margin, lower contrast and saturation, paper grain, a slight bend. */
export function printFrame(photo: RgbImage, eyeY: number, scale: number, hold: Hold, t: number, seed: number): RgbImage {
  return held(
    (out) => {
      const margin = 0.06 * photo.width * scale;
      const p = placement(photo, scale, eyeY);
      for (let y = Math.max(0, Math.floor(p.y0 - margin)); y < Math.min(FRAME_H, p.y0 + p.h + margin); y++) {
        for (let x = Math.max(0, Math.floor(p.x0 - margin)); x < Math.min(FRAME_W, p.x0 + p.w + margin); x++) {
          const u = (x - p.x0 - p.w / 2) / (p.w / 2 + margin);
          // The bend: the sheet bows back at the sides (darker, and its rows curve).
          const shade = 1 - 0.1 * u * u;
          const sy = (y - p.y0 - 0.02 * p.h * u * u) / scale, sx = (x - p.x0) / scale;
          const grain = 5 * hash(x >> 1, y >> 1, 3) + 3 * hash(x >> 3, y >> 3, 4);
          const rgb = [0, 1, 2].map((c) => sample(photo, sx, sy, c));
          const grey = rgb.every((v) => v !== undefined) ? ((rgb[0] as number) + (rgb[1] as number) + (rgb[2] as number)) / 3 : 0;
          for (let c = 0; c < 3; c++) {
            const v = rgb[c];
            // Ink on paper: 80 % saturation, contrast 0.8 about a lighter middle; white paper outside the picture.
            const ink = v === undefined ? 238 : 30 + 0.8 * (grey + 0.8 * (v - grey));
            out.data[(y * FRAME_W + x) * 3 + c] = clamp((ink + grain) * shade);
          }
        }
      }
    },
    hold,
    t,
    seed,
    18,
  );
}

/**
 * A phone showing the picture: black bezel around the screen; the screen's pixel grid (RGB stripes
 * with a dark matrix, pitch `pitch` camera pixels) sampled 3x finer and averaged to the camera's
 * pixels, which beats into moiré (a quarter of its contrast: the lens blurs the rest); brighter, bluer emissive colour; a glare band that moves.
 */
export function screenFrame(picture: RgbImage, eyeY: number, scale: number, hold: Hold, t: number, seed: number, pitch: number): RgbImage {
  return held(
    (out) => {
      const p = placement(picture, scale, eyeY);
      const side = 0.05 * p.w, top = 0.12 * p.h;
      const SS = 3;
      for (let y = Math.max(0, Math.floor(p.y0 - top)); y < Math.min(FRAME_H, p.y0 + p.h + top); y++) {
        for (let x = Math.max(0, Math.floor(p.x0 - side)); x < Math.min(FRAME_W, p.x0 + p.w + side); x++) {
          const inside = x >= p.x0 && x < p.x0 + p.w && y >= p.y0 && y < p.y0 + p.h;
          const o = (y * FRAME_W + x) * 3;
          if (!inside) {
            // The bezel: near black, a little lighter at the phone's rim.
            const rim = x < p.x0 - side + 2 || x > p.x0 + p.w + side - 3 || y < p.y0 - top + 2 || y > p.y0 + p.h + top - 3;
            out.data.fill(rim ? 70 : 18, o, o + 3);
            continue;
          }
          const acc = [0, 0, 0];
          for (let j = 0; j < SS; j++) {
            for (let i = 0; i < SS; i++) {
              const fx = (x + (i + 0.5) / SS - p.x0) / pitch, fy = (y + (j + 0.5) / SS - p.y0) / pitch;
              const px = Math.floor(fx), py = Math.floor(fy);
              const sub = Math.floor((fx - px) * 3);
              const lit = fy - py < 0.8 ? 1 : 0.15;
              const v = sample(picture, ((px + 0.5) * pitch) / scale, ((py + 0.5) * pitch) / scale, sub) ?? 0;
              acc[sub] = (acc[sub] as number) + 3 * v * lit;
            }
          }
          const u = (x - p.x0) / p.w + (y - p.y0) / p.h;
          const glare = 70 * Math.exp(-(((u - 0.7 - 0.1 * Math.sin(t / 800 + seed)) / 0.12) ** 2));
          for (let c = 0; c < 3; c++) {
            // The lens blurs most of the grid away before the sensor samples it: a quarter of its contrast is left.
            const plain = sample(picture, (x + 0.5 - p.x0) / scale, (y + 0.5 - p.y0) / scale, c) ?? 0;
            const v = 0.75 * plain + (0.25 * (acc[c] as number)) / (SS * SS);
            out.data[o + c] = clamp(1.08 * v + (c === 2 ? 10 : 0) + glare);
          }
        }
      }
    },
    hold,
    t,
    seed,
    4,
  );
}
