import type { Frame, FrameFeed } from '../camera/frameFeed.ts';
import type { FaceAnalysis } from '../vision/engine.ts';
import { similarity } from '../vision/gallery.ts';
import type { RgbImage } from '../vision/decode.ts';

export interface TailgateOptions {
  feed: FrameFeed;
  faces: { analyze(img: RgbImage): Promise<FaceAnalysis[]>; usable(f: FaceAnalysis): boolean; sameFaceThreshold: number };
  /** The faces of the people let in (one group per person). */
  granted: Float32Array[][];
  until: number;
  onTailgate(distinct: number, frame: Frame): void;
  now?: () => number;
}

/**
 * Counts the distinct faces the door camera sees while the door is open after a grant. More people
 * than were granted means someone followed. One frame at a time: this runs beside the next visitor.
 */
export function watchTailgating(o: TailgateOptions): () => void {
  const now = o.now ?? Date.now;
  const people: Float32Array[][] = o.granted.filter((g) => g.length > 0).map((g) => [...g]);
  const allowed = Math.max(1, o.granted.length);
  let busy = false, stopped = false;

  const stop = () => {
    stopped = true;
    off();
    clearTimeout(timer);
  };
  const place = (e: Float32Array) => {
    const known = people.find((group) => group.some((g) => similarity(g, e) >= o.faces.sameFaceThreshold));
    if (known) known.push(e);
    else people.push([e]);
  };
  const off = o.feed.onFrame((frame) => {
    if (busy || stopped) return;
    busy = true;
    o.faces
      .analyze(frame.image)
      .then((faces) => {
        if (stopped) return;
        const usable = faces.filter((f) => o.faces.usable(f));
        for (const f of usable) place(f.embedding);
        // Two faces in one frame are two people however alike they look; across frames, a face
        // unlike everyone seen so far is someone new.
        const distinct = Math.max(people.length, usable.length);
        if (distinct > allowed) {
          stop();
          o.onTailgate(distinct, frame);
        }
      })
      .catch(() => {})
      .finally(() => (busy = false));
  });
  const timer = setTimeout(stop, Math.max(0, o.until - now()));
  return stop;
}
