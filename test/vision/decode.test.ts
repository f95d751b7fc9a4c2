import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { decodeImage, ImageError } from '../../src/vision/decode.ts';

const portrait = readFileSync('test/fixtures/faces/portraits__amy__amy1.png');

async function refused(buf: Buffer, code: string, status: number, limits?: Parameters<typeof decodeImage>[1]) {
  await assert.rejects(decodeImage(buf, limits), (err: unknown) => err instanceof ImageError && err.code === code && err.status === status);
}

test('PNG, JPEG and WebP decode to upright RGB', async () => {
  for (const fmt of ['png', 'jpeg', 'webp'] as const) {
    const buf = await sharp(portrait).toFormat(fmt).toBuffer();
    const img = await decodeImage(buf);
    assert.equal(img.width, 150);
    assert.equal(img.height, 150);
    assert.equal(img.data.length, 150 * 150 * 3);
  }
  const grey = await sharp(portrait).greyscale().png().toBuffer();
  assert.equal((await decodeImage(grey)).data.length, 150 * 150 * 3, 'grey images come out as RGB');
});

test('EXIF orientation is honoured', async () => {
  const wide = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#f00' } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
  const img = await decodeImage(wide);
  assert.deepEqual([img.width, img.height], [20, 40]);
});

test('other formats, damaged files, oversized files and absurd dimensions get clear errors', async () => {
  await refused(await sharp(portrait).gif().toBuffer(), 'unsupported_format', 415);
  await refused(await sharp(portrait).tiff().toBuffer(), 'unsupported_format', 415);
  await refused(Buffer.from('definitely not an image'), 'unsupported_format', 415);
  await refused(Buffer.alloc(0), 'unsupported_format', 415);
  const jpeg = await sharp(portrait).jpeg().toBuffer();
  await refused(jpeg.subarray(0, Math.floor(jpeg.length / 2)), 'corrupt', 400);
  await refused(jpeg, 'too_large', 413, { maxBytes: 100, maxPixels: 1e9 });
  // A tiny PNG that claims to be 20000 x 20000 pixels.
  const huge = await sharp({ create: { width: 20000, height: 20000, channels: 3, background: '#000' }, limitInputPixels: false }).png({ compressionLevel: 9 }).toBuffer();
  await refused(huge, 'too_many_pixels', 413);
});
