import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createServer } from 'node:http';
import mqtt, { type MqttClient } from 'mqtt';
import type { Browser, Page } from 'playwright-core';
import { startTestVigil, tmpDir, waitFor, type TestVigil, type TestEvent } from '../helpers.ts';
import { makeClip, portrait, FACES } from '../faceVideos.ts';
import { launchChromium } from '../browser.ts';
import { internalMqtt, mqttClientOptions } from '../../src/app.ts';
import { UserRepo } from '../../src/store/users.ts';
import { hashPassword } from '../../src/store/passwords.ts';
import { SnapshotStore } from '../../src/access/snapshots.ts';
import { decodeImage } from '../../src/vision/decode.ts';
import { anEvent } from '../fixtures/events.ts';

// The panel in Debian's Chromium, against a real Vigil: its webcam is Chromium's fake camera
// playing a clip made from a real photo.
describe('web panel in Chromium', () => {
  const clips = tmpDir();
  let v: TestVigil;
  let chromium: { browser: Browser; close: () => Promise<void> };
  let device: MqttClient;
  const events: TestEvent[] = [];
  const PASSWORD = 'correct horse battery';

  before(async () => {
    const camera = await makeClip(path.join(clips.dir, 'amy.y4m'), { main: [portrait('amy', 3)], frames: 10 });
    v = await startTestVigil({
      env: { VIGIL_VISION_WORKERS: '1', VIGIL_WIREGUARD_ENDPOINT: 'home.example.org:51820' },
      file: { alarm: { code: '1234', exitDelay: 0 }, sensors: [{ id: 'back-window', name: 'Back window', kind: 'window', signed: false }] },
    });
    v.vigil.bus.on('log.appended', (e) => events.push(e));
    const users = new UserRepo(v.vigil.store.db);
    await users.create('root', await hashPassword(PASSWORD), 'admin');
    await users.create('guard', await hashPassword(PASSWORD), 'viewer');
    const login = internalMqtt(v.config, Number(new URL(v.vigil.mqttUrl).port));
    device = await mqtt.connectAsync(login.url, mqttClientOptions(login));
    chromium = await launchChromium({ fakeCamera: camera });
  });
  after(async () => {
    await device?.endAsync();
    await chromium?.close();
    await v?.stop();
    clips.cleanup();
  });

  const failed = (status: number) => `Failed to load resource: the server responded with a status of ${status} (${{ 403: 'Forbidden', 422: 'Unprocessable Entity' }[status] ?? ''})`;

  /** A fresh browser context signed in as `user`, collecting console errors. */
  async function signIn(user: string, viewport = { width: 1280, height: 900 }): Promise<{ page: Page; problems: string[] }> {
    const context = await chromium.browser.newContext({ viewport, acceptDownloads: true });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(v.base);
    await page.getByLabel('Username').fill(user);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    return { page, problems };
  }

  test('a wrong password is refused with a message', async () => {
    const context = await chromium.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${v.base}/people`);
    await page.getByLabel('Username').fill('root');
    await page.getByLabel('Password').fill('not it at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').waitFor();
    assert.match((await page.getByRole('alert').textContent()) ?? '', /wrong|invalid|incorrect/i);
    await context.close();
  });

  test('add a person, enrol from photo files (one accepted, one rejected with the reason) and from the webcam', async () => {
    const { page, problems } = await signIn('root');
    await page.getByRole('link', { name: 'People', exact: true }).click();
    await page.getByRole('button', { name: 'Add person' }).click();
    await page.getByRole('form', { name: 'Add a person' }).getByLabel('Name').fill('Amy');
    await page.getByRole('form', { name: 'Add a person' }).getByRole('button', { name: 'Add person' }).click();
    await page.getByRole('heading', { level: 1, name: 'Amy' }).waitFor();
    await page.getByLabel('Enrol from photos').setInputFiles([portrait('amy', 1), path.join(FACES, 'probes__two_people.jpg')]);
    const results = page.getByRole('list', { name: 'Enrolment results' });
    await results.getByText('portraits__amy__amy1.png: accepted').waitFor({ timeout: 60_000 });
    await results.getByText(/probes__two_people\.jpg: rejected: 2 faces/).waitFor({ timeout: 30_000 });

    await page.getByRole('button', { name: "Use this device's camera" }).click();
    await page.getByLabel('Camera preview').waitFor();
    await page.waitForFunction(() => (document.querySelector('video')?.videoWidth ?? 0) > 0);
    await page.getByRole('button', { name: 'Capture' }).click();
    await page.getByAltText('Captured photo').waitFor();
    await page.getByRole('button', { name: 'Keep' }).click();
    await results.getByText('camera: accepted').waitFor({ timeout: 30_000 });
    await page.getByRole('heading', { name: 'Faces (2)' }).waitFor();

    await page.getByLabel('PIN', { exact: true }).fill('4711');
    await page.getByRole('button', { name: 'Set PIN' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).first().waitFor();
    const amy = (await v.vigil.store.db.selectFrom('people').select('id').where('name', '=', 'Amy').executeTakeFirstOrThrow()).id;
    assert.equal((await v.vigil.store.db.selectFrom('credentials').select('kind').where('person_id', '=', amy).execute()).length, 1);
    // The browser reports every refused request; the one refused photo is the only one here.
    assert.deepEqual(problems, [failed(422)]);
  });

  test('armed, a window opens: the status and the banner turn red; disarm needs the code; one acknowledgement', async () => {
    const { page, problems } = await signIn('root');
    await page.getByRole('button', { name: 'Arm away' }).click();
    await page.getByTestId('alarm-state').filter({ hasText: 'Armed away' }).waitFor();
    assert.equal(await page.getByRole('form', { name: 'Alarm code' }).count(), 0, 'arming needs no code here');

    await device.publishAsync('vigil/sensor/back-window/state', JSON.stringify({ contact: 'open' }), { qos: 1 });
    const banner = page.getByRole('alert', { name: 'Alerts' });
    await banner.getByTestId('incident').filter({ hasText: 'Back window' }).waitFor({ timeout: 10_000 });
    await page.getByTestId('status-line').filter({ hasText: /^INTRUSION · Back window/ }).waitFor({ timeout: 10_000 });
    await page.getByTestId('feed').getByText('Back window opened', { exact: true }).waitFor({ timeout: 10_000 });
    await page.getByTestId('sensor-back-window').getByText('open', { exact: true }).waitFor({ timeout: 10_000 });

    await page.getByRole('button', { name: 'Disarm' }).click();
    const pad = page.getByRole('form', { name: 'Alarm code' });
    await pad.getByLabel('Alarm code to disarm').fill('0000');
    await pad.getByRole('button', { name: 'OK' }).click();
    await pad.getByText('wrong alarm code').waitFor();
    await pad.getByLabel('Alarm code to disarm').fill('1234');
    await pad.getByRole('button', { name: 'OK' }).click();
    await page.getByTestId('alarm-state').filter({ hasText: 'Disarmed' }).waitFor();

    const intrusion = events.find((e) => e.type === 'Intrusion');
    assert.ok(intrusion);
    await banner.getByRole('button', { name: /^Acknowledge/ }).click();
    await banner.waitFor({ state: 'detached' });
    const acks = events.filter((e) => e.type === 'AlertAcknowledged');
    assert.equal(acks.length, 1);
    assert.equal(acks[0]?.details.by, 'root');
    assert.equal(acks[0]?.details.alert, intrusion.seq, 'the incident is named by its first alert');
    assert.deepEqual(problems, [failed(403)], 'only the wrong code was refused');
  });

  test('the log filters by type, exports CSV and verifies the hash chain; a snapshot opens large', async () => {
    const snapshot = await new SnapshotStore(v.config.dataDir).save(await decodeImage(readFileSync(portrait('amy', 2))));
    await v.vigil.eventLog.append(anEvent('Entry', { doorId: 'front', details: { factors: 'pin+face', snapshot } }));
    const { page, problems } = await signIn('root');
    await page.getByRole('link', { name: 'Log', exact: true }).click();
    await page.getByRole('button', { name: 'Alarm', exact: true }).click();
    const rows = page.getByRole('table', { name: 'Events' }).locator('tbody tr');
    await page.getByRole('table', { name: 'Events' }).getByText('Alarm triggered').first().waitFor();
    const types = await rows.locator('td[data-type]').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-type')));
    assert.ok(types.length >= 2 && types.every((t) => t === 'Intrusion' || t?.startsWith('Alarm')), types.join());
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
    const csv = readFileSync((await download.path()) as string, 'utf8');
    const lines = csv.trim().split('\n');
    assert.match(lines[0] ?? '', /seq/);
    assert.ok(lines.slice(1).every((l) => /,(Intrusion|Alarm\w+),/.test(l)), csv);
    await page.getByRole('button', { name: 'Verify log integrity' }).click();
    await page.getByText(/Intact: \d+ events/).waitFor();
    await page.getByRole('button', { name: 'Alarm', exact: true }).click();
    await page.getByRole('button', { name: 'Access', exact: true }).click();
    await page.getByRole('button', { name: /Open the snapshot of event/ }).click();
    const large = page.getByRole('dialog', { name: 'Snapshot' }).getByRole('img', { name: 'Snapshot' });
    await large.waitFor();
    assert.ok(await large.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), 'the snapshot JPEG loaded');
    await page.getByRole('dialog', { name: 'Snapshot' }).getByRole('button', { name: 'Close' }).click();
    assert.deepEqual(problems, []);
  });

  test('a viewer sees the state but no admin or operator actions', async () => {
    const { page, problems } = await signIn('guard');
    await page.getByTestId('status-line').waitFor();
    assert.equal(await page.getByRole('link', { name: 'Settings', exact: true }).count(), 0);
    assert.equal(await page.getByRole('link', { name: 'Users' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: /Arm away|Disarm|Unlock/ }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Acknowledge' }).count(), 0);
    await page.getByRole('link', { name: 'People', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Add person' }).count(), 0);
    await page.getByRole('link', { name: /Amy/ }).click();
    await page.getByText('Only an admin can change').waitFor();
    assert.equal(await page.getByRole('button', { name: /Delete/ }).count(), 0);
    await page.getByRole('link', { name: 'Log', exact: true }).click();
    assert.equal(await page.getByRole('button', { name: 'Verify log integrity' }).count(), 0);
    assert.deepEqual(problems, []);
  });

  test('sensors: add one (its MQTT login shown once) and edit it; settings: retention and a database backup', async () => {
    const { page, problems } = await signIn('root');
    await page.getByRole('link', { name: 'Sensors & doors', exact: true }).click();
    await page.getByRole('button', { name: 'Add sensor' }).click();
    const add = page.getByRole('form', { name: 'Add a sensor' });
    await add.getByLabel('Name').fill('Garage door');
    assert.equal(await add.getByLabel('Id').inputValue(), 'garage-door');
    await add.getByRole('button', { name: 'Add sensor' }).click();
    const login = page.getByRole('status', { name: 'Device login' });
    await login.getByText('For the device garage-door, shown once:').waitFor();
    const notice = (await login.textContent()) ?? '';
    assert.match(notice, /user garage-door password \S{16,}/);
    const key = /Signing key: ([0-9a-f]{64})/.exec(notice)?.[1];
    assert.ok(key, 'a signed DIY sensor gets its key');
    const [configH] = await Promise.all([page.waitForEvent('download'), login.getByRole('link', { name: 'Download config.h' }).click()]);
    assert.equal(configH.suggestedFilename(), 'config.h');
    assert.match(readFileSync((await configH.path()) as string, 'utf8'), new RegExp(`#define VIGIL_SENSOR_KEY "${key}"`));
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    assert.equal(v.vigil.sensors.get('garage-door')?.entryDelay, 30, 'a door waits 30 s for the code by default');
    await page.getByRole('button', { name: 'Provision Garage door' }).click();
    const prov = page.getByRole('form', { name: 'Provision Garage door' });
    await prov.getByLabel('Wi-Fi network (optional)').fill('home');
    await prov.getByLabel('Wi-Fi password').fill('hunter22');
    await prov.getByRole('button', { name: 'Make config.h' }).click();
    const shownKey = async () => /Signing key: ([0-9a-f]{64})/.exec((await page.getByRole('status', { name: 'Device login' }).textContent()) ?? '')?.[1];
    const fresh = await waitFor(async () => ((await shownKey()) !== key ? shownKey() : undefined), 15_000, 'a new key shown');
    assert.equal(v.vigil.sensors.signing('garage-door')?.key.toString('hex'), fresh, 'provisioning made a new key, and shows it');
    await page.getByRole('button', { name: 'Edit Garage door' }).click();
    const edit = page.getByRole('form', { name: 'Edit Garage door' });
    await edit.getByLabel('Name').fill('Garage side door');
    await edit.getByLabel('Entry delay (seconds)').fill('20');
    await edit.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('cell', { name: /^Garage side door/ }).waitFor();
    assert.equal(v.vigil.sensors.get('garage-door')?.entryDelay, 20);
    await page.getByRole('button', { name: 'Add sensor' }).click();
    await add.getByLabel('Name').fill('Hall window');
    await add.getByLabel('Window').check();
    await add.getByLabel('Speaks').selectOption('zigbee2mqtt');
    await add.getByLabel('Zigbee2MQTT friendly name').fill('hall window');
    await add.getByRole('button', { name: 'Add sensor' }).click();
    await page.getByRole('dialog').getByText('Hall window added.').waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();
    await page.getByRole('cell', { name: /^Hall window .*Zigbee2MQTT/ }).waitFor();
    assert.deepEqual(v.vigil.sensors.get('hall-window')?.format, { type: 'zigbee2mqtt', device: 'hall window', input: '', openWhen: 'ON', baseTopic: 'zigbee2mqtt' });
    assert.equal(v.vigil.sensors.get('hall-window')?.entryDelay, 0, 'a window does not wait');
    await page.getByRole('button', { name: 'Remove Hall window' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();
    assert.ok(v.vigil.sensors.get('hall-window'), 'cancel keeps it');
    await page.getByRole('button', { name: 'Remove Hall window' }).click();
    await page.getByRole('alertdialog', { name: 'Remove Hall window?' }).getByRole('button', { name: 'Remove sensor' }).click();
    await page.getByRole('cell', { name: /^Hall window/ }).waitFor({ state: 'detached' });
    assert.equal(v.vigil.sensors.get('hall-window'), undefined);

    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await page.getByLabel(/Keep door snapshots for/).fill('30');
    await page.getByRole('button', { name: 'Save retention' }).click();
    await page.getByText('Retention saved.').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download a backup of the database' }).click()]);
    const backup = readFileSync((await download.path()) as string);
    assert.equal(backup.subarray(0, 15).toString(), 'SQLite format 3');
    assert.match(download.suggestedFilename(), /^vigil-.*\.db$/);
    await page.getByRole('button', { name: 'Make a Home Assistant login' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Make login' }).click();
    const haNotice = (await page.getByRole('status', { name: 'Home Assistant login' }).textContent()) ?? '';
    const haPassword = /user homeassistant password (\S+)/.exec(haNotice)?.[1];
    assert.ok(haPassword, haNotice);
    const haClient = await mqtt.connectAsync(v.vigil.mqttUrl, { username: 'homeassistant', password: haPassword, reconnectPeriod: 0 });
    await haClient.endAsync();
    await page.getByLabel('Phone name').fill('ann-phone');
    await page.getByRole('button', { name: 'Add phone' }).click();
    const qr = page.getByRole('img', { name: 'WireGuard QR code for ann-phone' });
    await qr.waitFor();
    assert.ok(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), 'the QR code renders');
    assert.match((await page.getByRole('status', { name: 'New phone' }).textContent()) ?? '', /Address = 10\.77\.0\.2\/32.*uci set network\.vigil_ann_phone=wireguard_wg0/s);
    await page.getByRole('button', { name: 'Remove ann-phone' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Remove phone' }).click();
    await page.getByLabel('Router commands').getByText(/uci -q delete network\.vigil_ann_phone/).waitFor();
    // The router commands and the list are two fetches: wait for the list too.
    const peers = page.getByRole('list', { name: 'WireGuard peers' }).getByRole('listitem');
    await waitFor(async () => (await peers.count()) === 0, 15_000, 'the phone gone from the list');
    const root = await v.client();
    assert.equal((await root.json<{ retention: { snapshotDays: number } }>('GET', '/api/settings')).retention.snapshotDays, 30);
    assert.deepEqual(problems, []);
  });

  test('deleting a person asks first, then removes every face and PIN', async () => {
    const { page, problems } = await signIn('root');
    await page.getByRole('link', { name: 'People', exact: true }).click();
    await page.getByRole('link', { name: /Amy/ }).click();
    await page.getByRole('button', { name: 'Delete Amy…' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('heading', { level: 1, name: 'Amy' }).waitFor();
    await page.getByRole('button', { name: 'Delete Amy…' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete for good' }).click();
    await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
    assert.equal(await page.getByRole('link', { name: /Amy/ }).count(), 0);
    assert.equal((await v.vigil.store.db.selectFrom('face_templates').select('id').execute()).length, 0);
    assert.equal((await v.vigil.store.db.selectFrom('credentials').select('id').execute()).length, 0);
    assert.equal(v.vigil.faces.gallery.size, 0);
    assert.deepEqual(problems, []);
  });

  test('notifications: add a webhook channel, see its deliveries; the service worker shows a pushed alert', async () => {
    const received: string[] = [];
    const hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push(body);
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
    try {
      const { page, problems } = await signIn('root');
      await page.getByRole('link', { name: 'Notifications', exact: true }).click();
      await page.getByRole('button', { name: 'Add channel' }).click();
      const form = page.getByRole('form', { name: 'Add a channel' });
      await form.getByLabel('Kind').selectOption('webhook');
      await form.getByLabel('Name').fill('house hook');
      await form.getByLabel('URL').fill(`http://127.0.0.1:${(hook.address() as { port: number }).port}/`);
      await form.getByLabel('Signing secret').fill('s3cret-value');
      await form.getByRole('button', { name: 'Add channel' }).click();
      const row = page.getByRole('table', { name: 'Channels' }).getByRole('row', { name: /house hook/ });
      await row.getByRole('button', { name: 'Send a test through house hook' }).click();
      await page.getByText('Test message sent through house hook.').waitFor();
      assert.match(received[0] ?? '', /Vigil: test message/);

      const intrusion = await v.vigil.eventLog.append(anEvent('Intrusion', { sensorId: 'back-window', details: { name: 'Back window' } }));
      await waitFor(() => received.some((b) => b.includes(`"seq":${intrusion.seq}`)), 15_000, 'the intrusion at the webhook');
      await page.reload();
      await page.getByRole('table', { name: 'Deliveries' }).getByRole('row', { name: new RegExp(`house hook #${intrusion.seq} sent`) }).waitFor();
      const channels = await (await v.client()).json<Array<{ settings: { secret: string } }>>('GET', '/api/notify/channels');
      assert.equal(channels[0]?.settings.secret, '********', 'the secret is not sent back to the panel');

      // The service worker: registered by the panel, it turns a pushed message into a notification.
      await page.context().grantPermissions(['notifications']);
      await page.evaluate(() => navigator.serviceWorker.register('/sw.js').then(() => navigator.serviceWorker.ready));
      const worker = page.context().serviceWorkers()[0] ?? (await page.context().waitForEvent('serviceworker'));
      const shown = await worker.evaluate(async () => {
        // The worker's own globals (this test's TypeScript knows only Node's).
        type Scope = { PushEvent: new (type: string, init: { data: string }) => Event; dispatchEvent(e: Event): boolean; registration: { getNotifications(): Promise<Array<{ title: string; body: string; tag: string }>> } };
        const sw = globalThis as unknown as Scope;
        const data = JSON.stringify({ title: 'Vigil: Intrusion', body: 'Back window', path: '/log?seq=7', urgent: true, seq: 7 });
        sw.dispatchEvent(new sw.PushEvent('push', { data }));
        // Wait for the notification itself, however slow the machine.
        for (const deadline = Date.now() + 10_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 50))) {
          const shown = await sw.registration.getNotifications();
          if (shown.length) return shown.map((n) => ({ title: n.title, body: n.body, tag: n.tag }));
        }
        return [];
      });
      assert.deepEqual(shown, [{ title: 'Vigil: Intrusion', body: 'Back window', tag: 'vigil-7' }]);
      assert.deepEqual(problems, []);
    } finally {
      hook.close();
    }
  });
});
