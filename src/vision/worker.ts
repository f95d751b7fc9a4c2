// Runs the face engine on its own thread: the HTTP server and MQTT stay responsive while faces
// are processed, and with two workers both cores are used.
import { parentPort } from 'node:worker_threads';
import { FaceEngine, type AnalyzeOptions, type FaceAnalysis } from './engine.ts';
import type { RgbImage } from './decode.ts';
import type { Box } from './regions.ts';
import type { RegionFace } from './search.ts';

export type WorkerRequest = { id: number; image: RgbImage; regions: Box[]; known: Box[]; opts: AnalyzeOptions };
export type WorkerReply = { id: number; faces: Array<RegionFace<FaceAnalysis>> } | { id: number; error: string } | { ready: true } | { fatal: string };

const port = parentPort;
if (!port) throw new Error('the face worker must run in a worker thread');

FaceEngine.load().then(
  (engine) => {
    port.on('message', async (req: WorkerRequest) => {
      try {
        const faces = await engine.searchRegions(req.image, req.regions, req.known, req.opts);
        port.postMessage({ id: req.id, faces } satisfies WorkerReply, faces.flatMap(({ face: f }) => [f.embedding.buffer as ArrayBuffer, f.mesh.buffer as ArrayBuffer, ...(f.irisMesh ? [f.irisMesh.buffer as ArrayBuffer] : [])]));
      } catch (err) {
        port.postMessage({ id: req.id, error: (err as Error).message } satisfies WorkerReply);
      }
    });
    port.postMessage({ ready: true } satisfies WorkerReply);
  },
  (err: unknown) => port.postMessage({ fatal: (err as Error).message } satisfies WorkerReply),
);
