// Loads the two model libraries from their npm packages, on the WebAssembly backend, from disk.
// Human finds the face, its mesh, the antispoof and liveness scores; face-api's ResNet (the dlib
// network family the seed report used) describes the aligned face. Both are CommonJS bundles
// that must be required by path.
import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
/** A package's folder, found from its entry point (some do not export package.json). */
function pkgDir(name: string): string {
  let dir = path.dirname(require.resolve(name));
  while (!existsSync(path.join(dir, 'package.json')) || path.basename(dir) === 'dist') {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`cannot find the folder of ${name}`);
    dir = up;
  }
  return dir;
}

/** The part of a tfjs tensor the pipeline touches. */
export interface Tensor {
  dispose(): void;
}
interface Tf {
  tensor3d(values: Uint8Array | Float32Array, shape: [number, number, number], dtype?: 'int32' | 'float32'): Tensor;
  setBackend(name: string): Promise<boolean>;
  ready(): Promise<void>;
  getBackend(): string;
}

/** What Human reports per face (only what Vigil reads). */
export interface HumanFace {
  box: [number, number, number, number];
  score: number;
  boxScore: number;
  mesh: Array<[number, number, number?]>;
  real?: number;
  live?: number;
  rotation?: { angle: { yaw: number; pitch: number; roll: number } } | null;
}
interface HumanInstance {
  tf: Tf;
  load(): Promise<void>;
  warmup(): Promise<unknown>;
  /** Human merges `config` into its own (it stays merged): pass every switch a call depends on. */
  detect(input: Tensor, config?: { face: Record<'iris' | 'antispoof' | 'liveness', { enabled: boolean }> }): Promise<{ face: HumanFace[]; error?: string | null }>;
}
interface FaceApi {
  tf: Tf;
  nets: { faceRecognitionNet: { loadFromDisk(dir: string): Promise<void>; computeFaceDescriptor(t: Tensor | Tensor[]): Promise<Float32Array | Float32Array[]> } };
}

let fetchShimmed = false;
/** Human loads models with fetch(); Node's fetch has no file:// support, so serve those from disk. */
function shimFileFetch(): void {
  if (fetchShimmed) return;
  fetchShimmed = true;
  const real = globalThis.fetch;
  globalThis.fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url.startsWith('file://')) return new Response(await readFile(fileURLToPath(url)));
    return real(input, init);
  };
}

export interface Models {
  human: HumanInstance;
  faceapi: FaceApi;
}

export async function loadModels(opts: { maxFaces: number }): Promise<Models> {
  shimFileFetch();
  const humanDir = pkgDir('@vladmandic/human');
  const wasmDir = path.join(pkgDir('@tensorflow/tfjs-backend-wasm'), 'dist');
  const faceapiDir = pkgDir('@vladmandic/face-api');
  const { Human } = require(path.join(humanDir, 'dist/human.node-wasm.js')) as { Human: new (cfg: unknown) => HumanInstance };
  const faceapi = require(path.join(faceapiDir, 'dist/face-api.node-wasm.js')) as FaceApi;

  const human = new Human({
    backend: 'wasm',
    wasmPath: `${pathToFileURL(wasmDir).href}/`,
    modelBasePath: `${pathToFileURL(path.join(humanDir, 'models')).href}/`,
    debug: false,
    async: true,
    cacheSensitivity: 0,
    filter: { enabled: false },
    face: {
      enabled: true,
      detector: { rotation: false, maxDetected: opts.maxFaces, minConfidence: 0.5, iouThreshold: 0.3 },
      mesh: { enabled: true },
      // The iris model redraws the eyes' outlines (and brows) from a crop of each eye: its lids close
      // in a blink (the eye opening falls to half or less), where the face mesh's own eye points
      // move no more than they do when the head looks up. It costs about a third more per face and
      // moves the eye corners the face chip is aligned on, so it is loaded (and warmed up) here but
      // run only on the frames that ask for eyes (engine.ts passes the switch on every call).
      iris: { enabled: true },
      description: { enabled: false },
      emotion: { enabled: false },
      attention: { enabled: false },
      antispoof: { enabled: true },
      liveness: { enabled: true },
    },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    gesture: { enabled: false },
    segmentation: { enabled: false },
  });
  await human.load();
  await human.warmup();

  await faceapi.tf.setBackend('wasm');
  await faceapi.tf.ready();
  await faceapi.nets.faceRecognitionNet.loadFromDisk(path.join(faceapiDir, 'model'));
  return { human, faceapi };
}
