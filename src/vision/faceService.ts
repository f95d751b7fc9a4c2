import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { DomainError, NotFound } from '../core/errors.ts';
import { decodeImage, encodeJpeg, type DecodeLimits, type RgbImage } from './decode.ts';
import { largestFace, type AnalyzeOptions, type FaceAnalysis } from './engine.ts';
import type { FaceAnalyzer } from './workerPool.ts';
import { WorkGate } from './workGate.ts';
import { faceChipJpeg } from './faceChip.ts';
import { Gallery } from './gallery.ts';
import { qualityProblems, type FaceQuality, type QualityLimits } from './quality.ts';
import type { PeopleRepo, Person } from '../store/people.ts';
import type { TemplateCipher } from '../store/templateCipher.ts';
import type { SettingsRepo } from '../store/settings.ts';
import { assessBurst, type LivenessSettings, type LivenessVerdict } from './liveness.ts';

/** The gallery's version in SettingsRepo: whoever changes templates (an enrolment, a door node's replica) sets a new one. */
export const VERSION_KEY = 'faces.version';

export interface VisionSettings {
  quality: QualityLimits;
  /** Cosine similarity at or above which two faces are the same person. */
  matchThreshold: number;
  /** Single-frame presentation-attack minimums (0..1). */
  minAntispoof: number;
  minLiveness: number;
  /** The multi-frame check over a burst. */
  burst: LivenessSettings;
  keepPhotos: boolean;
  limits: DecodeLimits;
}

export type EnrolFailure = 'no_face' | 'several_faces' | 'poor_quality';

/** An enrolment photo that cannot become a template, with the reason in words. */
export class EnrolError extends DomainError {
  override name = 'EnrolError';
  readonly statusCode = 422;
  readonly title = 'Unprocessable Entity';
  declare readonly reason: EnrolFailure;
  constructor(reason: EnrolFailure, message: string) {
    super(message, reason);
  }
}

export interface TemplateInfo {
  id: string;
  personId: string;
  quality: FaceQuality;
  hasPhoto: boolean;
  /** Whether the panel can show the face: a chip was kept at enrolment, or a photo to cut one from. */
  hasThumbnail: boolean;
  createdAt: number;
}

/** Binds a chip's ciphertext to its template and person, and keeps it apart from the embedding's. */
const chipAad = (templateId: string, personId: string) => `${templateId}:${personId}:chip`;

export interface RecognizedFace {
  box: [number, number, number, number];
  person: { id: string; name: string } | null;
  score: number;
  /**
   * One photo cannot show life (a good print passes every single-frame check), so never true:
   * false when the single-frame check refuses the face (a score below its minimum), else null (unknown).
   */
  live: false | null;
  antispoof: number;
  liveness: number;
  quality: FaceQuality;
  problems: string[];
}

export interface FaceServiceDeps {
  repo: PeopleRepo;
  /** Where the gallery's version lives, so that another process's enrolments are noticed. */
  versions: SettingsRepo;
  analyzer: FaceAnalyzer;
  cipher: TemplateCipher;
  dataDir: string;
  settings: VisionSettings;
  log: Logger;
}

/**
 * People's faces: enrolment (one usable face per photo), the in-memory gallery kept in step with
 * the store, recognition, and complete deletion.
 */
export class FaceService {
  readonly gallery = new Gallery();
  private readonly photoDir: string;
  private version: unknown;
  private watcher: NodeJS.Timeout | undefined;
  /**
   * Uploaded pictures worked on at once (one per engine thread on a Pi) and waiting; more are
   * answered 503. Each holds at most a 2048 px picture, so this bounds the memory of image work.
   */
  private readonly gate = new WorkGate(2, 4);

  constructor(private readonly d: FaceServiceDeps) {
    this.photoDir = path.join(d.dataDir, 'faces');
  }

  /** Loads the gallery; with `watchMs`, reloads it when another process (the CLI) changed templates. */
  async start(watchMs = 0): Promise<void> {
    await this.load();
    if (watchMs > 0) {
      this.watcher = setInterval(() => {
        this.d.versions.get(VERSION_KEY).then(
          (v) => (v !== this.version ? this.load() : undefined),
          (err: unknown) => this.d.log.warn({ err }, 'face gallery version check failed'),
        );
      }, watchMs);
      this.watcher.unref();
    }
  }

