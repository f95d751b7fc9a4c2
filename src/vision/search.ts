// The order of the face search in one frame: the whole frame first; the tiles only when they can
// find something it could not (a large frame in which no face was big). The searching itself is
// the caller's (one engine thread, or the worker pool sharing the tiles out).
import { mergeDetections, tileRegions, type Box } from './regions.ts';

export interface Found {
  box: Box;
  quality: { detection: number };
}

/** A face found in a set of regions, and whether it was seen whole (not cut by a tile's edge). */
export interface RegionFace<T> {
  face: T;
  complete: boolean;
}

/**
 * A face at least this share of the frame's long side means a near scene (a portrait, a person at
 * the door): the whole-frame pass sees such faces, and the tiles would only cut them up.
 */
export const NEAR_FACE = 0.15;
/** A frame with a side shorter than this holds no face that could be used. */
export const MIN_SIDE = 16;

/** The tiles still worth searching after the whole-frame pass found `faces`. */
export function tilesWorthSearching(width: number, height: number, faces: readonly Box[]): Box[] {
  const long = Math.max(width, height);
  if (faces.some((b) => Math.max(b[2], b[3]) >= NEAR_FACE * long)) return [];
  return tileRegions(width, height);
}

/** Side-by-side strips of tiles, one per thread, so that few faces are examined by two threads. */
export function shareOut(tiles: readonly Box[], parts: number): Box[][] {
  const sorted = [...tiles].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const per = Math.ceil(sorted.length / Math.max(1, parts));
  const groups: Box[][] = [];
  for (let i = 0; i < sorted.length; i += per) groups.push(sorted.slice(i, i + per));
  return groups;
}

/**
 * Searches a frame with `search`, which finds faces within the regions it is given (merging its
 * own duplicates), says which it saw whole, and leaves out those that are one of `known`. A face the
 * whole frame found is kept as found there (seen whole, its mesh from the full-resolution crop), so
 * the tiles only add faces, and none is described twice.
 */
export async function searchFrame<T extends Found>(width: number, height: number, search: (regions: Box[], known: Box[]) => Promise<Array<RegionFace<T>>>, parts = 1): Promise<T[]> {
  if (Math.min(width, height) < MIN_SIDE) return [];
  const first = (await search([[0, 0, width, height]], [])).map((f) => f.face);
  const known = first.map((f) => f.box);
  const tiles = tilesWorthSearching(width, height, known);
  if (tiles.length === 0) return first;
  const rest = await Promise.all(shareOut(tiles, parts).map((g) => search(g, known)));
  // Faces in the overlap of two threads' shares were found by both.
  const added = mergeDetections(rest.flat().map((f) => ({ ...f, box: f.face.box, score: f.face.quality.detection }))).map((d) => d.face);
  return [...first, ...added];
}
