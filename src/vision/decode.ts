import sharp, { type Metadata } from 'sharp';

export type ImageErrorCode = 'too_large' | 'unsupported_format' | 'too_many_pixels' | 'corrupt';

/** A picture Vigil will not read, with the HTTP status that says why. */
export class ImageError extends Error {
  override name = 'ImageError';
  constructor(
    readonly code: ImageErrorCode,
    message: string,
  ) {
    super(message);
  }
  get status(): 413 | 415 | 400 {
    return this.code === 'too_large' || this.code === 'too_many_pixels' ? 413 : this.code === 'unsupported_format' ? 415 : 400;
  }
}

export interface RgbImage {
  /** Packed RGB, 3 bytes a pixel, row after row. */
  data: Uint8Array;
  width: number;
  height: number;
}

export interface DecodeLimits {
  maxBytes: number;
  maxPixels: number;
}

export const DEFAULT_LIMITS: DecodeLimits = { maxBytes: 10 * 1024 * 1024, maxPixels: 40_000_000 };
const FORMATS = new Set(['jpeg', 'png', 'webp']);

/** JPEG, PNG or WebP to upright RGB (EXIF orientation applied); anything else is refused. */
export async function decodeImage(buf: Buffer, limits: DecodeLimits = DEFAULT_LIMITS): Promise<RgbImage> {
  if (buf.length > limits.maxBytes) throw new ImageError('too_large', `image is ${buf.length} bytes; the limit is ${limits.maxBytes}`);
  let meta: Metadata;
  try {
    meta = await sharp(buf, { limitInputPixels: false }).metadata();
  } catch {
    throw new ImageError('unsupported_format', 'not an image Vigil can read (JPEG, PNG or WebP)');
  }
  const { format, width = 0, height = 0 } = meta;
  if (!format || !FORMATS.has(format)) throw new ImageError('unsupported_format', `${format ?? 'unknown'} images are not accepted; send JPEG, PNG or WebP`);
  if (width * height > limits.maxPixels) throw new ImageError('too_many_pixels', `image is ${width}x${height}; the limit is ${limits.maxPixels} pixels`);
  try {
    const { data, info } = await sharp(buf, { failOn: 'error', limitInputPixels: limits.maxPixels })
      .rotate()
      .toColourspace('srgb')
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`unexpected ${info.channels} channels`);
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength), width: info.width, height: info.height };
  } catch (err) {
    throw new ImageError('corrupt', `the ${format} file is damaged: ${(err as Error).message}`);
  }
}

/** Encodes RGB as JPEG (snapshots, kept enrolment photos). */
export function encodeJpeg(img: RgbImage, quality = 85): Promise<Buffer> {
  return sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength), { raw: { width: img.width, height: img.height, channels: 3 } })
    .jpeg({ quality })
    .toBuffer();
}
