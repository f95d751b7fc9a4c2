import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';
import { freePort, startTestVigil, tmpDir, waitFor, type ApiClient, type TestVigil } from '../helpers.ts';
import { loopbackCert, startLocalPush, type LocalPush } from '../localPush.ts';
import { anEvent } from '../fixtures/events.ts';

interface Hit {
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** Every notification channel against a real peer of its protocol on loopback. */
describe('notifications to real protocol peers', () => {
  const tmp = tmpDir();
  let v: TestVigil;
  let admin: ApiClient;
  let http: Server;
  let smtp: SMTPServer;
  let push: LocalPush;
  let base = '';
  const hits: Hit[] = [];
  const mails: ParsedMail[] = [];
  let failHook = 0;
  const channels: Record<string, string> = {};

  before(async () => {
    http = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        hits.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
        if (req.url?.startsWith('/hook') && failHook > 0) {
          failHook--;
          res.writeHead(503).end('busy');
          return;
        }
        if (req.url?.startsWith('/tg/')) {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result: { message_id: 1 } }));
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"id":"x"}');
      });
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(http.address() as { port: number }).port}`;

    // SMTP with STARTTLS and a login, as a mail provider would ask.
    const { key, cert } = loopbackCert(tmp.dir, 'smtp');
    smtp = new SMTPServer({
      key: readFileSync(key),
      cert: readFileSync(cert),
      authOptional: false,
      onAuth: (auth, _session, cb) => (auth.username === 'vigil' && auth.password === 'mail-secret' ? cb(null, { user: 'vigil' }) : cb(new Error('bad login'))),
      onData: (stream, session, cb) => {
        simpleParser(stream).then((m) => {
          assert.ok(session.secure, 'the mail came over TLS');
          mails.push(m);
          cb();
        }, cb);
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
    const smtpPort = (smtp.server.address() as { port: number }).port;

    push = await startLocalPush(tmp.dir);

    v = await startTestVigil({ env: { VIGIL_NOTIFY_PUBLIC_URL: 'https://vigil.example' } });
    admin = await v.client();
    const rules = { types: ['Intrusion', 'Entry'] };
    const make = async (name: string, type: string, settings: Record<string, unknown>, extra: Record<string, unknown> = {}) => {
      const res = await admin.request('POST', '/api/notify/channels', { name, type, settings, rules: { ...rules, ...extra } });
      assert.equal(res.status, 201, await res.clone().text());
      channels[name] = ((await res.json()) as { id: string }).id;
    };
    await make('hook', 'webhook', { url: `${base}/hook`, secret: 'hook-secret' });
    await make('ntfy', 'ntfy', { server: `${base}/ntfy`, topic: 'house', token: 'tk_123' });
    await make('telegram', 'telegram', { token: '123456:ABC-def', chatId: '-100200300', apiBase: `${base}/tg` });
    await make('mail', 'email', { host: '127.0.0.1', port: smtpPort, security: 'starttls', username: 'vigil', password: 'mail-secret', from: 'vigil@home.test', to: ['owner@home.test'], ca: readFileSync(cert, 'utf8') });
    await make('push', 'webpush', {});
  });

  after(async () => {
    await v?.stop();
    http?.close();
    await push?.close();
    await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
    tmp.cleanup();
  });

  const until = <T>(what: string, fn: () => T | Promise<T>, ms = 8000) => waitFor(fn, ms, what);

  /** A browser's subscription, made at the local push service with Vigil's VAPID key. */
  async function subscribeBrowser(): Promise<{ clientHash: string; endpoint: string }> {
    const { publicKey } = await admin.json<{ publicKey: string }>('GET', '/api/push/key');
    const sub = await push.subscribe(publicKey);
    assert.equal((await admin.request('POST', '/api/push/subscriptions', { endpoint: sub.endpoint, keys: sub.keys })).status, 201);
    return sub;
  }
  const pushed = (clientHash: string) => push.messages(clientHash);

  test('an intrusion reaches every channel: webhook (signed), ntfy, Telegram, e-mail over STARTTLS, Web Push', async () => {
    const browser = await subscribeBrowser();
    const intrusion = await v.vigil.eventLog.append(anEvent('Intrusion', { sensorId: 'back-window', details: { name: 'Back window' } }));

    const hook = await until('the webhook', () => hits.find((h) => h.path === '/hook'));
    assert.equal(hook.headers['x-vigil-signature'], `sha256=${createHmac('sha256', 'hook-secret').update(hook.body).digest('hex')}`);
    const payload = JSON.parse(hook.body.toString()) as { title: string; urgent: boolean; link: string; events: Array<{ seq: number }> };
    assert.equal(payload.title, 'Vigil: Intrusion');
    assert.equal(payload.urgent, true);
    assert.equal(payload.events[0]?.seq, intrusion.seq);
    assert.equal(payload.link, `https://vigil.example/log?seq=${intrusion.seq}`);

    const ntfy = await until('ntfy', () => hits.find((h) => h.path === '/ntfy/house'));
    assert.equal(ntfy.headers.title, 'Vigil: Intrusion');
    assert.equal(ntfy.headers.priority, 'urgent');
    assert.equal(ntfy.headers.authorization, 'Bearer tk_123');
    assert.match(ntfy.body.toString(), /^Back window opened while armed at /);

    const tg = await until('Telegram', () => hits.find((h) => h.path === '/tg/bot123456:ABC-def/sendMessage'));
    const tgBody = JSON.parse(tg.body.toString()) as { chat_id: string; text: string };
    assert.equal(tgBody.chat_id, '-100200300');
    assert.match(tgBody.text, /^Vigil: Intrusion\n/);

    const mail = await until('the e-mail', () => mails[0]);
    assert.equal(mail.subject, 'Vigil: Intrusion');
    assert.match(mail.text ?? '', /Back window/);

    const messages = await until('the push message', async () => ((await pushed(browser.clientHash)).length ? pushed(browser.clientHash) : undefined));
    assert.equal((JSON.parse(messages[0] as string) as { title: string }).title, 'Vigil: Intrusion');

    const deliveries = await until('all delivered', async () => {
      const list = await admin.json<Array<{ channel: string; status: string; seqs: number[] }>>('GET', '/api/notify/deliveries');
      const mine = list.filter((d) => d.seqs.includes(intrusion.seq));
      return mine.length === 5 && mine.every((d) => d.status === 'sent') ? mine : undefined;
    });
    assert.deepEqual(deliveries.map((d) => d.channel).sort(), ['hook', 'mail', 'ntfy', 'push', 'telegram']);
  });

  test('secrets never come back; a masked secret sent back keeps the stored one', async () => {
    const list = await admin.json<Array<{ id: string; name: string; settings: Record<string, unknown> }>>('GET', '/api/notify/channels');
    const mail = list.find((c) => c.name === 'mail');
    assert.equal(mail?.settings.password, '********');
    assert.equal(list.find((c) => c.name === 'telegram')?.settings.token, '********');
    const res = await admin.request('PUT', `/api/notify/channels/${channels.mail}`, { name: 'mail', type: 'email', settings: mail?.settings, rules: { types: ['Intrusion', 'Entry'] } });
    assert.equal(res.status, 200, await res.text());
    const test = await admin.json<{ ok: boolean; error?: string }>('POST', `/api/notify/channels/${channels.mail}/test`);
    assert.deepEqual(test, { ok: true });
    await until('the test mail', () => mails.find((m) => m.subject === 'Vigil: test message'));
  });

  test('bad channel settings are refused with the reason and change nothing', async () => {
    const before = (await admin.json<unknown[]>('GET', '/api/notify/channels')).length;
    const res = await admin.request('POST', '/api/notify/channels', { name: 'x', type: 'ntfy', settings: { server: 'ftp://nope', topic: 'a b' }, rules: { types: ['Intrusion'] } });
    assert.equal(res.status, 400);
    assert.match(((await res.json()) as { message: string }).message, /settings for a ntfy channel: .*server/);
    assert.equal((await admin.json<unknown[]>('GET', '/api/notify/channels')).length, before);
    const viewer = await v.client('viewer');
    assert.equal((await viewer.request('GET', '/api/notify/channels')).status, 403);
  });

  test('a failing webhook is retried with back-off until it answers', async () => {
    failHook = 2;
    const before = hits.filter((h) => h.path === '/hook').length;
    const e = await v.vigil.eventLog.append(anEvent('Entry', { doorId: 'front', details: { factors: 'pin+face' } }));
    const d = await until(
      'the third try',
      async () => (await admin.json<Array<{ channel: string; status: string; attempts: number; seqs: number[] }>>('GET', '/api/notify/deliveries')).find((x) => x.channel === 'hook' && x.seqs.includes(e.seq) && x.status === 'sent'),
      10_000,
    );
    assert.equal(d.attempts, 2, 'two failures recorded before the success');
    assert.equal(hits.filter((h) => h.path === '/hook').length - before, 3);
  });

  test('a browser the push service says is gone (410) is unsubscribed', async () => {
    const browser = await subscribeBrowser();
    await push.expire(browser.clientHash);
    const e = await v.vigil.eventLog.append(anEvent('Intrusion', { sensorId: 'back-window' }));
    await until('the dead delivery', async () =>
      (await admin.json<Array<{ channel: string; status: string; seqs: number[]; lastError: string | null }>>('GET', '/api/notify/deliveries')).find((x) => x.channel === 'push' && x.seqs.includes(e.seq) && x.status === 'dead' && /410/.test(x.lastError ?? '')),
    );
    const left = await v.vigil.store.db.selectFrom('push_subscriptions').select('endpoint').execute();
    assert.ok(!left.some((s) => s.endpoint === browser.endpoint));
  });

  test('a burst of ordinary events is grouped into one message', async () => {
    const res = await admin.request('POST', '/api/notify/channels', { name: 'digest', type: 'webhook', settings: { url: `${base}/digest` }, rules: { types: ['SensorOpened'], groupSeconds: 1 } });
    assert.equal(res.status, 201);
    for (let i = 0; i < 3; i++) await v.vigil.eventLog.append(anEvent('SensorOpened', { sensorId: `s${i}`, details: { name: `Window ${i}` } }));
    const digest = await until('the digest', () => hits.find((h) => h.path === '/digest'), 5000);
    const body = JSON.parse(digest.body.toString()) as { title: string; events: unknown[] };
    assert.equal(body.title, 'Vigil: 3 events');
    assert.equal(body.events.length, 3);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(hits.filter((h) => h.path === '/digest').length, 1);
  });

  test('a channel whose server cannot be reached reports it on test', async () => {
    const closed = await freePort();
    const id = (await admin.json<{ id: string }>('POST', '/api/notify/channels', { name: 'dead ntfy', type: 'ntfy', settings: { server: `http://127.0.0.1:${closed}`, topic: 't' }, rules: { types: ['Intrusion'] }, enabled: false })).id;
    const r = await admin.json<{ ok: boolean; error?: string }>('POST', `/api/notify/channels/${id}/test`);
    assert.equal(r.ok, false);
    assert.equal(r.error, 'ntfy unreachable: ECONNREFUSED');
  });
});
