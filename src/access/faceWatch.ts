import type { Frame, FrameFeed } from '../camera/frameFeed.ts';
import type { SessionFaces } from './faceSession.ts';

/**
 * For a door whose first step takes the face: a usable face in view starts an attempt. One frame is
 * analysed at a time; while the door is busy, or resting after an attempt, frames are ignored.
 */
export function watchForFaces(o: {
  feed: FrameFeed;
  faces: Pick<SessionFaces, 'analyze' | 'usable'>;
  /** The door waits at its first step, with no look running. */
  ready(): boolean;
  /** A face is in view: starts the attempt and says until when to rest. */
  onFace(frame: Frame): number;
  onError(err: unknown): void;
  now(): number;
}): () => void {
  let busy = false;
  let restUntil = 0;
  return o.feed.onFrame((frame) => {
    if (busy || !o.ready() || o.now() < restUntil) return;
    busy = true;
    o.faces
      .analyze(frame.image)
      .then((faces) => {
        if (faces.some((f) => o.faces.usable(f)) && o.ready()) restUntil = o.onFace(frame);
      })
      .catch(o.onError)
      .finally(() => (busy = false));
  });
}
