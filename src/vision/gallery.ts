// The 1:N search structure: every enrolled template in one contiguous int8 matrix (a row per
// template, quantised from the unit-length float embedding with its own scale), searched with an
// integer dot product. 128 bytes + 4 per template instead of 512 + object overhead.
import { EMBEDDING_SIZE } from './engine.ts';

export interface Match {
  personId: string;
  templateId: string;
  /** Cosine similarity 0..1 (higher = more alike). */
  score: number;
}

export function quantise(v: Float32Array, out: Int8Array, offset = 0): number {
  let max = 0;
  for (const x of v) max = Math.max(max, Math.abs(x));
  const scale = max / 127 || 1;
  for (let i = 0; i < v.length; i++) out[offset + i] = Math.round((v[i] as number) / scale);
  return scale;
}

/** Integer dot product of one matrix row with the query. */
/** Cosine similarity of two unit-length embeddings, in full precision. */
export function similarity(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}

function dot(codes: Int8Array, base: number, q: Int8Array): number {
  // Four integer partial sums (|0 keeps V8 in int32 arithmetic): short dependency chains.
  let d0 = 0, d1 = 0, d2 = 0, d3 = 0;
  for (let i = 0; i < EMBEDDING_SIZE; i += 4) {
    d0 = (d0 + (codes[base + i] as number) * (q[i] as number)) | 0;
    d1 = (d1 + (codes[base + i + 1] as number) * (q[i + 1] as number)) | 0;
    d2 = (d2 + (codes[base + i + 2] as number) * (q[i + 2] as number)) | 0;
    d3 = (d3 + (codes[base + i + 3] as number) * (q[i + 3] as number)) | 0;
  }
  return d0 + d1 + d2 + d3;
}

export class Gallery {
  private codes: Int8Array;
  private scales: Float32Array;
  private templateIds: string[] = [];
  private personIds: string[] = [];
  private readonly rowOf = new Map<string, number>();
  private readonly query = new Int8Array(EMBEDDING_SIZE);
  private scores = new Float32Array(0);

  constructor(capacity = 1024) {
    this.codes = new Int8Array(capacity * EMBEDDING_SIZE);
    this.scales = new Float32Array(capacity);
  }

  get size(): number {
    return this.templateIds.length;
  }

  /** Bytes held per template by the matrix itself. */
  static readonly bytesPerTemplate = EMBEDDING_SIZE + 4;

  add(templateId: string, personId: string, embedding: Float32Array): void {
    if (embedding.length !== EMBEDDING_SIZE) throw new Error(`embedding must have ${EMBEDDING_SIZE} values`);
    if (this.rowOf.has(templateId)) this.remove(templateId);
    const row = this.templateIds.length;
    if ((row + 1) * EMBEDDING_SIZE > this.codes.length) this.grow();
    this.scales[row] = quantise(embedding, this.codes, row * EMBEDDING_SIZE);
    this.templateIds.push(templateId);
    this.personIds.push(personId);
    this.rowOf.set(templateId, row);
  }

  remove(templateId: string): void {
    const row = this.rowOf.get(templateId);
    if (row === undefined) return;
    const last = this.templateIds.length - 1;
    // Move the last row into the hole: the matrix stays dense.
    if (row !== last) {
      this.codes.copyWithin(row * EMBEDDING_SIZE, last * EMBEDDING_SIZE, (last + 1) * EMBEDDING_SIZE);
      this.scales[row] = this.scales[last] as number;
      const movedId = this.templateIds[last] as string;
      this.templateIds[row] = movedId;
      this.personIds[row] = this.personIds[last] as string;
      this.rowOf.set(movedId, row);
    }
    this.templateIds.pop();
    this.personIds.pop();
    this.rowOf.delete(templateId);
  }

  removePerson(personId: string): void {
    for (let i = this.personIds.length - 1; i >= 0; i--) {
      if (this.personIds[i] === personId) this.remove(this.templateIds[i] as string);
    }
  }

  /** Takes over another gallery's contents (a reload that never leaves this one half-filled). */
  replaceWith(other: Gallery): void {
    this.codes = other.codes;
    this.scales = other.scales;
    this.templateIds = other.templateIds;
    this.personIds = other.personIds;
    this.rowOf.clear();
    for (const [k, v] of other.rowOf) this.rowOf.set(k, v);
  }

  /** Scores of every row against a query, into a buffer reused between calls. */
  private scoreAll(embedding: Float32Array): Float32Array {
    const qs = quantise(embedding, this.query);
    const n = this.templateIds.length;
    if (this.scores.length < n) this.scores = new Float32Array(this.codes.length / EMBEDDING_SIZE);
    const out = this.scores;
    for (let r = 0; r < n; r++) out[r] = dot(this.codes, r * EMBEDDING_SIZE, this.query) * qs * (this.scales[r] as number);
    return out;
  }

  /** The best template of every person scoring at least `minScore`, best first, at most `k`. */
  identify(embedding: Float32Array, k = 5, minScore = -1): Match[] {
    const n = this.templateIds.length;
    if (n === 0) return [];
    const scores = this.scoreAll(embedding);
    const rows: number[] = [];
    for (let r = 0; r < n; r++) if ((scores[r] as number) >= minScore) rows.push(r);
    rows.sort((a, b) => (scores[b] as number) - (scores[a] as number));
    const out: Match[] = [];
    const seen = new Set<string>();
    for (const r of rows) {
      const personId = this.personIds[r] as string;
      if (seen.has(personId)) continue;
      seen.add(personId);
      out.push({ personId, templateId: this.templateIds[r] as string, score: scores[r] as number });
      if (out.length === k) break;
    }
    return out;
  }

  /** The single best template, if it scores at least `minScore` (the common 1:N question, without sorting). */
  best(embedding: Float32Array, minScore = -1): Match | null {
    const n = this.templateIds.length;
    if (n === 0) return null;
    const scores = this.scoreAll(embedding);
    let bestRow = 0;
    for (let r = 1; r < n; r++) if ((scores[r] as number) > (scores[bestRow] as number)) bestRow = r;
    const score = scores[bestRow] as number;
    return score >= minScore ? { personId: this.personIds[bestRow] as string, templateId: this.templateIds[bestRow] as string, score } : null;
  }

  /** 1:1: the best score of this person's templates, or null when they have none. */
  verify(personId: string, embedding: Float32Array): Match | null {
    const qs = quantise(embedding, this.query);
    let best: Match | null = null;
    for (let r = 0; r < this.templateIds.length; r++) {
      if (this.personIds[r] !== personId) continue;
      const score = dot(this.codes, r * EMBEDDING_SIZE, this.query) * qs * (this.scales[r] as number);
      if (!best || score > best.score) best = { personId, templateId: this.templateIds[r] as string, score };
    }
    return best;
  }

  private grow(): void {
    const codes = new Int8Array(this.codes.length * 2);
    codes.set(this.codes);
    this.codes = codes;
    const scales = new Float32Array(this.scales.length * 2);
    scales.set(this.scales);
    this.scales = scales;
  }
}
