import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import mqtt, { type MqttClient } from 'mqtt';
import type { BrowserContext, Page } from 'playwright-core';
import { freePort, silentLog, testConfig, tmpDir, waitFor, type TestEvent } from '../helpers.ts';
import { makeClip, portrait } from '../faceVideos.ts';
import { launchChromium, screenshot, seriousA11yViolations, stickingOut, VIEWS } from '../browser.ts';
import { internalMqtt, mqttClientOptions, startVigil, type Vigil } from '../../src/app.ts';
import { UserRepo } from '../../src/store/users.ts';
import { hashPassword } from '../../src/store/passwords.ts';

// A new admin's first hour, in Chromium on a desktop and on a 390 px phone, against a real Vigil:
// the first-run checklist, a person's enrolment, arming with an exit delay, an intrusion from a real
// MQTT message, someone coming home through a door with a camera (ffmpeg playing a clip); every
// page, drawer and confirmation screenshotted and checked with axe-core.
// Counts what the page starts playing (Web Audio sources, media elements), so a test can tell
// that no sound was made. Runs before the panel's own scripts in every document.
const AUDIO_PROBE = () => {
  const played: string[] = [];
  Object.defineProperty(window, '__played', { value: played });
  const start = AudioScheduledSourceNode.prototype.start;
  AudioScheduledSourceNode.prototype.start = function (this: AudioScheduledSourceNode, ...args: Parameters<typeof start>) {
    played.push(this.constructor.name);
    return start.apply(this, args);
  };
  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
    played.push(this.tagName);
    return play.call(this);
  };
};

