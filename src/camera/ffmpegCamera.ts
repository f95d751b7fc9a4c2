import { spawn, type ChildProcess } from 'node:child_process';
import type { Logger } from 'pino';
import type { CameraConfig } from '../config/schema.ts';
import { FrameFeed } from './frameFeed.ts';
import { redactUrl } from '../core/redact.ts';

export type CameraKind = 'v4l2' | 'rtsp' | 'http' | 'file';

export function cameraKind(input: string): CameraKind {
  if (input.startsWith('/dev/video')) return 'v4l2';
  if (/^rtsps?:\/\//.test(input)) return 'rtsp';
  if (/^https?:\/\//.test(input)) return 'http';
  return 'file';
}

/** ffmpeg's arguments: any source in, fixed-size RGB frames at a steady rate out on stdout. */
export function ffmpegArgs(cfg: CameraConfig): string[] {
  const kind = cameraKind(cfg.input);
  const input: string[] = {
    // Live sources: hand over each frame as soon as it is decoded.
    v4l2: ['-fflags', 'nobuffer', '-f', 'v4l2', '-framerate', String(cfg.fps), '-video_size', `${cfg.width}x${cfg.height}`, '-i', cfg.input],
    rtsp: ['-fflags', 'nobuffer', '-rtsp_transport', 'tcp', '-timeout', '5000000', '-i', cfg.input],
    http: ['-rw_timeout', '5000000', '-i', cfg.input],
    // A file plays at its own speed, like a camera would deliver it.
    file: ['-re', ...(cfg.loop ? ['-stream_loop', '-1'] : []), '-i', cfg.input],
  }[kind];
  const fit = `fps=${cfg.fps},scale=${cfg.width}:${cfg.height}:force_original_aspect_ratio=decrease,pad=${cfg.width}:${cfg.height}:(ow-iw)/2:(oh-ih)/2`;
  return ['-hide_banner', '-loglevel', 'error', '-nostdin', ...input, '-an', '-vf', fit, '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1'];
}

export interface FfmpegCameraOptions {
  config: CameraConfig;
  log: Logger;
  /** Seconds of frames kept for the door's pre-roll. */
  keepMs: number;
  /** No frame for this long counts as a dead stream. */
  stallMs?: number;
  /** First restart delay; doubles up to maxBackoffMs while the stream keeps failing. */
  backoffMs?: number;
  maxBackoffMs?: number;
  ffmpegPath?: string;
}

/**
 * A camera read through ffmpeg (V4L2 device, RTSP/HTTP stream or file). When ffmpeg exits or the
 * stream stalls, the camera goes offline and ffmpeg is restarted with a growing back-off.
 */
export class FfmpegCamera {
  readonly feed: FrameFeed;
  private child: ChildProcess | undefined;
  private restartTimer: NodeJS.Timeout | undefined;
  private stallTimer: NodeJS.Timeout | undefined;
  private backoff: number;
  private stopped = true;
  private lastError = '';

  constructor(private readonly o: FfmpegCameraOptions) {
    this.feed = new FrameFeed(o.keepMs);
    this.backoff = o.backoffMs ?? 1000;
  }

  start(): void {
    this.stopped = false;
    this.spawn();
  }

  private spawn(): void {
    const { width, height } = this.o.config;
    const frameBytes = width * height * 3;
    const child = spawn(this.o.ffmpegPath ?? 'ffmpeg', ffmpegArgs(this.o.config), { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    this.armStallTimer();
    child.stdout?.on('data', (chunk: Buffer) => {
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes < frameBytes) return;
      let all = Buffer.concat(pending);
      while (all.length >= frameBytes) {
        // A copy: the frame outlives the chunk it came in.
        this.feed.push({ data: new Uint8Array(all.subarray(0, frameBytes)), width, height });
        all = all.subarray(frameBytes);
      }
      pending = all.length ? [all] : [];
      pendingBytes = all.length;
      this.backoff = this.o.backoffMs ?? 1000;
      this.armStallTimer();
    });
    child.stderr?.on('data', (d: Buffer) => {
      this.lastError = d.toString().trim().split('\n').pop()?.slice(0, 300) ?? '';
    });
    child.on('error', (err) => {
      this.lastError = err.message;
    });
    child.on('close', (code) => {
      if (this.child !== child) return;
      this.child = undefined;
      clearTimeout(this.stallTimer);
      if (this.stopped) return;
      this.offline(`ffmpeg exited (${code ?? 'signal'})${this.lastError ? `: ${this.lastError}` : ''}`);
    });
  }

  private armStallTimer(): void {
    clearTimeout(this.stallTimer);
    this.stallTimer = setTimeout(() => {
      this.lastError = `no frame for ${this.o.stallMs ?? 5000} ms`;
      this.child?.kill('SIGKILL');
    }, this.o.stallMs ?? 5000);
    this.stallTimer.unref();
  }

  private offline(detail: string): void {
    this.feed.setOnline(false, detail);
    this.o.log.warn({ input: redactUrl(this.o.config.input), detail, retryInMs: this.backoff }, 'camera offline');
    this.restartTimer = setTimeout(() => this.spawn(), this.backoff);
    this.backoff = Math.min(this.o.maxBackoffMs ?? 30_000, this.backoff * 2);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.restartTimer);
    clearTimeout(this.stallTimer);
    const child = this.child;
    this.child = undefined;
    if (child && child.exitCode === null) {
      const gone = new Promise((resolve) => child.once('close', resolve));
      child.kill('SIGKILL');
      await gone;
    }
  }
}
