import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync, readdirSync, mkdirSync, copyFileSync, writeFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import sharp from 'sharp';
import { startTestVigil, tmpDir, type ApiClient, type TestVigil } from '../helpers.ts';
import { readReplicaSource } from '../../src/nodes/snapshot.ts';

// Real models on real photos, through the HTTP API as a client would use it.
const FIX = 'test/fixtures/faces';
const photo = (name: string) => readFileSync(path.join(FIX, name));

interface Face {
  box: number[];
  person: { id: string; name: string } | null;
  score: number;
  live: false | null;
}

async function upload(c: ApiClient, url: string, buf: Buffer, filename = 'photo.jpg'): Promise<Response> {
  const form = new FormData();
  form.append('image', new Blob([new Uint8Array(buf)]), filename);
  return fetch(c.base + url, { method: 'POST', body: form, headers: { cookie: c.cookie, 'x-csrf-token': c.csrf } });
}

describe('faces end to end: enrol, recognise, delete', () => {
  let v: TestVigil;
  let admin: ApiClient;
  const ids: Record<string, string> = {};

  before(async () => {
    v = await startTestVigil({ env: { VIGIL_VISION_KEEP_PHOTOS: 'true', VIGIL_VISION_WORKERS: '1' } });
    admin = await v.client();
    for (const [name, files] of Object.entries({
      amy: ['portraits__amy__amy1.png', 'portraits__amy__amy2.png'],
      howard: ['portraits__howard__howard1.png', 'portraits__howard__howard2.png'],
      obama: ['people__obama__obama2.jpg'],
      biden: ['people__biden__biden2.jpg'],
    })) {
      const p = await admin.json<{ id: string }>('POST', '/api/people', { name });
      ids[name] = p.id;
      for (const f of files) {
        const res = await upload(admin, `/api/people/${p.id}/faces`, photo(f), f);
        assert.equal(res.status, 201, `${f}: ${await res.clone().text()}`);
      }
    }
  });
  after(async () => v?.stop());

  const recognize = async (buf: Buffer) => {
    const res = await upload(admin, '/api/recognize', buf);
    assert.equal(res.status, 200, await res.clone().text());
    return ((await res.json()) as { faces: Face[] }).faces;
  };

  test('the same people in other photos are recognised', async () => {
    for (const [file, who] of [
      ['portraits__amy__amy3.png', 'amy'],
      ['portraits__howard__howard3.png', 'howard'],
      ['probes__obama1.jpg', 'obama'],
      ['probes__obama-240p.jpg', 'obama'],
    ] as const) {
      const faces = await recognize(photo(file));
      assert.equal(faces.length, 1, file);
      assert.equal(faces[0]?.person?.name, who, `${file}: ${JSON.stringify(faces[0])}`);
      assert.ok((faces[0]?.score ?? 0) >= 0.92);
    }
  });

  test('several people in one photo are each named', async () => {
    const faces = await recognize(photo('probes__two_people.jpg'));
    assert.deepEqual(faces.map((f) => f.person?.name).sort(), ['biden', 'obama']);
  });

  test('different people and strangers are not matched', async () => {
    for (const file of ['portraits__penny__penny1.png', 'portraits__penny__penny2.png', 'probes__lin-manuel-miranda.jpg']) {
      const faces = await recognize(photo(file));
      assert.ok(faces.length >= 1, file);
      assert.equal(faces[0]?.person, null, `${file} was taken for ${faces[0]?.person?.name}`);
    }
  });

  test('an image without a face yields no face; bad images get clear 4xx errors', async () => {
    const noise = await sharp(Buffer.from(Array.from({ length: 320 * 240 * 3 }, (_, i) => (i * 7919) % 251)), { raw: { width: 320, height: 240, channels: 3 } }).jpeg().toBuffer();
    assert.deepEqual(await recognize(noise), []);
    const gif = await sharp(photo('portraits__amy__amy1.png')).gif().toBuffer();
    assert.equal((await upload(admin, '/api/recognize', gif)).status, 415);
    const jpeg = photo('probes__obama1.jpg');
    const broken = await upload(admin, '/api/recognize', jpeg.subarray(0, jpeg.length / 3));
    assert.equal(broken.status, 400);
    assert.match(((await broken.json()) as { message: string }).message, /damaged/);
    assert.equal((await upload(admin, '/api/recognize', Buffer.alloc(11 * 1024 * 1024, 1))).status, 413);
    const raw = await fetch(`${v.base}/api/recognize`, { method: 'POST', body: new Uint8Array(photo('portraits__amy__amy3.png')), headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': 'image/png' } });
    assert.equal(((await raw.json()) as { faces: Face[] }).faces[0]?.person?.name, 'amy', 'a raw image body works too');
  });

  test('a decompression bomb is refused at once, a crowd of large pictures is queued or told to come back, and Vigil keeps answering', async () => {
    const operator = await v.client('operator');
    // 6000x6000 black pixels in ~100 KB: 108 MB of RGB if decoded whole.
    const bomb = await sharp({ create: { width: 6000, height: 6000, channels: 3, background: '#000' } }).png({ compressionLevel: 9 }).toBuffer();
    const rss = process.memoryUsage().rss;
    const t0 = performance.now();
    const answers = await Promise.all([1, 2, 3].map(() => upload(operator, '/api/recognize', bomb)));
    assert.deepEqual(answers.map((r) => r.status), [413, 413, 413]);
    assert.ok(performance.now() - t0 < 10_000, 'answered within seconds');
    // Just under the pixel limit: decoded shrunk; ten at once overflow the two places and four waiting.
    const under = await sharp({ create: { width: 4800, height: 4800, channels: 3, background: '#000' } }).png({ compressionLevel: 9 }).toBuffer();
    const crowd = await Promise.all(Array.from({ length: 10 }, () => upload(operator, '/api/recognize', under)));
    const statuses = crowd.map((r) => r.status);
    assert.ok(statuses.every((s) => s === 200 || s === 503), statuses.join());
    assert.ok(statuses.includes(200), 'some are worked on');
    const busy = crowd.find((r) => r.status === 503);
    assert.ok(busy, 'the rest are told to come back');
    assert.ok(Number(busy.headers.get('retry-after')) > 0);
    assert.ok(process.memoryUsage().rss - rss < 600e6, `RSS grew by ${((process.memoryUsage().rss - rss) / 1e6).toFixed(0)} MB`);
    const faces = await recognize(photo('portraits__amy__amy3.png'));
    assert.equal(faces[0]?.person?.name, 'amy', 'still answering');
  });

  test('enrolment refuses photos without exactly one usable face, and changes nothing', async () => {
    const before = (await admin.json<{ templates: unknown[] }>('GET', `/api/people/${ids.amy}`)).templates.length;
    const group = await upload(admin, `/api/people/${ids.amy}/faces`, photo('groups__bbt1.jpg'));
    assert.equal(group.status, 422);
    assert.equal(((await group.json()) as { error: string }).error, 'several_faces');
    const noise = await sharp({ create: { width: 200, height: 200, channels: 3, background: '#808080' } }).png().toBuffer();
    const none = await upload(admin, `/api/people/${ids.amy}/faces`, noise);
    assert.equal(none.status, 422);
    assert.equal(((await none.json()) as { error: string }).error, 'no_face');
    assert.equal((await admin.json<{ templates: unknown[] }>('GET', `/api/people/${ids.amy}`)).templates.length, before);
    assert.equal((await upload(admin, `/api/people/00000000-0000-4000-8000-000000000000/faces`, photo('portraits__amy__amy3.png'))).status, 404);
  });

  test('templates are encrypted at rest, bound to their person', async () => {
    const rows = await v.vigil.store.db.selectFrom('face_templates').select(['embedding', 'person_id']).execute();
    assert.ok(rows.length >= 6);
    for (const r of rows) {
      const raw = Buffer.from(r.embedding, 'base64');
      assert.equal(raw.length, 12 + 16 + 128 * 4, 'iv + tag + 128 float32');
    }
  });

  test('viewers cannot enrol or recognise; operators recognise but cannot enrol', async () => {
    const viewer = await v.client('viewer');
    const operator = await v.client('operator');
    assert.equal((await upload(viewer, '/api/recognize', photo('portraits__amy__amy3.png'))).status, 403);
    assert.equal((await upload(operator, '/api/recognize', photo('portraits__amy__amy3.png'))).status, 200);
    assert.equal((await upload(operator, `/api/people/${ids.amy}/faces`, photo('portraits__amy__amy3.png'))).status, 403);
    assert.equal((await viewer.request('GET', '/api/people?search=AM')).status, 200);
    assert.deepEqual((await viewer.json<Array<{ name: string }>>('GET', '/api/people?search=AM')).map((p) => p.name), ['amy', 'obama'], 'case-insensitive substring');
    assert.deepEqual(await viewer.json('GET', '/api/people?search=%25'), [], 'a % is literal');
  });

  test('1:1 verify against one person, and the multi-frame check on a photo held to the camera', async () => {
    const probe = async (file: string) => {
      const [face] = await v.vigil.faces.analyze(await v.vigil.faces.decode(photo(file)));
      assert.ok(face, file);
      return face.embedding;
    };
    assert.equal(v.vigil.faces.verify(ids.obama as string, await probe('probes__obama1.jpg')).match, true);
    assert.equal(v.vigil.faces.verify(ids.biden as string, await probe('probes__obama1.jpg')).match, false, 'Obama is not Biden');
    assert.equal(v.vigil.faces.verify(ids.howard as string, await probe('portraits__penny__penny1.png')).match, false);

    const still = await v.vigil.faces.decode(photo('people__obama__obama2.jpg'));
    const burst = await v.vigil.faces.checkBurst([still, still, still, still]);
    assert.equal(burst.faces.length, 4);
    assert.equal(burst.live, false);
    assert.ok(burst.reasons.includes('the face did not move'));
  });

  test('PINs and fobs: set, never shown, unique, admin only, gone with the person', async () => {
    const viewer = await v.client('viewer');
    assert.equal((await viewer.request('PUT', `/api/people/${ids.howard}/pin`, { pin: '2468' })).status, 403);
    assert.equal((await admin.request('PUT', `/api/people/${ids.howard}/pin`, { pin: '2468' })).status, 204);
    assert.equal((await admin.request('PUT', `/api/people/${ids.howard}/duress-pin`, { pin: '8642' })).status, 204);
    assert.equal((await admin.request('POST', `/api/people/${ids.howard}/fobs`, { fob: 'DEADBEEF' })).status, 201);
    assert.equal((await admin.request('PUT', `/api/people/${ids.obama}/pin`, { pin: '2468' })).status, 409);
    assert.equal((await admin.request('PUT', `/api/people/${ids.obama}/pin`, { pin: '12a4' })).status, 400);
    const list = await admin.request('GET', `/api/people/${ids.howard}/credentials`);
    const text = await list.text();
    assert.deepEqual((JSON.parse(text) as Array<{ kind: string }>).map((c) => c.kind).sort(), ['duress_pin', 'fob', 'pin']);
    assert.ok(!text.includes('2468') && !text.includes('8642') && !text.toLowerCase().includes('deadbeef'), 'values are never returned');
  });

  test('a face enrolled before chips were kept gets its thumbnail from the kept photo, once', async () => {
    const howard = await admin.json<{ templates: Array<{ id: string }> }>('GET', `/api/people/${ids.howard}`);
    const id = howard.templates[0]?.id as string;
    await v.vigil.store.db.updateTable('face_templates').set({ chip: null }).where('id', '=', id).execute();
    const res = await admin.request('GET', `/api/people/${ids.howard}/faces/${id}/thumbnail`);
    assert.equal(res.status, 200);
    assert.deepEqual(await sharp(Buffer.from(await res.arrayBuffer())).metadata().then((m) => [m.format, m.width, m.height]), ['jpeg', 112, 112]);
    const row = await v.vigil.store.db.selectFrom('face_templates').select('chip').where('id', '=', id).executeTakeFirstOrThrow();
    assert.ok(row.chip, 'the chip cut from the photo is stored for next time');
  });

  test('deleting one face, then the person, removes every template and photo', async () => {
    const amy = await admin.json<{ templates: Array<{ id: string; hasPhoto: boolean }> }>('GET', `/api/people/${ids.amy}`);
    assert.ok(amy.templates.every((t) => t.hasPhoto));
    const dir = path.join(v.config.dataDir, 'faces', ids.amy as string);
    assert.equal(readdirSync(dir).length, 2);
    assert.equal((await admin.request('DELETE', `/api/people/${ids.amy}/faces/${amy.templates[0]?.id}`)).status, 204);
    assert.equal(readdirSync(dir).length, 1);
    assert.equal((await admin.request('DELETE', `/api/people/${ids.amy}`)).status, 204);
    assert.equal(existsSync(dir), false);
    assert.equal((await v.vigil.store.db.selectFrom('face_templates').select('id').where('person_id', '=', ids.amy as string).execute()).length, 0);
    assert.equal((await admin.request('GET', `/api/people/${ids.amy}`)).status, 404);
    assert.equal((await admin.request('DELETE', `/api/people/${ids.howard}`)).status, 204);
    assert.equal((await v.vigil.store.db.selectFrom('credentials').select('id').where('person_id', '=', ids.howard as string).execute()).length, 0, 'PINs and fobs go with the person');
    const faces = await recognize(photo('portraits__amy__amy3.png'));
    assert.equal(faces[0]?.person, null, 'a deleted person is no longer recognised');
  });
});

describe('face thumbnails when enrolment photos are not kept (the default)', () => {
  let v: TestVigil;
  let admin: ApiClient;

  before(async () => {
    v = await startTestVigil({ env: { VIGIL_VISION_WORKERS: '1' } });
    admin = await v.client();
  });
  after(async () => v?.stop());

  test('each face keeps a small encrypted chip: shown to admins only, never replicated, deleted with the face and the person', async () => {
    const amy = await admin.json<{ id: string }>('POST', '/api/people', { name: 'amy' });
    for (const f of ['portraits__amy__amy1.png', 'portraits__amy__amy2.png']) assert.equal((await upload(admin, `/api/people/${amy.id}/faces`, photo(f), f)).status, 201);
    const { templates } = await admin.json<{ templates: Array<{ id: string; hasPhoto: boolean; hasThumbnail: boolean }> }>('GET', `/api/people/${amy.id}`);
    assert.deepEqual(templates.map((t) => [t.hasPhoto, t.hasThumbnail]), [[false, true], [false, true]]);
    assert.equal(existsSync(path.join(v.config.dataDir, 'faces')), false, 'no photo was written');

    const url = (id: string | undefined) => `/api/people/${amy.id}/faces/${id}/thumbnail`;
    const res = await admin.request('GET', url(templates[0]?.id));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/jpeg');
    assert.match(res.headers.get('cache-control') ?? '', /^private/);
    const jpeg = Buffer.from(await res.arrayBuffer());
    const meta = await sharp(jpeg).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['jpeg', 112, 112]);
    assert.ok(jpeg.length < 16 * 1024, `${jpeg.length} bytes: a thumbnail, not a photo`);
    const [face] = await v.vigil.faces.analyze(await v.vigil.faces.decode(jpeg));
    assert.ok(face, 'the thumbnail shows a face');
    mkdirSync('test-artifacts/faces', { recursive: true });
    writeFileSync('test-artifacts/faces/thumbnail-without-kept-photo.jpg', jpeg);

    for (const role of ['operator', 'viewer'] as const) assert.equal((await (await v.client(role)).request('GET', url(templates[0]?.id))).status, 403, role);
    assert.equal((await fetch(v.base + url(templates[0]?.id))).status, 401, 'signed out');

    const rows = await v.vigil.store.db.selectFrom('face_templates').select(['id', 'chip']).execute();
    for (const r of rows) assert.ok(r.chip && !r.chip.startsWith(jpeg.subarray(0, 3).toString('base64')), 'stored encrypted, not as a JPEG');
    const replica = await readReplicaSource(v.vigil.store.db);
    assert.equal(replica.templates.length, 2);
    assert.ok(replica.templates.every((t) => !('chip' in t)), 'door nodes get embeddings, not pictures');

    assert.equal((await admin.request('DELETE', `/api/people/${amy.id}/faces/${templates[0]?.id}`)).status, 204);
    assert.equal((await admin.request('GET', url(templates[0]?.id))).status, 404);
    assert.equal((await v.vigil.store.db.selectFrom('face_templates').select('id').where('id', '=', templates[0]?.id as string).execute()).length, 0);
    assert.equal((await admin.request('GET', url(templates[1]?.id))).status, 200, 'the other face is still shown');
    assert.equal((await admin.request('DELETE', `/api/people/${amy.id}`)).status, 204);
    assert.equal((await admin.request('GET', url(templates[1]?.id))).status, 404);
    assert.equal((await v.vigil.store.db.selectFrom('face_templates').select('id').where('chip', 'is not', null).execute()).length, 0, 'no picture of a face is left');
  });
});

describe('vigil enroll and identify', () => {
  const run = promisify(execFile);
  const t = tmpDir();
  after(() => t.cleanup());

  test('enroll a folder of people, identify images; JSON as documented', async () => {
    const folder = path.join(t.dir, 'people');
    for (const [who, files] of Object.entries({ howard: ['portraits__howard__howard1.png', 'portraits__howard__howard2.png', 'groups__bbt1.jpg'], obama: ['people__obama__obama2.jpg'] })) {
      mkdirSync(path.join(folder, who), { recursive: true });
      for (const f of files) copyFileSync(path.join(FIX, f), path.join(folder, who, f));
    }
    writeFileSync(path.join(folder, 'obama', 'notes.txt'), 'not a photo');
    const data = path.join(t.dir, 'data');
    const env = { ...process.env, VIGIL_VISION_WORKERS: '1' };
    const enrol = await run(process.execPath, ['bin/vigil.js', '--data', data, '--json', 'enroll', folder], { env });
    const summary = JSON.parse(enrol.stdout) as { people: Array<{ name: string; enrolled: number; rejected: Array<{ file: string; reason: string }> }> };
    assert.deepEqual(summary.people.map((p) => [p.name, p.enrolled, p.rejected.map((r) => r.file)]), [
      ['howard', 2, ['groups__bbt1.jpg']],
      ['obama', 1, ['notes.txt']],
    ]);
    const id = await run(process.execPath, ['bin/vigil.js', '--data', data, '--json', 'identify', path.join(FIX, 'portraits__howard__howard3.png'), path.join(FIX, 'probes__lin-manuel-miranda.jpg'), path.join(t.dir, 'missing.jpg')], { env }).catch((err: { stdout: string; code: number }) => {
      assert.equal(err.code, 1, 'a file that cannot be read makes the exit code 1');
      return err;
    });
    const out = JSON.parse(id.stdout) as { results: Array<{ file: string; faces?: Face[]; error?: string }> };
    assert.equal(out.results[0]?.faces?.[0]?.person?.name, 'howard');
    assert.equal(out.results[0]?.faces?.[0]?.box.length, 4);
    // One photo never says live: null (unknown) or false (refused by the single-frame check).
    assert.ok([null, false].includes(out.results[0]?.faces?.[0]?.live as null | false), JSON.stringify(out.results[0]));
    assert.equal(out.results[1]?.faces?.[0]?.person, null);
    assert.match(out.results[2]?.error ?? '', /ENOENT|no such file/);
  });
});
