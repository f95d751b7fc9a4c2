import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { RgbImage } from './decode.ts';
import type { AnalyzeOptions, FaceAnalysis } from './engine.ts';
import type { WorkerReply, WorkerRequest } from './worker.ts';
import type { Box } from './regions.ts';
import { searchFrame, type RegionFace } from './search.ts';

/** What the rest of Vigil needs from face analysis; the worker pool is the real one. */
export interface FaceAnalyzer {
  analyze(image: RgbImage, opts?: AnalyzeOptions): Promise<FaceAnalysis[]>;
  /** Loads the models now rather than on first use. */
  warm?(): Promise<void>;
  close(): Promise<void>;
}

interface Job {
  id: number;
  image: RgbImage;
  regions: Box[];
  known: Box[];
  opts: AnalyzeOptions;
  resolve: (faces: Array<RegionFace<FaceAnalysis>>) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  job: Job | null;
}

const WORKER_URL = new URL('./workerEntry.mjs', import.meta.url);

/**
 * A fixed set of face-engine threads fed from one queue. A worker that dies fails only its own
 * job and is replaced.
 */
export class WorkerPool implements FaceAnalyzer {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  private constructor(private readonly log: Logger) {}

  static async start(size: number, log: Logger): Promise<WorkerPool> {
    const pool = new WorkerPool(log);
    await Promise.all(Array.from({ length: size }, () => pool.spawn()));
    return pool;
  }

  private spawn(): Promise<void> {
    return new Promise((resolve, reject) => {
      const worker = new Worker(WORKER_URL);
      const slot: Slot = { worker, job: null };
      let ready = false;
      worker.on('message', (msg: WorkerReply) => {
        if ('ready' in msg) {
          ready = true;
          this.slots.push(slot);
          resolve();
          this.pump();
        } else if ('fatal' in msg) {
          reject(new Error(`face models failed to load: ${msg.fatal}`));
        } else {
          const job = slot.job;
          slot.job = null;
          if (job && job.id === msg.id) {
            if ('error' in msg) job.reject(new Error(msg.error));
            else job.resolve(msg.faces);
          }
          this.pump();
        }
      });
      worker.on('error', (err) => {
        this.log.error({ err }, 'face worker crashed');
        if (!ready) reject(err);
      });
      worker.on('exit', (code) => {
        const i = this.slots.indexOf(slot);
        if (i >= 0) this.slots.splice(i, 1);
        slot.job?.reject(new Error(`face worker stopped (exit ${code})`));
        if (!this.closed && ready) {
          this.spawn().catch((err: unknown) => this.log.error({ err }, 'face worker could not be restarted'));
        }
      });
    });
  }

  /** The whole frame on one thread; the tiles, when searched, shared out among the threads so one picture uses every core. */
  async analyze(image: RgbImage, opts: AnalyzeOptions = {}): Promise<FaceAnalysis[]> {
    if (this.closed) throw new Error('face engine is stopped');
    return searchFrame(image.width, image.height, (regions, known) => this.run(image, regions, known, opts), this.slots.length);
  }

  private run(image: RgbImage, regions: Box[], known: Box[], opts: AnalyzeOptions): Promise<Array<RegionFace<FaceAnalysis>>> {
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, image, regions, known, opts, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.job || this.queue.length === 0) continue;
      const job = this.queue.shift() as Job;
      slot.job = job;
      const req: WorkerRequest = { id: job.id, image: job.image, regions: job.regions, known: job.known, opts: job.opts };
      slot.worker.postMessage(req);
    }
  }

  /** A pool that starts its threads on first use, so start-up and commands that never look at a face pay nothing. */
  static lazy(size: number, log: Logger): FaceAnalyzer {
    let pool: Promise<WorkerPool> | undefined;
    const get = () => (pool ??= WorkerPool.start(size, log));
    return {
      async analyze(image, opts) {
        return (await get()).analyze(image, opts);
      },
      async warm() {
        await get();
      },
      async close() {
        if (pool) await (await pool).close();
      },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('face engine is stopped'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
