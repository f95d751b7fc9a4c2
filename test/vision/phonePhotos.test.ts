import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startTestVigil, tmpDir, type TestVigil } from '../helpers.ts';
import { PeopleRepo } from '../../src/store/people.ts';
import { locateSources, onePerson, scorePhones, severalPeople, type PhonePhoto, type Source } from '../../eval/phoneSet.ts';

// Phone-size photos (12 MP, stored turned with an EXIF orientation tag) made from the fixture photos
// at test time, through the real face service: one face per person, and one-person photos enrol.
// The whole set (10 sources x 6 face sizes, groups of 2-4) is `npm run eval:phones`.
const FIX = 'test/fixtures/faces';
const tmp = tmpDir();
let v: TestVigil;
let sources: Source[];

before(async () => {
  v = await startTestVigil({ env: { VIGIL_VISION_WORKERS: '1' } });
  sources = await locateSources(
    (img) => v.vigil.faces.analyze(img),
    [
      ['people__obama__obama2.jpg', 'obama'],
      ['people__biden__biden2.jpg', 'biden'],
      ['probes__obama1.jpg', 'obama'],
      ['probes__lin-manuel-miranda.jpg', 'lin'],
    ].map(([f, who]): [string, string] => [path.join(FIX, f as string), who as string]),
  );
  assert.equal(sources.length, 4, 'each fixture shows one face');
});
after(async () => {
  await v?.stop();
  tmp.cleanup();
});

test('12 MP phone photos, faces 10 %-80 % of the frame, any EXIF orientation: one detection per person, and one-person photos enrol', async () => {
  const [obama2, biden, obama1, lin] = sources as [Source, Source, Source, Source];
  const photos: PhonePhoto[] = [
    await onePerson(tmp.dir, obama2, 0.1, false, 6, 0),
    await onePerson(tmp.dir, biden, 0.8, true, 8, 1),
    await onePerson(tmp.dir, obama1, 0.35, false, 5, 2),
    await onePerson(tmp.dir, lin, 0.6, true, 7, 3),
    await severalPeople(tmp.dir, [biden, obama1, lin], 0.15, true, 6, 4),
  ];
  const results = await scorePhones(photos, v.vigil.faces, new PeopleRepo(v.vigil.store.db), (f) => readFileSync(f));
  const summary = results.map((r) => `${path.basename(r.photo.file)}: ${r.found} found, ${r.enrolFailure ?? 'enrolled'}`).join('\n');
  for (const r of results) {
    assert.equal(r.found, r.photo.people.length, summary);
    if (r.photo.people.length === 1) assert.equal(r.enrolFailure, null, summary);
  }
});