  async warm(): Promise<void> {
    await this.d.analyzer.warm?.();
  }

  async stop(): Promise<void> {
    clearInterval(this.watcher);
    await this.d.analyzer.close();
  }

  private async load(): Promise<void> {
    this.version = await this.d.versions.get(VERSION_KEY);
    const fresh = new Gallery();
    for (const t of await this.d.repo.allTemplates()) {
      fresh.add(t.id, t.personId, this.d.cipher.decrypt(t.embedding, `${t.id}:${t.personId}`));
    }
    this.gallery.replaceWith(fresh);
    this.d.log.info({ templates: this.gallery.size }, 'face gallery loaded');
  }

  private async changed(): Promise<void> {
    this.version = randomUUID();
    await this.d.versions.set(VERSION_KEY, this.version);
  }

  decode(buf: Buffer): Promise<RgbImage> {
    return decodeImage(buf, this.d.settings.limits);
  }

  /** An uploaded picture decoded and searched, as one job through the gate (Vigil's own kept photos skip it). */
  private look(buf: Buffer): Promise<{ img: RgbImage; faces: FaceAnalysis[] }> {
    return this.gate.run(async () => {
      const img = await decodeImage(buf, this.d.settings.limits);
      return { img, faces: await this.analyze(img) };
    });
  }

  analyze(img: RgbImage, opts?: AnalyzeOptions): Promise<FaceAnalysis[]> {
    return this.d.analyzer.analyze(img, opts);
  }

  isLive(f: Pick<FaceAnalysis, 'antispoof' | 'liveness'>): boolean {
    return f.antispoof >= this.d.settings.minAntispoof && f.liveness >= this.d.settings.minLiveness;
  }

  async enrol(personId: string, image: Buffer): Promise<TemplateInfo> {
    const seen = await this.look(image);
    const img = seen.img;
    const faces = seen.faces.filter((f) => f.quality.detection >= this.d.settings.quality.minDetection);
    if (faces.length === 0) throw new EnrolError('no_face', 'no face found in the photo');
    if (faces.length > 1) throw new EnrolError('several_faces', `${faces.length} faces in the photo; an enrolment photo must show one person`);
    const face = faces[0] as FaceAnalysis;
    const problems = qualityProblems(face.quality, this.d.settings.quality);
    if (problems.length) throw new EnrolError('poor_quality', problems.join('; '));

    const id = randomUUID();
    let photo: string | null = null;
    if (this.d.settings.keepPhotos) {
      photo = `${id}.jpg`;
      await mkdir(path.join(this.photoDir, personId), { recursive: true, mode: 0o700 });
      await writeFile(path.join(this.photoDir, personId, photo), await encodeJpeg(img), { mode: 0o600 });
    }
    const stored = await this.d.repo.addTemplate({
      id,
      personId,
      embedding: this.d.cipher.encrypt(face.embedding, `${id}:${personId}`),
      quality: JSON.stringify(face.quality),
      photo,
      // Kept whatever vision.keepPhotos says: a few KB of face, not the photo.
      chip: this.d.cipher.seal(await faceChipJpeg(img, face), chipAad(id, personId)),
    });
    this.gallery.add(id, personId, face.embedding);
    await this.changed();
    return { id, personId, quality: face.quality, hasPhoto: photo !== null, hasThumbnail: true, createdAt: stored.createdAt };
  }

  async templates(personId: string): Promise<TemplateInfo[]> {
    return (await this.d.repo.templatesOf(personId)).map((t) => ({
      id: t.id,
      personId: t.personId,
      quality: JSON.parse(t.quality) as FaceQuality,
      hasPhoto: t.photo !== null,
      hasThumbnail: t.hasChip || t.photo !== null,
      createdAt: t.createdAt,
    }));
  }

  /**
   * An enrolled face as a small JPEG: the chip kept at enrolment. A template enrolled before chips
   * were kept gets one cut from its kept photo, stored for next time. NotFound when there is
   * neither (or no such face).
   */
  async thumbnail(personId: string, templateId: string): Promise<Buffer> {
    const stored = await this.d.repo.pictureOf(personId, templateId);
    if (!stored) throw new NotFound('no such face');
    if (stored.chip) return this.d.cipher.open(stored.chip, chipAad(templateId, personId));
    if (!stored.photo) throw new NotFound('no picture of this face: it was enrolled by an older Vigil without a kept photo');
    const img = await this.decode(await readFile(path.join(this.photoDir, personId, stored.photo)));
    const face = largestFace(await this.analyze(img));
    if (!face) throw new NotFound('no face found in the kept photo');
    const jpeg = await faceChipJpeg(img, face);
    await this.d.repo.setChip(templateId, this.d.cipher.seal(jpeg, chipAad(templateId, personId)));
    return jpeg;
  }

