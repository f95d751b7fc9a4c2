import type { RgbImage } from '../vision/decode.ts';

export interface Frame {
  image: RgbImage;
  /** When it was captured (received), ms since the epoch. */
  at: number;
}

type StatusListener = (online: boolean, detail: string) => void;

/**
 * What every camera hands the door: the frames of the last few seconds and each new one as it
 * arrives, plus whether the camera is delivering. The ffmpeg camera and the kiosk both feed one.
 */
export class FrameFeed {
  private readonly ring: Frame[] = [];
  private readonly listeners = new Set<(f: Frame) => void>();
  private readonly statusListeners = new Set<StatusListener>();
  /** Null until the first frame or failure: a camera that never worked is reported too. */
  private isOnline: boolean | null = null;

  constructor(
    /** How much history to keep, ms. */
    private readonly keepMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get online(): boolean {
    return this.isOnline === true;
  }

  push(image: RgbImage, at = this.now()): void {
    const frame = { image, at };
    this.ring.push(frame);
    while (this.ring.length > 1 && (this.ring[0] as Frame).at < at - this.keepMs) this.ring.shift();
    this.setOnline(true, 'frames arriving');
    for (const fn of [...this.listeners]) fn(frame);
  }

  /** Frames captured at or after `since`, oldest first. */
  since(since: number): Frame[] {
    return this.ring.filter((f) => f.at >= since);
  }

  latest(): Frame | undefined {
    return this.ring[this.ring.length - 1];
  }

  onFrame(fn: (f: Frame) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  onStatus(fn: StatusListener): () => void {
    this.statusListeners.add(fn);
    return () => this.statusListeners.delete(fn);
  }

  setOnline(online: boolean, detail: string): void {
    if (online === this.isOnline) return;
    this.isOnline = online;
    if (!online) this.ring.length = 0;
    for (const fn of [...this.statusListeners]) fn(online, detail);
  }
}
