import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { decodeImage, type RgbImage } from '../../src/vision/decode.ts';
import { FaceEngine, largestFace, type FaceAnalysis } from '../../src/vision/engine.ts';
import { assessBurst, eyeAspectRatio, mouthAspectRatio } from '../../src/vision/liveness.ts';
import { DEFAULT_CHALLENGE_RULES } from '../../src/core/challenge.ts';
import { stillFrames, tiltedFrames } from '../../eval/attackFrames.ts';
import { NEUTRAL, posed, type Pose } from '../../eval/headMotion.ts';

// Printed-photo attacks made from a real photo, through the real models.
describe('presentation attacks with a photo of an enrolled person', () => {
  let engine: FaceEngine;
  let photo: RgbImage;
  before(async () => {
    engine = await FaceEngine.load();
    const png = await sharp(readFileSync('test/fixtures/faces/people__obama__obama2.jpg')).resize(640, 480, { fit: 'contain', background: '#6e6e6e' }).png().toBuffer();
    photo = await decodeImage(png);
  });

  const track = async (frames: RgbImage[]) => {
    const faces: FaceAnalysis[] = [];
    for (const f of frames) {
      const [face] = await engine.analyze(f);
      if (face) faces.push(face);
    }
    assert.equal(faces.length, frames.length, 'the face is found in every frame');
    return assessBurst(faces);
  };

  test('a photo held still in front of the camera is not live', async () => {
    const v = await track(stillFrames(photo, 6));
    assert.equal(v.live, false);
    assert.ok(v.parallax < 0.01, `parallax ${v.parallax}`);
  });

  test('a photo tilted and moved by hand (up to 15 degrees) moves as a plane and is not live', async () => {
    const v = await track(tiltedFrames(photo, 6, 15));
    assert.ok(v.motion > 0.1, `the picture did move (${v.motion})`);
    assert.ok(v.parallax < 0.035, `parallax ${v.parallax}`);
    assert.equal(v.live, false);
  });
});

// The attack set's genuine clips are photos warped along their face mesh (eval/headMotion.ts): the
// blink, open mouth and look up they show must read as such through the real models, or the
// evaluation's false rejects measure the rendering, not the door.
describe('the synthetic head of the attack set, read by the face engine', () => {
  let engine: FaceEngine;
  before(async () => {
    engine = await FaceEngine.load();
  });

  for (const fixture of ['people__obama__obama2.jpg', 'people__biden__biden2.jpg']) {
    test(`${fixture}: shut eyes read as a blink, open lips (from closed ones) as an open mouth; a look up or a turn as neither`, async () => {
      const png = await sharp(readFileSync(`test/fixtures/faces/${fixture}`)).resize(640, 480, { fit: 'contain', background: '#6e6e6e' }).png().toBuffer();
      const photo = await decodeImage(png);
      // As a door that may ask for a blink reads its frames: with the iris model, whose eye outlines the eyes are read from.
      const face = async (img: RgbImage) => {
        const f = largestFace(await engine.analyze(img, { eyes: true }));
        assert.ok(f?.irisMesh, 'a face is found, with the iris model\'s eyes');
        return { mesh: f.mesh, irisMesh: f.irisMesh, eyes: eyeAspectRatio(f.irisMesh) };
      };
      const neutral = await face(photo);
      const read = async (pose: Partial<Pose>) => {
        const f = await face(posed(photo, neutral.irisMesh, { ...NEUTRAL, ...pose }));
        return { eyes: f.eyes / neutral.eyes, mouth: mouthAspectRatio(f.mesh) - mouthAspectRatio(neutral.mesh) };
      };
      const r = DEFAULT_CHALLENGE_RULES;
      const shut = await read({ blink: 1 });
      assert.ok(shut.eyes < r.eyesClosed, `shut eyes keep ${shut.eyes.toFixed(2)} of their opening`);
      // Opening the mouth is measured from a closed one: obama2 is speaking, lips already apart
      // (ratio 0.39), and the mesh reads his rendered wide-open mouth no wider (see the README).
      if (mouthAspectRatio(neutral.mesh) < 0.2) {
        const open = await read({ mouth: 0.5 });
        assert.ok(open.mouth > r.mouthOpen, `open lips raise the mouth ratio by ${open.mouth.toFixed(2)}`);
      }
      for (const pose of [{ pitch: 20 }, { yaw: 20 }, { yaw: -20 }]) {
        const other = await read(pose);
        assert.ok(other.eyes > r.eyesOpen - 0.1 && other.eyes > r.eyesClosed, `${JSON.stringify(pose)}: eyes keep ${other.eyes.toFixed(2)} of their opening`);
        // Only a rise counts as opening the mouth (an open mouth may read narrower when the head turns).
        assert.ok(other.mouth < r.otherFraction * r.mouthOpen, `${JSON.stringify(pose)}: the mouth ratio rises by ${other.mouth.toFixed(2)}`);
      }
    });
  }
});
