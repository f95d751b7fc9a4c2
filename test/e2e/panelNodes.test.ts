// The panel's door-node section in Chromium: an admin adds a node for a door and reads its join
// command once, sees it wait to join, then online with its replica once it has joined and reported,
// and removes it after a confirmation.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import mqtt from 'mqtt';
import { startTestVigil, waitFor, type TestVigil } from '../helpers.ts';
import { launchChromium, seriousA11yViolations } from '../browser.ts';
import { UserRepo } from '../../src/store/users.ts';
import { hashPassword } from '../../src/store/passwords.ts';
import { encodeMessage, nodeTopic, type StatusMessage } from '../../src/nodes/protocol.ts';

const PASSWORD = 'correct horse battery';
let v: TestVigil;
let chromium: { browser: Browser; close: () => Promise<void> };

before(async () => {
  v = await startTestVigil({ file: { doors: [{ id: 'gate', name: 'Yard gate', mode: 'pin_only', kiosk: true }] } });
  await new UserRepo(v.vigil.store.db).create('root', await hashPassword(PASSWORD), 'admin');
  chromium = await launchChromium();
});
after(async () => {
  await chromium?.close();
  await v?.stop();
});

test('door nodes: add one for a door (join command shown once), see it waiting, then online with its replica, then remove it', async () => {
  const context = await chromium.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(v.base);
  await page.getByLabel('Username').fill('root');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  await page.goto(`${v.base}/devices`);
  const section = page.getByRole('region', { name: 'Door nodes' });
  await section.getByText('No door nodes').waitFor();

  await section.getByRole('button', { name: 'Add node' }).click();
  const form = page.getByRole('form', { name: 'Add a door node' });
  await form.getByLabel('Name').fill('Yard box');
  await form.getByRole('button', { name: 'Make join token' }).click();
  await form.getByText('Pick at least one door').waitFor();
  await form.getByLabel('Yard gate').check();
  await form.getByRole('button', { name: 'Make join token' }).click();
  const shown = page.getByRole('status', { name: 'Join token' });
  const command = (await shown.locator('code').first().textContent()) ?? '';
  const token = /npx vigil node join \S+ (\S+)$/.exec(command.trim())?.[1];
  assert.ok(token, command);
  await section.getByRole('cell', { name: /waiting to join/ }).waitFor();

  // The node joins (what `vigil node join` does) and reports its status, sealed under its key.
  const res = await fetch(`${v.base}/api/nodes/join`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
  assert.equal(res.status, 200);
  const joined = (await res.json()) as { nodeId: string; key: string; prefix: string; mqtt: { url: string; username: string; password: string } };
  const client = await mqtt.connectAsync(joined.mqtt.url, { username: joined.mqtt.username, password: joined.mqtt.password, reconnectPeriod: 0 });
  try {
    const topic = nodeTopic(joined.prefix, joined.nodeId, 'status');
    const status: StatusMessage = { conn: 1, tick: 1, online: true, snapshotVersion: 1, spoolDepth: 3 };
    await client.publishAsync(topic, encodeMessage(Buffer.from(joined.key, 'hex'), topic, status), { qos: 1, retain: true });
    await waitFor(async () => (await page.getByRole('cell', { name: 'online' }).count()) > 0, 30_000, 'the node online in the panel');
    await section.getByRole('cell', { name: '3 not yet delivered' }).waitFor();
  } finally {
    await client.endAsync();
  }
  assert.deepEqual(await seriousA11yViolations(page), []);

  await section.getByRole('button', { name: 'Remove Yard box' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Remove node' }).click();
  await section.getByText('No door nodes').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});
