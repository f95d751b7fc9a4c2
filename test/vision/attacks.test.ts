import { describe, test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { decodeImage, type RgbImage } from '../../src/vision/decode.ts';
import { FaceEngine, type FaceAnalysis } from '../../src/vision/engine.ts';
import { assessBurst } from '../../src/vision/liveness.ts';
import { stillFrames, tiltedFrames } from '../../eval/attackFrames.ts';

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
