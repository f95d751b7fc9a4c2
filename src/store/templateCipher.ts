import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Face templates and the face chips kept with them are biometric data: stored AES-256-GCM
 * encrypted, the key outside the database.
 */
export class TemplateCipher {
  private readonly key: Buffer;

  constructor(keyHex: string) {
    if (!/^[0-9a-fA-F]{64}$/.test(keyHex)) throw new Error('the template key must be 64 hex characters (32 bytes)');
    this.key = Buffer.from(keyHex, 'hex');
  }

  encrypt(embedding: Float32Array, aad: string): string {
    return this.seal(Buffer.from(embedding.buffer, embedding.byteOffset, embedding.byteLength), aad);
  }

  /** `aad` binds the ciphertext to its row, so a template cannot be moved to another person. */
  decrypt(text: string, aad: string): Float32Array {
    const plain = this.open(text, aad);
    return new Float32Array(plain.buffer.slice(plain.byteOffset, plain.byteOffset + plain.byteLength));
  }

  /** Any bytes (a face chip's JPEG) the same way: iv, tag and ciphertext, base64. */
  seal(plain: Buffer, aad: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.key, iv);
    c.setAAD(Buffer.from(aad));
    const body = Buffer.concat([c.update(plain), c.final()]);
    return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64');
  }

  open(text: string, aad: string): Buffer {
    const raw = Buffer.from(text, 'base64');
    const d = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    d.setAAD(Buffer.from(aad));
    d.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([d.update(raw.subarray(28)), d.final()]);
  }
}