  /** Removes the person, every template, every kept photo: nothing biometric stays behind. */
  async deletePerson(personId: string): Promise<void> {
    await this.d.repo.delete(personId);
    this.gallery.removePerson(personId);
    await this.changed();
    await rm(path.join(this.photoDir, personId), { recursive: true, force: true });
  }

  async deleteTemplate(personId: string, templateId: string): Promise<boolean> {
    const gone = await this.d.repo.deleteTemplate(personId, templateId);
    if (!gone) return false;
    this.gallery.remove(templateId);
    await this.changed();
    if (gone.photo) await rm(path.join(this.photoDir, personId, gone.photo), { force: true });
    return true;
  }

  /** 1:1 against one person's templates. */
  verify(personId: string, embedding: Float32Array): { match: boolean; score: number } {
    const m = this.gallery.verify(personId, embedding);
    return { match: m !== null && m.score >= this.d.settings.matchThreshold, score: m?.score ?? 0 };
  }

  /**
   * Liveness over a burst of frames of one person (the door camera's few seconds): the largest face
   * of each frame is tracked; it must pass the multi-frame check and, on average, the single-frame one.
   */
  async checkBurst(frames: RgbImage[]): Promise<LivenessVerdict & { faces: FaceAnalysis[] }> {
    const faces: FaceAnalysis[] = [];
    for (const frame of frames) {
      const main = largestFace(await this.analyze(frame));
      if (main) faces.push(main);
    }
    return { ...this.judgeBurst(faces), faces };
  }

  /** The liveness verdict over one person's faces from consecutive frames. */
  judgeBurst(faces: readonly FaceAnalysis[]): LivenessVerdict {
    const verdict = assessBurst(faces, this.d.settings.burst);
    const mean = (k: 'antispoof' | 'liveness') => faces.reduce((s, f) => s + f[k], 0) / Math.max(1, faces.length);
    const singleFrame = this.isLive({ antispoof: mean('antispoof'), liveness: mean('liveness') });
    if (!singleFrame) verdict.reasons.push('the single-frame antispoof check failed');
    return { ...verdict, live: verdict.live && singleFrame };
  }

  /** Whether a face is good enough to judge (size, sharpness, pose, detector confidence). */
  usable(f: FaceAnalysis): boolean {
    return qualityProblems(f.quality, this.d.settings.quality).length === 0;
  }

  /** 1:N: whose face this is, when anyone's. */
  identify(embedding: Float32Array): { personId: string; score: number } | null {
    const m = this.gallery.best(embedding, this.d.settings.matchThreshold);
    return m && { personId: m.personId, score: m.score };
  }

  /** Two faces this similar are taken for the same person when counting people (looser than a match). */
  get sameFaceThreshold(): number {
    return this.d.settings.matchThreshold - 0.05;
  }

  async recognize(image: Buffer): Promise<RecognizedFace[]> {
    const { faces } = await this.look(image);
    const names = new Map<string, Person | undefined>();
    const out: RecognizedFace[] = [];
    for (const f of faces) {
      const problems = qualityProblems(f.quality, this.d.settings.quality);
      const best = this.gallery.best(f.embedding);
      // A face too poor to judge is never named, whatever it resembles.
      const m = best && problems.length === 0 && best.score >= this.d.settings.matchThreshold ? best : null;
      if (m && !names.has(m.personId)) names.set(m.personId, await this.d.repo.get(m.personId));
      const person = m ? names.get(m.personId) : undefined;
      out.push({
        box: f.box.map((v) => Math.round(v)) as [number, number, number, number],
        person: person ? { id: person.id, name: person.name } : null,
        score: best?.score ?? 0,
        live: this.isLive(f) ? null : false,
        antispoof: f.antispoof,
        liveness: f.liveness,
        quality: f.quality,
        problems,
      });
    }
    return out;
  }
}
