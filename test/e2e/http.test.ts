import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ApiClient, openSse, startTestVigil, type TestVigil, type TestEvent } from '../helpers.ts';
import { anEvent } from '../fixtures/events.ts';

describe('HTTP API: access control, validation, log queries, stream resume', () => {
  let v: TestVigil;
  let admin: ApiClient;
  let viewer: ApiClient;
  let operator: ApiClient;

  before(async () => {
    v = await startTestVigil({ env: { VIGIL_HTTP_LOGIN_ATTEMPTS_PER_MINUTE: '5', VIGIL_HTTP_METRICS_TOKEN: 'scrape-me-please' } });
    admin = await v.client('admin');
    viewer = await v.client('viewer');
    operator = await v.client('operator');
    for (let i = 0; i < 30; i++) await v.vigil.eventLog.append(anEvent(i % 2 ? 'SensorOpened' : 'SensorClosed', { sensorId: i % 3 ? 'front' : '=cmd|calc', details: { name: `Front ${i}` } }));
  });
  after(async () => v?.stop());

  const storeSnapshot = async () => ({
    head: await v.vigil.eventLog.headSeq(),
    sensors: JSON.stringify(v.vigil.sensors.list()),
    alarm: JSON.stringify(v.vigil.alarm.state),
    users: (await v.vigil.store.db.selectFrom('users').select('id').execute()).length,
  });

  test('no session: 401 everywhere but health and docs', async () => {
    const anon = new ApiClient(v.base);
    const before = await storeSnapshot();
    for (const [m, u, b] of [
      ['GET', '/api/events'],
      ['GET', '/api/events/stream'],
      ['GET', '/api/events/export.csv'],
      ['GET', '/api/sensors'],
      ['POST', '/api/sensors', { id: 'x', name: 'X' }],
      ['GET', '/api/alarm'],
      ['POST', '/api/alarm', { action: 'ARM_AWAY' }],
      ['GET', '/api/metrics'],
      ['GET', '/api/auth/me'],
    ] as Array<[string, string, unknown?]>) {
      assert.equal((await anon.request(m, u, b)).status, 401, `${m} ${u}`);
    }
    assert.equal((await anon.request('GET', '/api/health')).status, 200);
    const docs = await anon.request('GET', '/api/docs/json');
    assert.equal(docs.status, 200);
    const spec = (await docs.json()) as { openapi: string; paths: Record<string, unknown> };
    assert.match(spec.openapi, /^3\./);
    for (const p of ['/api/events', '/api/events/stream', '/api/alarm', '/api/sensors', '/api/auth/login', '/api/health', '/api/metrics']) assert.ok(spec.paths[p], p);
    assert.deepEqual(await storeSnapshot(), before);
  });

  test('wrong role: 403 and nothing changes', async () => {
    const before = await storeSnapshot();
    assert.equal((await viewer.request('POST', '/api/alarm', { action: 'ARM_AWAY' })).status, 403);
    assert.equal((await viewer.request('POST', '/api/sensors', { id: 'x', name: 'X' })).status, 403);
    assert.equal((await operator.request('POST', '/api/sensors', { id: 'x', name: 'X' })).status, 403);
    assert.equal((await viewer.request('GET', '/api/events/verify')).status, 403);
    assert.equal((await viewer.request('GET', '/api/events')).status, 200);
    assert.deepEqual(await storeSnapshot(), before);
    assert.equal((await operator.request('POST', '/api/alarm', { action: 'ARM_HOME' })).status, 200);
    assert.equal((await operator.request('POST', '/api/alarm', { action: 'DISARM' })).status, 200);
  });

  test('a session cookie without the CSRF header cannot change anything', async () => {
    const before = await storeSnapshot();
    const forged = new ApiClient(v.base);
    forged.cookie = admin.cookie;
    assert.equal((await forged.request('POST', '/api/sensors', { id: 'evil', name: 'Evil' })).status, 403);
    forged.csrf = 'guess';
    assert.equal((await forged.request('POST', '/api/alarm', { action: 'ARM_AWAY' })).status, 403);
    assert.deepEqual(await storeSnapshot(), before);
  });

  test('malformed requests get 400 with a reason and change nothing', async () => {
    const before = await storeSnapshot();
    const cases: Array<[string, string, unknown]> = [
      ['POST', '/api/sensors', { id: '../../etc', name: 'x' }],
      ['POST', '/api/sensors', { id: 'ok', name: 'x', entryDelay: -5 }],
      ['POST', '/api/sensors', { id: 'ok', name: 'x', kind: 'chimney' }],
      ['POST', '/api/sensors', { id: 'ok', name: 'x', extra: 1 }],
      ['POST', '/api/sensors', '{"id": "ok", '],
      ['POST', '/api/alarm', { action: 'EXPLODE' }],
      ['POST', '/api/alarm', { action: 'ARM_AWAY', code: 'x'.repeat(100) }],
      ['GET', '/api/events?limit=0', undefined],
      ['GET', '/api/events?limit=abc', undefined],
      ['GET', '/api/events?cursor=12', undefined],
      ['GET', '/api/events?type=Nonsense', undefined],
      ['GET', '/api/events?from=yesterday', undefined],
      ['GET', '/api/events/export.csv?type=Nope', undefined],
    ];
    for (const [m, u, b] of cases) {
      const res = await admin.request(m, u, b);
      assert.equal(res.status, 400, `${m} ${u} ${JSON.stringify(b)}`);
      const body = (await res.json()) as { message: string };
      assert.ok(body.message.length > 3, 'a reason is given');
    }
    const huge = await admin.request('POST', '/api/sensors', { id: 'big', name: 'x'.repeat(100_000) });
    assert.equal(huge.status, 413);
    assert.deepEqual(await storeSnapshot(), before);
  });

  test("a person's name is taken in any spelling of case: 409 in the one error shape, and nobody is added", async () => {
    const ann = await admin.json<{ id: string }>('POST', '/api/people', { name: 'Ann Example' });
    const count = async () => (await admin.json<unknown[]>('GET', '/api/people')).length;
    const before = await count();
    const dup = await admin.request('POST', '/api/people', { name: 'ANN example' });
    assert.equal(dup.status, 409);
    assert.deepEqual(await dup.json(), { statusCode: 409, error: 'Conflict', message: 'a person named "ANN example" exists (names are compared without case)' });
    const other = await admin.json<{ id: string }>('POST', '/api/people', { name: 'Bo Example' });
    assert.equal((await admin.request('PATCH', `/api/people/${other.id}`, { name: 'ann example' })).status, 409);
    assert.equal(await count(), before + 1);
    for (const id of [ann.id, other.id]) assert.equal((await admin.request('DELETE', `/api/people/${id}`)).status, 204);
  });

  test('login: wrong password is 401, and attempts are rate limited', async () => {
    const c = new ApiClient(v.base);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await c.login('viewer2', 'wrong password')).status);
    assert.equal((await new ApiClient(v.base).login('operator3', 'correct horse battery')).status, 200, 'other accounts are unaffected');
    assert.deepEqual(statuses.slice(0, 4), [401, 401, 401, 401]);
    assert.equal(statuses.at(-1), 429);
  });

  test('log: filters and cursor paging over HTTP; CSV export defuses formulas', async () => {
    const page1 = await viewer.json<{ events: TestEvent[]; nextCursor: string }>('GET', '/api/events?type=SensorOpened,SensorClosed&limit=10');
    assert.equal(page1.events.length, 10);
    const page2 = await viewer.json<{ events: TestEvent[]; nextCursor: string | null }>('GET', `/api/events?type=SensorOpened,SensorClosed&limit=10&cursor=${page1.nextCursor}`);
    assert.ok((page2.events[0]?.seq ?? 0) < (page1.events.at(-1)?.seq ?? 0));
    const front = await viewer.json<{ events: TestEvent[] }>('GET', '/api/events?sensorId=front&limit=1000');
    assert.equal(front.events.length, 20);
    const now = Date.now();
    assert.equal((await viewer.json<{ events: TestEvent[] }>('GET', `/api/events?from=${new Date(now + 60_000).toISOString()}`)).events.length, 0);

    const csv = await viewer.request('GET', '/api/events/export.csv?type=SensorOpened,SensorClosed');
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
    const lines = (await csv.text()).trim().split('\n');
    assert.equal(lines[0], 'seq,time,type,door,sensor,person,details,hash');
    assert.equal(lines.length, 31);
    assert.ok(lines.some((l) => l.includes("'=cmd|calc")), 'a formula-like cell is prefixed with a quote');
    assert.ok(!lines.some((l) => /,=cmd/.test(l)));
  });

  test('verify over HTTP reports an intact chain', async () => {
    const r = await admin.json<{ ok: boolean; count: number }>('GET', '/api/events/verify');
    assert.equal(r.ok, true);
    assert.ok(r.count >= 30);
  });

  test('stream resumes after Last-Event-ID with nothing lost and nothing repeated', async () => {
    const head = await v.vigil.eventLog.headSeq();
    const from = head - 5;
    const sse = await openSse(`${v.base}/api/events/stream`, { cookie: viewer.cookie, 'last-event-id': String(from) });
    const seen: number[] = [];
    for (let i = 0; i < 5; i++) seen.push((await sse.next<TestEvent>()).seq);
    const live = v.vigil.eventLog.append(anEvent('SensorOpened', { sensorId: 'live' }));
    seen.push((await sse.next<TestEvent>()).seq);
    assert.deepEqual(seen, [from + 1, from + 2, from + 3, from + 4, from + 5, (await live).seq]);
    sse.close();
  });

  test('metrics: Prometheus text for a session or the bearer token', async () => {
    const res = await viewer.request('GET', '/api/metrics');
    assert.equal(res.status, 200);
    const text = await res.text();
    assert.match(text, /vigil_alarm_state\{state="disarmed"\} 1/);
    assert.match(text, /vigil_mqtt_connected 1/);
    const bearer = await fetch(`${v.base}/api/metrics`, { headers: { authorization: 'Bearer scrape-me-please' } });
    assert.equal(bearer.status, 200);
    const wrong = await fetch(`${v.base}/api/metrics`, { headers: { authorization: 'Bearer nope' } });
    assert.equal(wrong.status, 401);
  });

  test('sign out ends the session; sign out everywhere ends them all', async () => {
    const a = await v.client('viewer');
    const b = new ApiClient(v.base);
    b.cookie = a.cookie;
    b.csrf = a.csrf;
    assert.equal((await a.request('POST', '/api/auth/logout')).status, 204);
    assert.equal((await b.request('GET', '/api/auth/me')).status, 401);
    const c = await v.client('viewer');
    const me = await c.json<{ user: { username: string } }>('GET', '/api/auth/me');
    const d = new ApiClient(v.base);
    await d.login(me.user.username, 'correct horse battery');
    assert.equal((await c.request('POST', '/api/auth/logout-all')).status, 204);
    assert.equal((await d.request('GET', '/api/auth/me')).status, 401);
  });

  test('session cookie is HttpOnly and SameSite=Strict', async () => {
    const c = new ApiClient(v.base);
    const res = await c.request('POST', '/api/auth/login', { username: 'operator3', password: 'correct horse battery' });
    const cookie = res.headers.get('set-cookie') ?? '';
    assert.match(cookie, /HttpOnly/);
    assert.match(cookie, /SameSite=Strict/);
  });
});
