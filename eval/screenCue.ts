// A passive cue for screens and prints, from one frame: how much of the face's fine detail sits at
// the very highest frequencies. A screen's pixel grid beats with the camera's into moiré and
// paper adds grain; both put energy into the one-pixel checkerboard band that a lens-blurred real
// face barely has. Pure. Measured by the attack report; not used by the door (see README).
import type { RgbImage } from '../src/vision/decode.ts';

/**
 * Energy of the diagonal one-pixel pattern (the 2x2 Haar "HH" band) over the energy of ordinary
 * gradients (HL + LH), inside the face box: about the same for any real face, higher with a pixel
 * grid or grain in front of it.
 */
export function screenCue(img: RgbImage, box: readonly [number, number, number, number]): number {
  const x0 = Math.max(0, Math.floor(box[0])), y0 = Math.max(0, Math.floor(box[1]));
  const x1 = Math.min(img.width - 1, Math.floor(box[0] + box[2])), y1 = Math.min(img.height - 1, Math.floor(box[1] + box[3]));
  const grey = (x: number, y: number) => {
    const i = (y * img.width + x) * 3;
    return 0.299 * (img.data[i] as number) + 0.587 * (img.data[i + 1] as number) + 0.114 * (img.data[i + 2] as number);
  };
  let hh = 0, edges = 0;
  for (let y = y0; y + 1 <= y1; y += 2) {
    for (let x = x0; x + 1 <= x1; x += 2) {
      const a = grey(x, y), b = grey(x + 1, y), c = grey(x, y + 1), d = grey(x + 1, y + 1);
      hh += (a - b - c + d) ** 2;
      edges += (a + b - c - d) ** 2 + (a - b + c - d) ** 2;
    }
  }
  return edges > 0 ? hh / edges : 0;
}
