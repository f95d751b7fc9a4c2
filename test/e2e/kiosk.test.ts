import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { addPerson, startTestVigil, tmpDir, type TestVigil, type TestEvent } from '../helpers.ts';
import { makeClip, portrait } from '../faceVideos.ts';
import { launchChromium, ARTIFACTS } from '../browser.ts';

// The kiosk page in real Chromium: its webcam is Chromium's fake camera playing a clip made from
// real photos; it streams frames to Vigil and shows the answer.
describe('kiosk in Chromium', () => {
  const clips = tmpDir();
  let v: TestVigil;
  let chromium: { browser: Browser; close: () => Promise<void> };
  let token = '';
  let amyId = '';
  const events: TestEvent[] = [];

  before(async () => {
    const camera = await makeClip(path.join(clips.dir, 'amy.y4m'), { main: [3, 4, 5].map((n) => portrait('amy', n)) });
    v = await startTestVigil({
      env: { VIGIL_VISION_WORKERS: '2' },
      // The cycled portraits make a passive "live" clip; they cannot answer a challenge, which the
      // front door (a kiosk door: challenge mode by default) asks for.
      file: {
        doors: [
          { id: 'lobby', name: 'Lobby', kiosk: true, liveness: 'passive', faceWindow: 8, tailgateWindow: 0 },
          { id: 'front', name: 'Front door', kiosk: true, faceWindow: 8, tailgateWindow: 0 },
        ],
      },
    });
    v.vigil.bus.on('log.appended', (e) => events.push(e));
    const admin = await v.client();
    amyId = await addPerson(admin, 'Amy', [portrait('amy', 1), portrait('amy', 2)]);
    assert.equal((await admin.request('PUT', `/api/people/${amyId}/pin`, { pin: '4711' })).status, 204);
    token = (await admin.json<{ token: string }>('POST', '/api/doors/lobby/token')).token;
    await v.vigil.faces.warm();
    chromium = await launchChromium({ fakeCamera: camera });
  });
  after(async () => {
    await chromium?.close();
    await v?.stop();
    clips.cleanup();
  });

  test('PIN on the touch keypad, face from the tablet camera: "Welcome", Entry logged', async () => {
    const page = await chromium.browser.newPage({ viewport: { width: 400, height: 800 } });
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${v.base}/kiosk#token=${token}`);
    await page.getByText('Camera on').waitFor({ timeout: 10_000 });
    assert.equal(new URL(page.url()).hash, '', 'the token leaves the address bar');
    assert.equal(await page.locator('#door').textContent(), 'Lobby');
    // The camera streams before the PIN, as for a person walking up: wait until Vigil has taken a frame.
    await page.waitForResponse((r) => r.url().endsWith('/api/terminal/frame') && r.ok(), { timeout: 15_000 });
    for (const key of ['4', '7', '1', '1']) await page.getByRole('button', { name: key, exact: true }).click();
    await page.getByRole('button', { name: 'Enter' }).click();
    await page.getByText('Welcome, Amy').waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(ARTIFACTS, 'kiosk-granted.png') });
    const entry = events.find((e) => e.type === 'Entry' && e.doorId === 'lobby');
    assert.equal(entry?.personId, amyId);
    assert.equal(entry?.details.factors, 'pin+face');
    assert.deepEqual(problems, []);
    await page.close();
  });

  test('challenge mode: after the PIN the kiosk shows the two actions the door asks for, in words', async () => {
    const admin = await v.client();
    const front = (await admin.json<{ token: string }>('POST', '/api/doors/front/token')).token;
    const page = await chromium.browser.newPage({ viewport: { width: 400, height: 800 } });
    await page.goto(`${v.base}/kiosk#token=${front}`);
    await page.getByText('Camera on').waitFor({ timeout: 10_000 });
    for (const key of ['4', '7', '1', '1']) await page.getByRole('button', { name: key, exact: true }).click();
    await page.getByRole('button', { name: 'Enter' }).click();
    const prompt = /^(Turn your head to your (left|right)|Look up|Blink twice|Open your mouth), then (turn your head to your (left|right)|look up|blink twice|open your mouth)$/;
    await page.locator('#message').getByText(prompt).waitFor({ timeout: 10_000 });
    // The README's picture of the challenge (docs/kiosk-challenge.png is this screenshot).
    await page.screenshot({ path: path.join(ARTIFACTS, 'kiosk-challenge.png') });
    await page.close();
  });

  test('a kiosk without a token asks for one and cannot reach the door', async () => {
    const page = await chromium.browser.newPage();
    await page.goto(`${v.base}/kiosk`);
    await page.getByLabel('Door token').waitFor();
    await page.getByLabel('Door token').fill('vd_wrongwrongwrongwrongwrongwrongwrong');
    await page.getByRole('button', { name: 'Use this door' }).click();
    await page.getByText(/not valid/).waitFor({ timeout: 15_000 });
    await page.close();
  });
});
