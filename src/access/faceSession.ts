import type { Frame, FrameFeed } from '../camera/frameFeed.ts';
import { largestFace, type AnalyzeOptions, type FaceAnalysis } from '../vision/engine.ts';
import type { LivenessVerdict } from '../vision/liveness.ts';
import type { RgbImage } from '../vision/decode.ts';
import type { ChallengeVerdict, SessionFrame } from './challengeStep.ts';

/** What a face session needs from the face service. */
export interface SessionFaces {
  analyze(img: RgbImage, opts?: AnalyzeOptions): Promise<FaceAnalysis[]>;
  usable(f: FaceAnalysis): boolean;
  verify(personId: string, embedding: Float32Array): { match: boolean; score: number };
  identify(embedding: Float32Array): { personId: string; score: number } | null;
  judgeBurst(faces: readonly FaceAnalysis[]): LivenessVerdict;
  /** The single-frame presentation-attack check (antispoof and liveness scores). */
  isLive(f: Pick<FaceAnalysis, 'antispoof' | 'liveness'>): boolean;
}

export interface SessionOptions {
  feed: FrameFeed;
  faces: SessionFaces;
  /** 1:1 against this person; null = a credential that matched nobody (nothing can match); 'identify' = 1:N. */
  candidate: string | null | 'identify';
  /** Frames captured from this time on count (the pre-roll before the credential). */
  since: number;
  deadline: number;
  /** Matching frames the liveness check needs. */
  burstFrames: number;
  /** Frames analysed at once (one per engine thread). */
  concurrency: number;
  now?: () => number;
  /**
   * Challenge mode: every usable face frame (matching or not) goes to this judge, which decides
   * liveness instead of the passive burst check.
   */
  challenge?: { judge(frames: readonly SessionFrame[]): ChallengeVerdict; readonly needsEyes: boolean } | undefined;
}

export interface SessionOutcome {
  /** The person whose face was seen (the candidate, or whom 1:N found), or null. */
  personId: string | null;
  score: number;
  live: boolean;
  /** Any usable face was seen at all. */
  sawFace: boolean;
  /** The frame that shows the person best, for the snapshot. */
  snapshot: Frame | undefined;
  /** The matching faces' embeddings: the person the door let in, for counting who follows. */
  embeddings: Float32Array[];
  frames: number;
  liveness: LivenessVerdict | null;
  /** Challenge mode: the last verdict on the frames (why it failed, when it did). */
  challenge: ChallengeVerdict | null;
}

interface Seen {
  frame: Frame;
  face: FaceAnalysis;
  score: number;
}

/**
 * Looks at the door camera until the face of the right person has been seen live over a burst of
 * frames, or the deadline passes. Frames arriving while the engine is busy are skipped (the newest
 * wins), so a slow engine never falls behind the camera.
 */
export function runFaceSession(o: SessionOptions): { done: Promise<SessionOutcome>; cancel(): void } {
  const now = o.now ?? Date.now;
  const queue: Frame[] = o.feed.since(o.since).slice(-o.burstFrames);
  const matched: Seen[] = [];
  let target: string | null = o.candidate === 'identify' ? null : o.candidate;
  let sawFace = false, lastFace: Frame | undefined, inFlight = 0, analysed = 0, finished = false;
  let verdict: LivenessVerdict | null = null;
  let answer: ChallengeVerdict | null = null;
  const track: SessionFrame[] = [];
  let resolve!: (v: SessionOutcome) => void;
  const done = new Promise<SessionOutcome>((r) => (resolve = r));

  const finish = (live: boolean) => {
    if (finished) return;
    finished = true;
    off();
    clearTimeout(timer);
    const best = matched.reduce<Seen | undefined>((b, s) => (!b || s.score > b.score ? s : b), undefined);
    resolve({
      personId: matched.length ? target : null,
      score: best?.score ?? 0,
      live,
      sawFace,
      snapshot: best?.frame ?? lastFace ?? o.feed.latest(),
      embeddings: matched.map((s) => s.face.embedding),
      frames: analysed,
      liveness: verdict,
      challenge: answer,
    });
  };

  const judge = (frame: Frame, faces: FaceAnalysis[]) => {
    analysed++;
    const face = largestFace(faces.filter((f) => o.faces.usable(f)));
    if (!face) return;
    sawFace = true;
    lastFace = frame;
    let score: number | null = null;
    if (o.candidate === 'identify') {
      const who = o.faces.identify(face.embedding);
      if (who && target === null) target = who.personId;
      if (who && who.personId === target) score = who.score;
    } else if (target !== null) {
      const v = o.faces.verify(target, face.embedding);
      if (v.match) score = v.score;
    }
    if (o.challenge) {
      // The challenge needs the frames that do not match too: a swapped face mid-action must fail it.
      track.push({ at: frame.at, mesh: face.mesh, irisMesh: face.irisMesh, match: score !== null, antispoof: face.antispoof, liveness: face.liveness });
      track.sort((a, b) => a.at - b.at);
      if (score !== null) matched.push({ frame, face, score });
      matched.sort((a, b) => a.frame.at - b.frame.at);
      answer = o.challenge.judge(track);
      if (answer.pass) finish(true);
      return;
    }
    if (score === null) return;
    matched.push({ frame, face, score });
    matched.sort((a, b) => a.frame.at - b.frame.at);
    if (matched.length < o.burstFrames) return;
    verdict = o.faces.judgeBurst(matched.slice(-2 * o.burstFrames).map((s) => s.face));
    if (verdict.live) finish(true);
  };

  // Only a challenge that reads the eyes pays for the iris model, on every frame (the neutral ones too).
  const opts: AnalyzeOptions = { eyes: o.challenge?.needsEyes ?? false };
  const pump = () => {
    while (!finished && inFlight < o.concurrency && queue.length) {
      const frame = queue.shift() as Frame;
      inFlight++;
      o.faces.analyze(frame.image, opts).then(
        (faces) => {
          inFlight--;
          if (!finished) judge(frame, faces);
          pump();
        },
        () => {
          inFlight--;
          pump();
        },
      );
    }
  };

  const off = o.feed.onFrame((f) => {
    queue.push(f);
    if (queue.length > o.concurrency) queue.splice(0, queue.length - o.concurrency);
    pump();
  });
  const timer = setTimeout(() => finish(false), Math.max(0, o.deadline - now()));
  pump();
  return { done, cancel: () => finish(false) };
}
