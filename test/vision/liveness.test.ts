import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { applyHomography, assessBurst, eyeAspectRatio, challengeFrames, fitHomography, relativePose, type FaceFrame, type Homography } from '../../src/vision/liveness.ts';
import { rotatedMesh } from '../meshMotion.ts';
import type { Point } from '../../src/vision/align.ts';

// A real face mesh (Human on a real photo, with its depth estimate), moved synthetically.
const { mesh } = JSON.parse(readFileSync('test/fixtures/mesh.json', 'utf8')) as { mesh: number[] };
const n = mesh.length / 3;
const centre = [0, 1, 2].map((k) => mesh.filter((_, i) => i % 3 === k).reduce((a, b) => a + b, 0) / n) as [number, number, number];

/** The head turned by yaw degrees (or, flat, a photo of it turned), seen by a pinhole camera. */
function turned(yawDeg: number, flat = false): FaceFrame {
  const a = (yawDeg * Math.PI) / 180;
  const f = 1200;
  const out = new Float32Array(mesh.length);
  for (let i = 0; i < n; i++) {
    const x = (mesh[3 * i] as number) - centre[0], y = (mesh[3 * i + 1] as number) - centre[1];
    const z = flat ? 0 : (mesh[3 * i + 2] as number) - centre[2];
    const X = Math.cos(a) * x + Math.sin(a) * z;
    const Z = -Math.sin(a) * x + Math.cos(a) * z + f;
    out[3 * i] = (f * X) / Z + centre[0];
    out[3 * i + 1] = (f * y) / Z + centre[1];
    out[3 * i + 2] = z;
  }
  return { mesh: out };
}

/** Eyelids closed: upper lid points moved onto the lower ones. */
function blink(frame: FaceFrame): FaceFrame {
  const m = Float32Array.from(frame.mesh);
  for (const [up, low] of [[159, 145], [158, 153], [386, 374], [385, 380]] as const) {
    m[3 * up + 1] = (m[3 * low + 1] as number) - 0.5;
    m[3 * up] = m[3 * low] as number;
  }
  return { mesh: m };
}

const sweep = (deg: number, flat = false) => [0, deg / 2, deg, deg / 2, 0].map((d) => turned(d, flat));

test('property: fitHomography recovers any moderate perspective transform', () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: -0.2, max: 0.2, noNaN: true }), { minLength: 8, maxLength: 8 }), (e) => {
      const h = [1 + (e[0] as number), e[1], 50 * (e[2] as number), e[3], 1 + (e[4] as number), 50 * (e[5] as number), (e[6] as number) / 500, (e[7] as number) / 500, 1] as Homography;
      const src: Point[] = Array.from({ length: 30 }, (_, i) => [(i * 37) % 200, (i * 53) % 200]);
      const fitted = fitHomography(src, src.map((p) => applyHomography(h, p)));
      assert.ok(fitted);
      for (const p of src) {
        const [a, b] = [applyHomography(h, p), applyHomography(fitted, p)];
        assert.ok(Math.hypot(a[0] - b[0], a[1] - b[1]) < 1e-6);
      }
    }),
  );
});

test('a head turning shows parallax; a flat picture turning the same way shows none', () => {
  const head = assessBurst(sweep(20));
  const photo = assessBurst(sweep(20, true));
  assert.ok(head.parallax >= 0.035, `head parallax ${head.parallax}`);
  assert.equal(head.live, true);
  assert.ok(photo.parallax < 0.001, `photo parallax ${photo.parallax}`);
  assert.ok(photo.motion > 0.05, `the photo did move (${photo.motion})`);
  assert.equal(photo.live, false);
  assert.deepEqual(photo.reasons, ['the face moved like a flat picture', 'no blink']);
});

test('a face that does not move and does not blink gives no evidence of life', () => {
  const still = assessBurst([turned(0), turned(0), turned(0), turned(0)]);
  assert.equal(still.live, false);
  assert.deepEqual(still.reasons, ['the face did not move', 'no blink']);
});

