import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { FfmpegCamera, cameraKind, ffmpegArgs } from '../src/camera/ffmpegCamera.ts';
import { redactUrl } from '../src/core/redact.ts';
import { makeClip, portrait } from './faceVideos.ts';
import { silentLog, tmpDir } from './helpers.ts';

const cfg = (input: string, loop = false) => ({ input, width: 320, height: 240, fps: 10, loop });

test('sources are told apart and ffmpeg is asked for fixed-size RGB frames', () => {
  assert.equal(cameraKind('/dev/video0'), 'v4l2');
  assert.equal(cameraKind('rtsp://cam.local/stream'), 'rtsp');
  assert.equal(cameraKind('https://cam.local/video.mjpg'), 'http');
  assert.equal(cameraKind('/srv/clip.mp4'), 'file');
  const args = ffmpegArgs(cfg('/dev/video0'));
  assert.deepEqual(args.slice(args.indexOf('-f'), args.indexOf('-f') + 2), ['-f', 'v4l2']);
  assert.deepEqual(args.slice(-5), ['-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1']);
  assert.equal(redactUrl('rtsp://admin:secret@10.0.0.5/live'), 'rtsp://***@10.0.0.5/live');
});

test('an HTTP stream that dies takes the camera offline; it comes back by itself when the stream does', async () => {
  const tmp = tmpDir();
  // An MPEG-TS stream that never ends by itself, paced like a live camera, until the server goes.
  const clip = readFileSync(await makeClip(path.join(tmp.dir, 'clip.ts'), { main: [portrait('amy', 3)], frames: 20 }));
  const serve = (): Promise<Server> =>
    new Promise((resolve) => {
      const s = createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'video/mp2t' });
        let at = 0;
        const timer = setInterval(() => {
          res.write(clip.subarray(at, at + 16 * 1024));
          at = at + 16 * 1024 >= clip.length ? 0 : at + 16 * 1024;
        }, 20);
        res.on('close', () => clearInterval(timer));
      });
      s.listen(port, '127.0.0.1', () => resolve(s));
    });
  let port = 0;
  let server = await serve();
  port = (server.address() as { port: number }).port;
  const camera = new FfmpegCamera({ config: cfg(`http://127.0.0.1:${port}/clip.ts`), log: silentLog(), keepMs: 1000, backoffMs: 200, maxBackoffMs: 400, stallMs: 2000 });
  const status: string[] = [];
  let frames = 0;
  camera.feed.onStatus((online) => status.push(online ? 'online' : 'offline'));
  camera.feed.onFrame((f) => {
    frames++;
    assert.equal(f.image.data.length, 320 * 240 * 3);
  });
  try {
    camera.start();
    const until = async (want: string[], ms: number) => {
      const end = Date.now() + ms;
      while (status.join() !== want.join() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual(status, want);
    };
    await until(['online'], 5000);
    // The camera's server goes away mid-stream.
    const closed = new Promise<void>((r) => server.close(() => r()));
    server.closeAllConnections();
    await closed;
    await until(['online', 'offline'], 6000);
    assert.ok(frames >= 10, `${frames} frames before the stream ended`);
    assert.equal(camera.feed.since(0).length, 0, 'no stale frames are kept while offline');
    server = await serve();
    await until(['online', 'offline', 'online'], 6000);
  } finally {
    await camera.stop();
    server.close();
    server.closeAllConnections();
    tmp.cleanup();
  }
});
