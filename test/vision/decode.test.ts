import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { decodeImage, ImageError } from '../../src/vision/decode.ts';

const portrait = readFileSync('test/fixtures/faces/portraits__amy__amy1.png');

async function refused(buf: Buffer, code: string, status: number, limits?: Parameters<typeof decodeImage>[1]) {
  await assert.rejects(decodeImage(buf, limits), (err: unknown) => err instanceof ImageError && err.code === code && err.statusCode === status);
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

test('a phone photo is shrunk while decoding; the decode never holds more than maxSide on a side', async () => {
  const phone = await sharp({ create: { width: 4032, height: 3024, channels: 3, background: '#7a6f64' } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
  const img = await decodeImage(phone);
  assert.deepEqual([img.width, img.height], [1536, 2048], 'upright and shrunk to 2048 on the long side');
  const small = await decodeImage(phone, { maxBytes: 1e8, maxPixels: 1e8, maxSide: 640 });
  assert.deepEqual([small.width, small.height], [480, 640]);
});

test('EXIF orientations 2 to 8 all come out upright', async () => {
  // A 40x20 picture, red in its top-left quarter: after the decoder applies the tag it must be the same picture.
  const upright = await sharp({ create: { width: 40, height: 20, channels: 3, background: '#00f' } })
    .composite([{ input: { create: { width: 20, height: 10, channels: 3, background: '#f00' } }, left: 0, top: 0 }])
    .png()
    .toBuffer();
  // What a camera stores for each tag: the inverse of the turn the tag asks for (turn, then mirror).
  const stored: Record<number, [number, boolean]> = { 2: [0, true], 3: [180, false], 4: [180, true], 5: [90, true], 6: [270, false], 7: [270, true], 8: [90, false] };
  for (const [tag, [angle, mirror]] of Object.entries(stored)) {
    const turned = await sharp(upright).rotate(angle).png().toBuffer();
    const raw = mirror ? await sharp(turned).flop().png().toBuffer() : turned;
    const img = await decodeImage(await sharp(raw).jpeg({ quality: 95 }).withMetadata({ orientation: Number(tag) }).toBuffer());
    assert.deepEqual([img.width, img.height], [40, 20], `orientation ${tag}`);
    const red = (x: number, y: number) => (img.data[(y * 40 + x) * 3] as number) > 200;
    assert.ok(red(5, 3) && !red(35, 3) && !red(5, 17), `orientation ${tag}: red at the top left`);
  }
});

test('odd pictures: strips, CMYK, 16-bit, animation, truncation', async () => {
  const red = { r: 255, g: 0, b: 0 };
  const strip = await decodeImage(await sharp({ create: { width: 1, height: 40000, channels: 3, background: red } }).png().toBuffer());
  assert.deepEqual([strip.width, strip.height], [1, 2048]);
  const cmyk = await decodeImage(await sharp({ create: { width: 30, height: 20, channels: 3, background: red } }).toColourspace('cmyk').jpeg().toBuffer());
  assert.ok((cmyk.data[0] as number) > 200 && (cmyk.data[1] as number) < 40, 'CMYK is converted to RGB');
  const deep = await decodeImage(await sharp({ create: { width: 30, height: 20, channels: 4, background: { ...red, alpha: 0.5 } } }).toColourspace('rgb16').png().toBuffer());
  assert.equal(deep.data.length, 30 * 20 * 3, '16-bit RGBA comes out as 8-bit RGB');
  const frames = await Promise.all([red, { r: 0, g: 255, b: 0 }].map((background) => sharp({ create: { width: 10, height: 8, channels: 3, background } }).raw().toBuffer()));
  const animated = await sharp(Buffer.concat(frames), { raw: { width: 10, height: 16, channels: 3, pageHeight: 8 } }).webp({ lossless: true }).toBuffer();
  const first = await decodeImage(animated);
  assert.deepEqual([first.width, first.height, first.data[0]], [10, 8, 255], 'the first frame of an animation');
  const png = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 40 } } }).png().toBuffer();
  await refused(png.subarray(0, png.length >> 1), 'corrupt', 400);
});

test('the 6000x6000 all-zero PNG bomb is refused before decoding; one just under the limit decodes small', async () => {
  const bomb = await sharp({ create: { width: 6000, height: 6000, channels: 3, background: '#000' } }).png({ compressionLevel: 9 }).toBuffer();
  assert.ok(bomb.length < 200_000, 'a small file');
  const t0 = performance.now();
  await refused(bomb, 'too_many_pixels', 413);
  assert.ok(performance.now() - t0 < 5000);
  const under = await sharp({ create: { width: 4800, height: 4800, channels: 3, background: '#000' } }).png({ compressionLevel: 9 }).toBuffer();
  const rss = process.memoryUsage().rss;
  const img = await decodeImage(under);
  assert.deepEqual([img.width, img.height], [2048, 2048]);
  // The old decode held 69 MB of RGB for this one; a shrinking decode stays well below.
  assert.ok(process.memoryUsage().rss - rss < 300e6, `RSS grew by ${((process.memoryUsage().rss - rss) / 1e6).toFixed(0)} MB`);
});