test('a blink is seen (closing, then opening again) and counts as life in normal mode', () => {
  const frames = [turned(0), turned(0), blink(turned(0)), turned(0), turned(0)];
  assert.ok(eyeAspectRatio((frames[2] as FaceFrame).mesh) < 0.5 * eyeAspectRatio((frames[0] as FaceFrame).mesh));
  const v = assessBurst(frames);
  assert.equal(v.blinked, true);
  assert.equal(v.live, true);
  assert.equal(assessBurst([turned(0), turned(0), turned(0), blink(turned(0))]).blinked, false, 'eyes that close and never open again are no blink');
});

test('strictness: strict needs depth and a blink; lenient also takes mouth movement', () => {
  const depthOnly = sweep(20);
  assert.equal(assessBurst(depthOnly, { strictness: 'strict', minParallax: 0.035 }).live, false);
  const both = [...depthOnly.slice(0, 3), blink(turned(0)), turned(0)];
  assert.equal(assessBurst(both, { strictness: 'strict', minParallax: 0.035 }).live, true);
  const talking = [0, 1, 2, 3].map((k) => {
    const f = turned(0);
    f.mesh[3 * 14 + 1] = (f.mesh[3 * 14 + 1] as number) + k * 12;
    return f;
  });
  assert.equal(assessBurst(talking, { strictness: 'normal', minParallax: 0.035 }).live, false);
  assert.equal(assessBurst(talking, { strictness: 'lenient', minParallax: 0.035 }).live, true);
});

test('fewer than three frames with a face is not enough', () => {
  assert.deepEqual(assessBurst([turned(0), turned(10)]).reasons, ['too few frames with a face (need 3)']);
});

test('head pose from the image points, against a reference mesh: a turn to the person\'s own left raises yaw, looking up raises pitch, by the angle', () => {
  const ref = rotatedMesh(0);
  for (const deg of [-25, -10, 10, 25]) {
    const yawed = relativePose(ref, rotatedMesh(deg));
    assert.ok(Math.abs(yawed.yaw - deg) < 1, `yaw ${deg}: ${yawed.yaw}`);
    assert.ok(Math.abs(yawed.pitch) < 1, `a turn does not move pitch (${yawed.pitch})`);
    const pitched = relativePose(ref, rotatedMesh(0, deg));
    assert.ok(Math.abs(pitched.pitch - deg) < 1, `pitch ${deg}: ${pitched.pitch}`);
    assert.ok(Math.abs(pitched.yaw) < 1, `looking up does not move yaw (${pitched.yaw})`);
  }
  // Image geometry: turning to the person's left moves the nose tip to the image's right.
  assert.ok((rotatedMesh(20)[3] as number) > (rotatedMesh(0)[3] as number));
});

test('head pose reads only the image points: the depth the model gives a turned face does not matter, nor do the jaw and eyelids', () => {
  const ref = rotatedMesh(0);
  const flatDepth = rotatedMesh(20).map((v, i) => (i % 3 === 2 ? (ref[i] as number) : v));
  assert.ok(Math.abs(relativePose(ref, flatDepth).yaw - 20) < 1);
  // The mouth opens: every point below the base of the nose drops by a fifth of the face's height.
  const h = (ref[3 * 152 + 1] as number) - (ref[3 * 10 + 1] as number);
  const open = ref.map((v, i) => (i % 3 === 1 && v > (ref[3 * 2 + 1] as number) ? v + 0.2 * h : v));
  const pose = relativePose(ref, open);
  assert.ok(Math.abs(pose.pitch) < 0.5 && Math.abs(pose.yaw) < 0.5, JSON.stringify(pose));
});

test('the burst for the challenge checker: poses relative to the frame nearest the prompt', () => {
  const frames = [-400, -200, 0, 200, 400].map((t, k) => ({ at: 1000 + t, mesh: rotatedMesh(5 + 5 * k), match: true }));
  const out = challengeFrames(frames, 1000);
  assert.deepEqual(out.map((f) => Math.round(f.yaw) + 0), [-10, -5, 0, 5, 10]);
  assert.deepEqual(out.map((f) => f.at), [600, 800, 1000, 1200, 1400]);
  assert.equal(challengeFrames([], 1000).length, 0);
});
