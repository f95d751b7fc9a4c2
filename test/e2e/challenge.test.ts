import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import mqtt, { type MqttClient } from 'mqtt';
import { addPerson, startTestVigil, tmpDir, waitFor, type ApiClient, type TestVigil, type TestEvent } from '../helpers.ts';
import { makeClip, portrait } from '../faceVideos.ts';
import { internalMqtt, mqttClientOptions } from '../../src/app.ts';
import { layout } from '../../src/hardware/doorDisplay.ts';
import type { ChallengeAction } from '../../src/core/challenge.ts';
import { SimI2cBus, SimLcd } from '../hardware/i2cSimulator.ts';

// A door in challenge mode, end to end: the PIN typed at the kiosk, the prompt in the kiosk's view,
// on MQTT for an external display and on the door's LCD (its face step takes the face alone; an
// HD44780 simulated at the byte level behind the I2C bus), a real ffmpeg camera showing a photo held still (which can
// do no action), the denial with the challenge's reason, and the prompt taken off the display.
const PROMPT = /^(Turn your head to your (left|right)|Look up|Blink twice|Open your mouth), then (turn your head to your (left|right)|look up|blink twice|open your mouth)$/;

describe('challenge–response at the door', () => {
  const clips = tmpDir();
  let v: TestVigil;
  let admin: ApiClient;
  let display: MqttClient;
  let token = '';
  const prompts: Array<{ text: string | null; actions: string[]; until: string | null }> = [];
  const events: TestEvent[] = [];
  const i2c = new SimI2cBus();
  const lcd = new SimLcd();

  before(async () => {
    const still = await makeClip(path.join(clips.dir, 'amy-still.mp4'), { main: [portrait('amy', 3)] });
    i2c.attach(0x27, lcd);
    v = await startTestVigil({
      env: { VIGIL_VISION_WORKERS: '2' },
      start: { buses: { i2c: async () => i2c } },
      file: { doors: [{ id: 'front', name: 'Front door', kiosk: true, faceWindow: 4, tailgateWindow: 0, camera: { input: still, loop: true }, display: { type: 'hd44780', bus: 1, address: 0x27 } }] },
    });
    v.vigil.bus.on('log.appended', (e) => events.push(e));
    admin = await v.client();
    const amy = await addPerson(admin, 'amy', [portrait('amy', 1), portrait('amy', 2)]);
    assert.equal((await admin.request('PUT', `/api/people/${amy}/pin`, { pin: '4711' })).status, 204);
    token = (await admin.json<{ token: string }>('POST', '/api/doors/front/token')).token;
    const login = internalMqtt(v.config, Number(new URL(v.vigil.mqttUrl).port));
    display = await mqtt.connectAsync(login.url, mqttClientOptions(login));
    display.on('message', (_topic, payload) => prompts.push(JSON.parse(payload.toString()) as (typeof prompts)[number]));
    await display.subscribeAsync('vigil/door/front/prompt');
  });

  after(async () => {
    await display?.endAsync();
    await v?.stop();
    clips.cleanup();
  });

  const kiosk = async (method: string, url: string, body?: unknown) => {
    const res = await fetch(`${v.base}${url}`, { method, headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : null });
    assert.equal(res.status, 200, await res.clone().text());
    return (await res.json()) as { state: string; prompt?: string; view?: { state: string; prompt?: string } };
  };

  test('a kiosk door asks for two random actions after the PIN, shows them, and denies a photo that cannot do them', async () => {
    const answer = await kiosk('POST', '/api/terminal/credential', { factor: 'pin', value: '4711' });
    assert.equal(answer.state, 'looking');
    assert.match(answer.prompt ?? '', PROMPT);
    const shown = await kiosk('GET', '/api/terminal');
    assert.equal(shown.view?.prompt, answer.prompt, 'the kiosk view carries the same prompt');
    const published = await waitFor(() => prompts.find((p) => p.text !== null), 10_000, 'the prompt on MQTT');
    assert.equal(published.text, answer.prompt);
    assert.equal(published.actions.length, 2);
    assert.notEqual(published.actions[0], published.actions[1]);
    const onLcd = layout({ kind: 'challenge', actions: published.actions as ChallengeAction[] }, 16, 2);
    await waitFor(() => lcd.text(16, 2).join('|') === onLcd.join('|') || undefined, 10_000, `the challenge on the LCD (${onLcd.join('|')}; shows ${lcd.text(16, 2).join('|')})`);

    const denied = await waitFor(() => events.find((e) => e.type === 'Denied' && e.doorId === 'front'), 20_000, 'the denial');
    assert.equal(denied.type === 'Denied' && denied.details.reason, 'not_live');
    assert.ok(denied.type === 'Denied' && typeof denied.details.liveness === 'string' && denied.details.liveness.length > 0, JSON.stringify(denied.details));
    await waitFor(() => prompts.at(-1)?.text === null || undefined, 10_000, 'the prompt taken off the display');
    assert.equal((await kiosk('GET', '/api/terminal')).view?.prompt, undefined);
  });
});