for (const view of VIEWS) {
  describe(`the panel as a product, ${view.name}`, () => {
    const data = tmpDir();
    const folder = `panel-${view.name}`;
    let vigil: Vigil;
    let config: ReturnType<typeof testConfig>;
    let base = '';
    let httpPort = 0;
    let chromium: Awaited<ReturnType<typeof launchChromium>>;
    let context: BrowserContext;
    let page: Page;
    let hook: Server;
    const problems: string[] = [];
    const events: TestEvent[] = [];
    const a11y: string[] = [];
    const FIRST = 'first-password-1';
    const MINE = 'a much better password';
    const clips = tmpDir();
    let frontCamera = '';
    // Photos are not kept (the default): the thumbnails are the chips kept with the templates.
    const file = (doors: unknown[] = []) => ({ alarm: { code: '1234', exitDelay: 15 }, doors });
    const env = () => ({ VIGIL_VISION_WORKERS: '1', VIGIL_HTTP_PORT: String(httpPort) });

    const start = async (doors: unknown[] = []) => {
      config = testConfig(data.dir, file(doors), env());
      vigil = await startVigil(config, silentLog());
      vigil.bus.on('log.appended', (e) => events.push(e));
      base = `http://127.0.0.1:${vigil.httpPort}`;
    };
    /** A screenshot, an axe check and a sideways check of the page as it is now. */
    const look = async (name: string) => {
      await page.waitForLoadState('networkidle');
      await screenshot(page, folder, name);
      for (const v of await seriousA11yViolations(page)) a11y.push(`${name}: ${v}`);
      if (view.name === 'phone') assert.deepEqual(await stickingOut(page), [], `${name}: nothing may stick out of a 390 px screen`);
    };
    /** Goes to a page by its navigation, as a person would (on a phone some pages are under More). */
    const open = async (label: string) => {
      const nav = page.getByRole('navigation', { name: 'Main' });
      const link = nav.getByRole('link', { name: label, exact: true });
      if (await link.isVisible()) await link.click();
      else {
        await nav.getByRole('link', { name: 'More' }).click();
        await page.getByRole('main').getByRole('link', { name: label }).click();
      }
    };
    const signIn = async (password: string) => {
      await page.getByLabel('Username').fill('root');
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('navigation', { name: 'Main' }).waitFor();
    };

    before(async () => {
      frontCamera = await makeClip(`${clips.dir}/front.mp4`, { main: [3, 4, 5].map((n) => portrait('amy', n)) });
      httpPort = await freePort();
      await start();
      await new UserRepo(vigil.store.db).create('root', await hashPassword(FIRST), 'admin');
      hook = createServer((req, res) => {
        req.resume();
        req.on('end', () => res.writeHead(200).end());
      });
      await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
      chromium = await launchChromium();
      context = await chromium.browser.newContext({ ...view.options });
      await context.addInitScript(AUDIO_PROBE);
      page = await context.newPage();
      page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
      page.on('pageerror', (e) => problems.push(e.message));
    });
    after(async () => {
      await chromium?.close();
      hook?.close();
      await vigil?.stop();
      data.cleanup();
      clips.cleanup();
    });
    /** What the page has started playing since it was loaded. */
    const played = () => page.evaluate(() => (window as unknown as { __played: string[] }).__played.slice());

    test('the first-run checklist, walked from top to bottom', async () => {
      await page.goto(base);
      await look('sign-in');
      await signIn(FIRST);
      const checklist = page.getByRole('region', { name: 'Get started' });
      await checklist.getByText('0 of 5 done').waitFor();
      assert.match(await page.title(), /^Status · Vigil$/);
      await look('status-first-run');

      // 1. Change the password: every session ends, sign in again with the new one.
      await checklist.getByRole('link', { name: 'Change your password' }).click();
      await page.getByRole('heading', { level: 1, name: 'Account' }).waitFor();
      await look('account');
      await page.getByLabel('Current password').fill(FIRST);
      await page.getByLabel('New password').fill(MINE);
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByText('Password changed. Sign in with your new password.').waitFor();
      await signIn(MINE);
      await open('Status');
      await checklist.getByText('1 of 5 done').waitFor();

      // 2. A sensor: a plain window contact; a window waits for no code.
      await checklist.getByRole('link', { name: 'Add a sensor' }).click();
      await page.getByRole('heading', { level: 1, name: 'Sensors & doors' }).waitFor();
      await page.getByRole('button', { name: 'Add sensor' }).click();
      const add = page.getByRole('form', { name: 'Add a sensor' });
      await add.getByLabel('Name').fill('Back window');
      assert.equal(await add.getByLabel('Id').inputValue(), 'back-window', 'the id follows the name');
      assert.equal(await add.getByLabel('Entry delay (seconds)').inputValue(), '30', 'a door waits 30 s by default');
      await add.getByLabel('Window').check();
      assert.equal(await add.getByLabel('Entry delay (seconds)').inputValue(), '0', 'a window does not');
      await add.getByLabel('Signed messages (the Vigil ESP8266 firmware)').uncheck();
      await look('sensor-drawer');
      await add.getByRole('button', { name: 'Add sensor' }).click();
      await page.getByRole('status', { name: 'Device login' }).getByText(/user back-window password \S{16,}/).waitFor();
      await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
      await page.getByRole('table', { name: 'Sensors' }).getByText('waiting for first message').waitFor();
      assert.equal(vigil.sensors.get('back-window')?.entryDelay, 0);
      await look('sensors-and-doors');
      await open('Status');
      await checklist.getByText('2 of 5 done').waitFor();

      // 3. A person, enrolled from two photos, with a PIN: ready for the door, the faces shown.
      await checklist.getByRole('link', { name: 'Add a person' }).click();
      await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
      await look('people-empty');
      await page.getByRole('button', { name: 'Add person' }).click();
      await page.getByRole('form', { name: 'Add a person' }).getByLabel('Name').fill('Amy');
      await look('person-drawer');
      await page.getByRole('form', { name: 'Add a person' }).getByRole('button', { name: 'Add person' }).click();
      await page.getByRole('heading', { level: 1, name: 'Amy' }).waitFor();
      await page.getByTestId('readiness').getByText(/needs a face and a PIN or fob/).waitFor();
      await page.getByLabel('Enrol from photos').setInputFiles([portrait('amy', 1), portrait('amy', 2)]);
      const results = page.getByRole('list', { name: 'Enrolment results' });
      await results.getByText('portraits__amy__amy1.png: accepted').waitFor({ timeout: 90_000 });
      await results.getByText('portraits__amy__amy2.png: accepted').waitFor({ timeout: 60_000 });
      await page.getByRole('heading', { name: 'Faces (2)' }).waitFor();
      const thumbs = page.getByRole('img', { name: /^Amy, face enrolled/ });
      await waitFor(async () => (await thumbs.count()) === 2, 30_000, 'two thumbnails');
      await waitFor(() => thumbs.evaluateAll((imgs) => imgs.every((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth === 112)), 60_000, 'the thumbnails drawn');
      await page.getByLabel('PIN', { exact: true }).fill('4711');
      await page.getByRole('button', { name: 'Set PIN' }).click();
      await page.getByTestId('readiness').getByText('Ready for the door').waitFor();
      await look('person');
      // Removing a face asks first; cancelled, nothing is removed.
      await page.getByRole('button', { name: /^Remove the face enrolled/ }).first().click();
      const confirm = page.getByRole('alertdialog', { name: 'Remove this face of Amy?' });
      await confirm.waitFor();
      await look('confirm-remove-face');
      await confirm.getByRole('button', { name: 'Cancel' }).click();
      await confirm.waitFor({ state: 'detached' });
      await page.getByRole('heading', { name: 'Faces (2)' }).waitFor();
      await open('People');
      await page.getByRole('link', { name: /Amy/ }).waitFor();
      await look('people');
      await open('Status');
      await checklist.getByText('3 of 5 done').waitFor();

      // 4. An alert channel: a webhook.
      await checklist.getByRole('link', { name: 'Add an alert channel' }).click();
      await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
      await page.getByRole('button', { name: 'Add channel' }).click();
      const channel = page.getByRole('form', { name: 'Add a channel' });
      await channel.getByLabel('Kind').selectOption('webhook');
      await channel.getByLabel('Name').fill('House hook');
      await channel.getByLabel('URL').fill(`http://127.0.0.1:${(hook.address() as { port: number }).port}/`);
      await look('channel-drawer');
      await channel.getByRole('button', { name: 'Add channel' }).click();
      await page.getByRole('table', { name: 'Channels' }).getByText('House hook').waitFor();
      await look('notifications');
      await open('Status');
      await checklist.getByText('4 of 5 done').waitFor();

      // 5. A door: the panel shows how; the config file gets it; Vigil restarts with it.
      await checklist.getByRole('link', { name: 'Add a door' }).click();
      await page.getByText('Doors are set up in Vigil').waitFor();
      // Leave the page first: Vigil's HTTP server waits for open event streams when it stops.
      await page.goto('about:blank');
      await vigil.stop();
      // A camera at the door: its picture goes with each entry into the log and onto the door's card.
      await start([{ id: 'front', name: 'Front door', mode: 'pin_only', camera: { input: frontCamera, loop: true, fps: 5 }, tailgateWindow: 0 }]);
      await page.goto(`${base}/devices`);
      await page.getByRole('heading', { level: 1, name: 'Sensors & doors' }).waitFor();
      await page.getByText('PIN · entry', { exact: false }).waitFor();
      await open('Status');
      await page.getByTestId('status-line').waitFor();
      await page.getByRole('heading', { name: 'Doors' }).waitFor();
      assert.equal(await page.getByRole('region', { name: 'Get started' }).count(), 0, 'all five done: the list goes away');
    });

    test('an intrusion: the status turns red, one incident with a sticky banner and a title badge, acknowledged once', async () => {
      await open('Status');
      await page.getByTestId('status-line').filter({ hasText: 'Back window waiting for its first message' }).waitFor();
      const login = internalMqtt(config, Number(new URL(vigil.mqttUrl).port));
      const device: MqttClient = await mqtt.connectAsync(login.url, mqttClientOptions(login));
      try {
        await device.publishAsync('vigil/sensor/back-window/state', JSON.stringify({ contact: 'closed', battery: 15 }), { qos: 1 });
        await page.getByTestId('status-line').filter({ hasText: 'Back window battery 15 %' }).waitFor();
        // A new battery: the opening and closing to put it in are events, and bring the new level with them.
        await device.publishAsync('vigil/sensor/back-window/state', JSON.stringify({ contact: 'open' }), { qos: 1 });
        await device.publishAsync('vigil/sensor/back-window/state', JSON.stringify({ contact: 'closed', battery: 90 }), { qos: 1 });
        await page.getByTestId('status-line').filter({ hasText: 'All secure · Disarmed · 1 closed' }).waitFor();
        await look('status-green');

        // Arming away gives 15 s to leave, counted down on the screen.
        await page.getByRole('button', { name: 'Arm away' }).click();
        assert.equal(await page.getByRole('form', { name: 'Alarm code' }).count(), 0, 'arming needs no code here, so no keypad');
        const countdown = page.getByTestId('alarm-state').locator('.countdown');
        const secondsLeft = async () => Number(/leave within (\d+) s/.exec((await countdown.textContent({ timeout: 15_000 })) ?? '')?.[1] ?? NaN);
        await countdown.waitFor({ timeout: 15_000 });
        const first = await secondsLeft();
        assert.ok(first > 0 && first <= 15, `leave within ${first} s`);
        await look('status-arming');
        await waitFor(async () => (await countdown.isVisible()) && (await secondsLeft()) < first, 15_000, 'the countdown going down');
        await page.getByTestId('status-line').filter({ hasText: 'All secure · Armed away · 1 closed' }).waitFor({ timeout: 60_000 });
        assert.equal(await countdown.count(), 0, 'armed: no countdown any more');

        const from = events.length;
        await device.publishAsync('vigil/sensor/back-window/state', JSON.stringify({ contact: 'open' }), { qos: 1 });
        await page.getByTestId('status-line').filter({ hasText: /^INTRUSION · Back window · \d\d:\d\d/ }).waitFor({ timeout: 15_000 });
        const banner = page.getByRole('alert', { name: 'Alerts' });
        await banner.getByTestId('incident').filter({ hasText: 'Back window' }).waitFor();
        await waitFor(() => events.slice(from).some((e) => e.type === 'AlarmTriggered') && events.slice(from).some((e) => e.type === 'Intrusion'), 15_000, 'intrusion and trigger logged');
        await banner.getByText('2 alerts').waitFor();
        assert.equal(await banner.getByTestId('incident').count(), 1, 'an intrusion and the alarm it set off are one incident');
        await waitFor(async () => (await page.title()).startsWith('(1) ⚠ '), 15_000, 'the title badge');
        assert.match(await page.locator('link[rel="icon"]').getAttribute('href') ?? '', /^data:image\/svg\+xml,.*circle/, 'the favicon has a badge');
        await look('status-intrusion');
        // Sound is the person's choice: nothing plays until they turn it on, then the chime does.
        const enable = banner.getByRole('button', { name: 'Enable sound for alerts' });
        await enable.waitFor();
        assert.deepEqual(await played(), [], 'no sound before "Enable sound"');
        await enable.click();
        await waitFor(async () => (await played()).length > 0, 15_000, 'the chime once sound is on');
        assert.equal(await enable.count(), 0, 'asked once');

        // The banner stays on every page and in view while the page scrolls.
        await open('Log');
        await page.getByRole('table', { name: 'Events' }).getByText('Back window opened while armed').first().waitFor();
        await page.mouse.wheel(0, 2000);
        assert.ok(await banner.isVisible(), 'the banner is on the log page');
        const top = await banner.evaluate((el) => el.getBoundingClientRect().top);
        assert.ok(top >= 0 && top < 5, `the banner sticks to the top (at ${top} px)`);
        await look('log-during-intrusion');

        await banner.getByRole('link', { name: 'Go to disarm' }).click();
        await page.getByRole('button', { name: 'Disarm' }).click();
        const pad = page.getByRole('form', { name: 'Alarm code' });
        for (const k of ['1', '2', '3', '4']) await pad.getByRole('button', { name: k, exact: true }).click();
        await look('status-code-pad');
        await pad.getByRole('button', { name: 'OK' }).click();
        await page.getByTestId('alarm-state').filter({ hasText: 'Disarmed' }).waitFor();

        await banner.getByRole('button', { name: /^Acknowledge/ }).click();
        await banner.waitFor({ state: 'detached' });
        await waitFor(async () => !(await page.title()).startsWith('('), 15_000, 'the title without a badge');
        const acks = events.slice(from).filter((e) => e.type === 'AlertAcknowledged');
        assert.equal(acks.length, 1, 'one acknowledgement for the whole incident');
        assert.deepEqual([acks[0]?.details.alerts, acks[0]?.details.by], [2, 'root']);
        await page.getByTestId('status-line').filter({ hasText: 'Back window open' }).waitFor();
        await look('status-amber');
        await device.publishAsync('vigil/sensor/back-window/state', JSON.stringify({ contact: 'closed' }), { qos: 1 });
        await page.getByTestId('status-line').filter({ hasText: 'All secure · Disarmed · 1 closed' }).waitFor();
      } finally {
        await device.endAsync();
      }
    });

    test("someone comes home: the door's card shows who came in with the camera's picture, and the entries chart appears", async () => {
      // A keypad at the door (the kiosk API with the door's token) is set up from the panel.
      await open('Sensors & doors');
      await page.getByRole('button', { name: 'New kiosk token for Front door' }).click();
      const confirm = page.getByRole('alertdialog', { name: 'Make a new kiosk token for Front door?' });
      await confirm.waitFor();
      await look('confirm-kiosk-token');
      await confirm.getByRole('button', { name: 'Make token' }).click();
      const address = await page.getByRole('status', { name: 'Kiosk address' }).locator('code').textContent({ timeout: 15_000 });
      const token = /#token=(\S+)$/.exec(address ?? '')?.[1];
      assert.ok(token, `a kiosk address with a token: ${address}`);

      const from = events.length;
      const res = await fetch(`${base}/api/terminal/credential`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ factor: 'pin', value: '4711' }),
      });
      assert.equal(res.status, 200, await res.clone().text());
      await waitFor(() => events.slice(from).find((e) => e.type === 'Entry' && e.doorId === 'front'), 30_000, 'Amy let in');

      await open('Status');
      const doors = page.getByRole('region', { name: 'Doors' });
      await doors.getByText(/^Last in: Amy · just now/).waitFor({ timeout: 15_000 });
      const picture = doors.getByRole('img', { name: 'Last picture at Front door' });
      await picture.waitFor({ timeout: 15_000 });
      await waitFor(() => picture.evaluate((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0), 15_000, "the camera's picture drawn");
      await page.getByRole('heading', { name: 'Entries per hour, last 7 days' }).waitFor({ timeout: 15_000 });
      await page.getByRole('region', { name: 'Entries per hour, last 7 days' }).locator('canvas').first().waitFor({ timeout: 15_000 });
      await look('status-after-entry');
    });

    test('every page: its own title and H1, a screenshot, no serious accessibility problem', async () => {
      const pages: Array<[string, string]> = [
        ['Status', 'status'],
        ['People', 'people'],
        ['Log', 'log'],
        ['Sensors & doors', 'sensors-and-doors'],
        ['Notifications', 'notifications'],
        ['Users', 'users'],
        ['Settings', 'settings'],
        ['Account', 'account'],
      ];
      for (const [label, name] of pages) {
        await open(label);
        if (label !== 'Status') await page.getByRole('heading', { level: 1, name: label }).waitFor();
        await waitFor(async () => (await page.title()) === `${label} · Vigil`, 15_000, `the title of ${label}`);
        assert.equal(await page.getByRole('heading', { level: 1 }).count(), 1, `${label}: one H1`);
        await look(name);
      }
      await open('Log');
      await page.getByRole('button', { name: 'Access', exact: true }).click();
      await page.getByLabel('Person').selectOption({ label: 'Amy' });
      await page.getByRole('button', { name: /Clear 2 filters/ }).waitFor();
      await look('log-filtered');
      await page.getByRole('button', { name: /Clear 2 filters/ }).click();
      await page.getByRole('button', { name: 'Audit', exact: true }).click();
      await page.getByRole('table', { name: 'Events' }).getByText('root acknowledged alarm triggered (2 alerts)').waitFor();
      // A second account, from its drawer.
      await open('Users');
      await page.getByRole('button', { name: 'Add account' }).click();
      const account = page.getByRole('form', { name: 'Add an account' });
      await account.getByLabel('Username').fill('casey');
      await account.getByLabel(/^Operator/).check();
      await look('user-drawer');
      await account.getByRole('button', { name: 'Add account' }).click();
      await page.getByRole('status', { name: 'New account' }).getByText(/casey can sign in now with the password \S{10,}/).waitFor({ timeout: 15_000 });
      await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
      await page.getByRole('table', { name: 'Accounts' }).getByText('casey', { exact: true }).waitFor({ timeout: 15_000 });
      // The phone's More tab; on a desktop every page is in the side bar, but the address still works.
      if (view.name === 'phone') await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'More' }).click();
      else await page.goto(`${base}/more`);
      await page.getByRole('heading', { level: 1, name: 'More' }).waitFor({ timeout: 15_000 });
      await look('more');
      assert.deepEqual(a11y, [], 'axe-core: no serious or critical WCAG 2.1 AA violation on any page');
      assert.deepEqual(problems, [], 'no errors in the browser console');
    });
  });
}
