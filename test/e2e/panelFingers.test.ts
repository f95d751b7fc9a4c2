import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContextOptions, Locator, Page } from 'playwright-core';
import { startTestVigil, waitFor, type TestVigil } from '../helpers.ts';
import { launchChromium, screenshot, seriousA11yViolations, stickingOut, VIEWS } from '../browser.ts';
import { ptyPair, type PtyPair } from '../hardware/pty.ts';
import { SimulatedR30x, blankFlash } from '../hardware/r30xSimulator.ts';
import { UserRepo } from '../../src/store/users.ts';
import { hashPassword } from '../../src/store/passwords.ts';

// The person page's Fingers card in Chromium, against a running Vigil whose door has an R30x
// simulated on a pseudo-terminal: the page tells the person what to do, the test does it. On a
// desktop, then on a 390 px phone (screenshots and axe-core there too).
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

  const signIn = async (options: BrowserContextOptions) => {
    const page = await (await chromium.browser.newContext(options)).newPage();
    await page.goto(v.base);
    await page.getByLabel('Username').fill('root');
    await page.getByLabel('Password').fill('correct horse battery');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    return page;
  };

  /** The person at the sensor follows the instruction on the screen until the finger is enrolled; returns what the screen said. */
  const followTheScreen = async (card: Locator, finger: string, whileWaiting: () => Promise<void>) => {
    const said: string[] = [];
    const progress = card.getByRole('status').first();
    for (let i = 0; i < 400 && !(await card.getByText('Finger enrolled.').isVisible()); i++) {
      const text = (await progress.isVisible()) ? ((await progress.locator('strong').textContent().catch(() => null)) ?? '') : '';
      if (text && text !== said.at(-1)) {
        said.push(text);
        if (text.startsWith('Place')) sensor.place(finger);
        if (text.startsWith('Lift')) sensor.lift();
        if (text === 'Place the same finger again') await whileWaiting();
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    await card.getByText('Finger enrolled.').waitFor({ timeout: 15_000 });
    return said.filter((s) => s.startsWith('Place') || s.startsWith('Lift'));
  };

  const removeFinger = async (page: Page, card: Locator, label: string) => {
    await card.getByRole('button', { name: `Remove ${label}` }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Remove finger' }).click();
    await card.getByText('None yet.').waitFor({ timeout: 15_000 });
  };

  test('place, lift, place again as the page says; the finger is listed, then removed from the sensor', async () => {
    const admin = await v.client();
    const { id } = await admin.json<{ id: string }>('POST', '/api/people', { name: 'Ada' });
    const page = await signIn({ viewport: { width: 1280, height: 1000 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(`${v.base}/people/${id}`);
    const card = page.getByRole('region', { name: 'Fingers' });
    await card.getByText('None yet.').waitFor();
    await card.getByLabel('Which finger').fill('left index');
    await card.getByRole('button', { name: 'Enrol a finger' }).click();

    const steps = await followTheScreen(card, 'ada-index', async () => void (await screenshot(page, 'hardware', 'panel-finger-enrolment')));
    assert.deepEqual(steps.slice(0, 3), ['Place a finger on the sensor', 'Lift the finger', 'Place the same finger again']);
    await card.getByText('Finger (left index)').waitFor();
    assert.deepEqual([...flash.library.values()], ['ada-index']);
    await screenshot(page, 'hardware', 'panel-finger-enrolled');
    assert.deepEqual(await seriousA11yViolations(page), []);

    await removeFinger(page, card, 'Finger (left index) of Ada');
    assert.equal(flash.library.size, 0, 'deleted from the sensor');
    assert.deepEqual(problems, []);
  });

  test('on a 390 px phone: the card fits, says what to do, and has no serious accessibility problem', async () => {
    const admin = await v.client();
    const { id } = await admin.json<{ id: string }>('POST', '/api/people', { name: 'Grace' });
    const page = await signIn(VIEWS[1].options);
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    const a11y: string[] = [];
    /** A screenshot beside the journey's phone ones, an axe check and a sideways check. */
    const look = async (name: string) => {
      await screenshot(page, 'panel-phone', name);
      for (const violation of await seriousA11yViolations(page)) a11y.push(`${name}: ${violation}`);
      assert.deepEqual(await stickingOut(page), [], `${name}: nothing may stick out of a 390 px screen`);
    };
    await page.goto(`${v.base}/people/${id}`);
    const card = page.getByRole('region', { name: 'Fingers' });
    await card.getByText('None yet.').waitFor({ timeout: 15_000 });
    await card.getByLabel('Which finger').fill('right thumb');
    await card.getByRole('button', { name: 'Enrol a finger' }).click();
    await followTheScreen(card, 'grace-thumb', async () => {
      await card.scrollIntoViewIfNeeded();
      await look('person-fingers-enrolling');
    });
    await card.getByText('Finger (right thumb)').waitFor({ timeout: 15_000 });
    await card.scrollIntoViewIfNeeded();
    await look('person-fingers');
    await removeFinger(page, card, 'Finger (right thumb) of Grace');
    assert.deepEqual(a11y, [], 'axe-core: no serious or critical WCAG 2.1 AA violation');
    assert.deepEqual(problems, []);
  });
});
