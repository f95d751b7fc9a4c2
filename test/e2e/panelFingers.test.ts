import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startTestVigil, waitFor, type TestVigil } from '../helpers.ts';
import { launchChromium, screenshot } from '../browser.ts';
import { ptyPair, type PtyPair } from '../hardware/pty.ts';
import { SimulatedR30x, blankFlash } from '../hardware/r30xSimulator.ts';
import { UserRepo } from '../../src/store/users.ts';
import { hashPassword } from '../../src/store/passwords.ts';

// The person page's Fingers card in Chromium, against a running Vigil whose door has an R30x
// simulated on a pseudo-terminal: the page tells the person what to do, the test does it.
describe("the panel enrols a finger on the door's reader", () => {
  const flash = blankFlash(50);
  let pty: PtyPair;
  let sensor: SimulatedR30x;
  let v: TestVigil;
  let chromium: { browser: Browser; close: () => Promise<void> };

  before(async () => {
    pty = await ptyPair();
    sensor = new SimulatedR30x(flash);
    await sensor.open(pty.device);
    v = await startTestVigil({ file: { doors: [{ id: 'front', name: 'Front door', chain: ['pin', 'finger'], fingerprint: { port: pty.host } }] } });
    await new UserRepo(v.vigil.store.db).create('root', await hashPassword('correct horse battery'), 'admin');
    chromium = await launchChromium();
    await waitFor(() => v.vigil.doors.fingers('front')?.status().state === 'online' || undefined, 15_000, 'reader online');
  });
  after(async () => {
    await chromium?.close();
    await v?.stop();
    await sensor?.close();
    await pty?.unplug();
  });

  test('place, lift, place again as the page says; the finger is listed, then removed from the sensor', async () => {
    const admin = await v.client();
    const { id } = await admin.json<{ id: string }>('POST', '/api/people', { name: 'Ada' });
    const page = await (await chromium.browser.newContext({ viewport: { width: 1280, height: 1000 } })).newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(v.base);
    await page.getByLabel('Username').fill('root');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.goto(`${v.base}/people/${id}`);
    const card = page.getByRole('region', { name: 'Fingers' });
    await card.getByText('None yet.').waitFor();
    await card.getByLabel('Which finger').fill('left index');
    await card.getByRole('button', { name: 'Enrol a finger' }).click();

    // The person at the sensor follows the instruction on the screen.
    const said: string[] = [];
    const progress = card.getByRole('status').first();
    for (let i = 0; i < 400 && !(await card.getByText('Finger enrolled.').isVisible()); i++) {
      const text = (await progress.isVisible()) ? ((await progress.locator('strong').textContent().catch(() => null)) ?? '') : '';
      if (text && text !== said.at(-1)) {
        said.push(text);
        if (text.startsWith('Place')) sensor.place('ada-index');
        if (text.startsWith('Lift')) sensor.lift();
        if (text === 'Place the same finger again') await screenshot(page, 'hardware', 'panel-finger-enrolment');
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    await card.getByText('Finger enrolled.').waitFor({ timeout: 5000 });
    const steps = said.filter((s) => s.startsWith('Place') || s.startsWith('Lift'));
    assert.deepEqual(steps.slice(0, 3), ['Place a finger on the sensor', 'Lift the finger', 'Place the same finger again']);
    await card.getByText('Finger (left index)').waitFor();
    assert.deepEqual([...flash.library.values()], ['ada-index']);
    await screenshot(page, 'hardware', 'panel-finger-enrolled');

    await card.getByRole('button', { name: 'Remove Finger (left index) of Ada' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Remove finger' }).click();
    await card.getByText('None yet.').waitFor();
    assert.equal(flash.library.size, 0, 'deleted from the sensor');
    assert.deepEqual(problems, []);
  });
});
