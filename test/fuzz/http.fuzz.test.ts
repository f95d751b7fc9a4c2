// Fuzzing the HTTP boundary of a running Vigil: random bodies and query strings on every route
// of the live route table, random and mutated images on the image routes and the kiosk's frame
// endpoint, hostile strings through the CSV export. No answer is a server error.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { startTestVigil, type ApiClient, type TestVigil } from '../helpers.ts';
import { DoorTokenRepo } from '../../src/store/doorTokens.ts';
import { decodeImage, ImageError } from '../../src/vision/decode.ts';
import { budget } from './budget.ts';
import { anEvent } from '../fixtures/events.ts';

const FACES = path.join(import.meta.dirname, '../fixtures/faces');
const jpeg = readFileSync(path.join(FACES, 'probes__obama-240p.jpg'));
const png = readFileSync(path.join(FACES, 'portraits__amy__amy1.png'));

/** A real image with bytes flipped, cut short or spliced: what a broken upload looks like. */
const mutatedImage = fc
  .tuple(fc.constantFrom(jpeg, png), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 255 })), { maxLength: 20 }), fc.option(fc.nat()))
  .map(([base, flips, cut]) => {
    const b = Buffer.from(base);
    for (const [at, v] of flips) b[at % b.length] = v;
    return cut === null ? b : b.subarray(0, cut % b.length);
  });
const images = fc.oneof(mutatedImage, fc.uint8Array({ maxLength: 2048 }).map((u) => Buffer.from(u)));

test('fuzz: image decoding gives a picture or an ImageError, never anything else', async () => {
  await fc.assert(
    fc.asyncProperty(images, async (buf) => {
      try {
        const img = await decodeImage(buf);
        assert.equal(img.data.length, img.width * img.height * 3);
      } catch (err) {
        if (!(err instanceof ImageError)) throw err;
        assert.ok([400, 413, 415, 503].includes(err.statusCode));
      }
    }),
    budget(),
  );
});

describe('fuzz: the HTTP API of a running Vigil', () => {
  let v: TestVigil;
  let admin: ApiClient;
  let doorToken: string;
  before(async () => {
    v = await startTestVigil({ file: { doors: [{ id: 'front', name: 'Front', kiosk: true }] } });
    admin = await v.client('admin');
    doorToken = await new DoorTokenRepo(v.vigil.store.db).issue('front');
  });
  after(async () => v?.stop());

  const hostile = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.constantFrom('=HYPERLINK("http://x")', '+1', '-1', '@SUM(A1)', '\t=1', '\r=1', '../../etc/passwd', '%00', '\u0000', '<script>', "'; DROP TABLE events;--", 'x'.repeat(70_000)),
  );
  const value = fc.oneof(fc.jsonValue({ maxDepth: 3 }), hostile);

  test('random JSON bodies and query strings on every route: no 5xx', async () => {
    const routes = v.vigil.http.routeTable.filter((r) => r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.method !== 'HEAD' && r.method !== 'OPTIONS');
    // Signing out would end the fuzzing session; the route matrix covers those.
    const usable = routes.filter((r) => !r.url.startsWith('/api/auth/logout') && r.url !== '/api/auth/password');
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...usable),
        fc.dictionary(fc.string({ maxLength: 12 }), value, { maxKeys: 5 }),
        fc.dictionary(fc.constantFrom('type', 'limit', 'cursor', 'from', 'to', 'personId', 'doorId', 'sensorId', 'search', 'lastEventId', 'x'), hostile, { maxKeys: 4 }),
        fc.string({ maxLength: 40 }),
        async (route, body, query, param) => {
          const url = route.url.replace(/:[A-Za-z]+/g, () => encodeURIComponent(param || 'x')) + '?' + new URLSearchParams(query).toString();
          const ctl = new AbortController();
          const res = await admin.request(route.method, url, route.method === 'GET' || route.method === 'DELETE' ? undefined : body, {}, ctl.signal);
          if (res.headers.get('content-type')?.startsWith('text/event-stream')) ctl.abort();
          else await res.arrayBuffer();
          if (res.status >= 500) failures.push(`${route.method} ${url.slice(0, 200)} -> ${res.status}`);
        },
      ),
      budget(),
    );
    assert.deepEqual(failures, []);
  });

  test('random and broken images on the upload routes and the kiosk frame endpoint: 4xx or a result, no 5xx', async () => {
    const person = await admin.json<{ id: string }>('POST', '/api/people', { name: 'Fuzz' });
    await fc.assert(
      fc.asyncProperty(images, fc.constantFrom('image/jpeg', 'image/png', 'application/octet-stream', 'text/plain'), fc.nat(2), async (buf, type, which) => {
        const target = [
          { url: `/api/people/${person.id}/faces`, headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf } },
          { url: '/api/recognize', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf } },
          { url: '/api/terminal/frame', headers: { authorization: `Bearer ${doorToken}` } },
        ][which] as { url: string; headers: Record<string, string> };
        const res = await fetch(`${v.base}${target.url}`, { method: 'POST', headers: { ...target.headers, 'content-type': type }, body: buf });
        await res.arrayBuffer();
        assert.ok(res.status < 500 || res.status === 503, `${target.url} ${type} ${buf.length} bytes -> ${res.status}`);
      }),
      budget(),
    );
  });

  test('hostile strings in events come back out of the CSV export as they went in, with no formula', async () => {
    await fc.assert(
      // A logged name is at most 500 characters (the event's details schema); longer ones never reach the log.
      fc.asyncProperty(fc.array(hostile.map((t) => t.slice(0, 500)), { minLength: 1, maxLength: 4 }), async (texts) => {
        const sensorId = `fz${Math.random().toString(36).slice(2, 8)}`;
        for (const t of texts) await v.vigil.eventLog.append(anEvent('SensorOpened', { sensorId, details: { name: t } }));
        const res = await admin.request('GET', `/api/events/export.csv?sensorId=${sensorId}`);
        assert.equal(res.status, 200);
        const rows = parse(await res.text(), { columns: true }) as Array<Record<string, string>>;
        assert.equal(rows.length, texts.length);
        const names = rows.map((r) => (JSON.parse((r.details ?? '').replace(/^'/, '')) as { name: string }).name).sort();
        assert.deepEqual(names, [...texts].sort());
        for (const r of rows) for (const cell of Object.values(r)) assert.doesNotMatch(cell, /^[=+\-@\t\r]/);
      }),
      budget(),
    );
  });
});
