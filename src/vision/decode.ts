import { STATUS_CODES } from 'node:http';
import sharp, { type Metadata } from 'sharp';
import { DomainError } from '../core/errors.ts';

export type ImageErrorCode = 'too_large' | 'unsupported_format' | 'too_many_pixels' | 'corrupt' | 'busy';

/** A picture Vigil will not read (or not now), with the HTTP status that says why. */
export class ImageError extends DomainError {
  override name = 'ImageError';
  constructor(
    readonly code: ImageErrorCode,
    message: string,
    /** For `busy`: seconds after which a retry is worth it. */
    readonly retryAfter?: number,
  ) {
    super(message, code);
  }
  get title(): string {
    return STATUS_CODES[this.statusCode] ?? 'Error';
  }
  get statusCode(): 413 | 415 | 400 | 503 {
    switch (this.code) {
      case 'too_large':
      case 'too_many_pixels':
        return 413;
      case 'unsupported_format':
        return 415;
      case 'busy':
        return 503;
      case 'corrupt':
        return 400;
    }
  }
  override get headers(): Record<string, string> {
    return this.retryAfter === undefined ? {} : { 'retry-after': String(this.retryAfter) };
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
  /** Pictures with more pixels than this are refused before a single pixel is decoded. */
  maxPixels: number;
  /**
   * The longest side of the decoded picture: larger ones are shrunk while decoding, so memory and
   * the face search are bounded by this, not by what was sent. Default DEFAULT_LIMITS.maxSide.
   */
  maxSide?: number;
}

/**
 * 24 MP takes any ordinary phone photo (12 MP; 20 MP) and refuses a 6000x6000 bomb outright. 2048 px
 * keeps a face 100 px wide in a 12 MP photo at 20 px between the eyes (the enrolment minimum).
 */
export const DEFAULT_LIMITS: Required<DecodeLimits> = { maxBytes: 10 * 1024 * 1024, maxPixels: 24_000_000, maxSide: 2048 };
const FORMATS = new Set(['jpeg', 'png', 'webp']);

/**
 * JPEG, PNG or WebP to upright RGB (EXIF orientation applied), no larger than `maxSide`; anything
 * else is refused. The first frame of an animation is taken.
 */
export async function decodeImage(buf: Buffer, limits: DecodeLimits = DEFAULT_LIMITS): Promise<RgbImage> {
  if (buf.length > limits.maxBytes) throw new ImageError('too_large', `image is ${buf.length} bytes; the limit is ${limits.maxBytes}`);
  let meta: Metadata;
  try {
    // The header only: no pixels are decoded here.
    meta = await sharp(buf, { limitInputPixels: false }).metadata();
  } catch {
    throw new ImageError('unsupported_format', 'not an image Vigil can read (JPEG, PNG or WebP)');
  }
  const { format, width = 0, height = 0 } = meta;
  const side = limits.maxSide ?? DEFAULT_LIMITS.maxSide;
  if (!format || !FORMATS.has(format)) throw new ImageError('unsupported_format', `${format ?? 'unknown'} images are not accepted; send JPEG, PNG or WebP`);
  if (width * height > limits.maxPixels) throw new ImageError('too_many_pixels', `image is ${width}x${height}; the limit is ${limits.maxPixels} pixels`);
  try {
    // Shrinking inside the decode (JPEG's DCT scaling, libvips' streaming for the rest) means the
    // full-size picture never exists in memory.
    const { data, info } = await sharp(buf, { failOn: 'error', limitInputPixels: limits.maxPixels, sequentialRead: true })
      .rotate()
      .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true })
      .toColourspace('srgb')
      .removeAlpha()
      .raw({ depth: 'uchar' })
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
