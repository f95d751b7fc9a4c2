import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createReadStream, statSync } from 'node:fs';
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
  const clip = await makeClip(path.join(tmp.dir, 'clip.mp4'), { main: [portrait('amy', 3)], frames: 20 });
  const serve = (): Promise<Server> =>
    new Promise((resolve) => {
      const s = createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': statSync(clip).size });
        createReadStream(clip).pipe(res);
      });
      s.listen(port, '127.0.0.1', () => resolve(s));
    });
  let port = 0;
  let server = await serve();
  port = (server.address() as { port: number }).port;
  const camera = new FfmpegCamera({ config: cfg(`http://127.0.0.1:${port}/clip.mp4`), log: silentLog(), keepMs: 1000, backoffMs: 200, maxBackoffMs: 400, stallMs: 2000 });
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
    // The clip ends (as a stream that drops would) and the server goes away.
    await new Promise<void>((r) => server.close(() => r()));
    server.closeAllConnections();
    await until(['online', 'offline'], 6000);
    assert.ok(frames >= 10, `${frames} frames before the stream ended`);
    assert.equal(camera.feed.since(0).length, 0, 'no stale frames are kept while offline');
    server = await serve();
    await until(['online', 'offline', 'online'], 6000);
  } finally {
    await camera.stop();
    server.close();
    tmp.cleanup();
  }
});
