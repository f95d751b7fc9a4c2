// A real face mesh (Human on a real photo, with its depth estimate) turned in 3D, for tests of
// what is read from meshes: head pose, challenges.
import { readFileSync } from 'node:fs';

const { mesh } = JSON.parse(readFileSync('test/fixtures/mesh.json', 'utf8')) as { mesh: number[] };
const n = mesh.length / 3;
const centre = [0, 1, 2].map((k) => mesh.filter((_, i) => i % 3 === k).reduce((a, b) => a + b, 0) / n) as [number, number, number];

/**
 * The head turned by yaw degrees to the person's own left (nose to the image's right) and pitched
 * up by pitch degrees, seen orthographically (mesh z grows away from the camera).
 */
export function rotatedMesh(yawDeg: number, pitchDeg = 0): Float32Array {
  const a = (yawDeg * Math.PI) / 180, b = (pitchDeg * Math.PI) / 180;
  const out = new Float32Array(mesh.length);
  for (let i = 0; i < n; i++) {
    const x = (mesh[3 * i] as number) - centre[0], y = (mesh[3 * i + 1] as number) - centre[1], z = (mesh[3 * i + 2] as number) - centre[2];
    const x1 = Math.cos(a) * x - Math.sin(a) * z, z1 = Math.sin(a) * x + Math.cos(a) * z;
    const y2 = Math.cos(b) * y + Math.sin(b) * z1, z2 = -Math.sin(b) * y + Math.cos(b) * z1;
    out[3 * i] = x1 + centre[0];
    out[3 * i + 1] = y2 + centre[1];
    out[3 * i + 2] = z2 + centre[2];
  }
  return out;
}
