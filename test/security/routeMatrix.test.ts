// Every route of the live route table, called by every kind of caller under every spelling of its
// address, gets exactly the answer its declared access allows; a refused write changes nothing.
// The routes come from the running app, so a new route is covered without touching this file.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { sql } from 'kysely';
import { startTestVigil, type TestVigil } from '../helpers.ts';
import { DoorTokenRepo } from '../../src/store/doorTokens.ts';
import { UNSAFE_METHODS, type RouteEntry } from '../../src/http/auth.ts';
import { roleAtLeast, type Role } from '../../src/store/users.ts';

interface Reply {
  status: number;
  type: string;
}

/** A request with the path exactly as given (fetch would normalise it). Streams are cut after the head. */
function send(port: number, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}) } }, (res) => {
      const reply = { status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? '') };
      if (String(res.headers['content-type']).startsWith('text/event-stream')) {
        res.destroy();
        return resolve(reply);
      }
      res.resume();
      res.on('end', () => resolve(reply));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.setTimeout(15_000, () => req.destroy(new Error(`${method} ${path}: no answer in 15 s`)));
    req.end(body);
  });
}

const UUID = '00000000-0000-4000-8000-000000000000';
/** A well-formed value for each path parameter, naming nothing that exists. */
function fill(url: string): string {
  return url
    .replace(/:seq\b/g, '999999')
    .replace(/:day\b/g, '2000-01-01')
    .replace(/:file\b/g, 'none.jpg')
    .replace(/:[A-Za-z]+/g, UUID)
    .replace(/\*/g, 'none.css');
}

type Spelling = { name: string; path: (p: string) => string; same: boolean };
/**
 * Spellings the router must treat as the route itself (`same`: exactly the route's answer), and
 * others, which may match nothing or another route: those are refused unless that route allows.
 */
const SPELLINGS: Spelling[] = [
  { name: 'canonical', path: (p) => p, same: true },
  { name: 'first letter percent-encoded', path: (p) => p.replace(/^\/([a-z])/, (_m, c: string) => `/%${c.charCodeAt(0).toString(16)}`), same: true },
  { name: 'every letter percent-encoded', path: (p) => p.replace(/[a-z]/g, (c) => `%${c.charCodeAt(0).toString(16)}`), same: true },
  { name: 'with a query string', path: (p) => `${p}?x=1`, same: true },
  { name: 'encoded slash', path: (p) => p.replace(/^(\/[^/]+)\//, '$1%2F'), same: false },
  { name: 'double slash', path: (p) => `/${p}`, same: false },
  { name: 'inner double slash', path: (p) => p.replace(/^(\/[^/]+)\//, '$1//'), same: false },
  { name: 'trailing slash', path: (p) => `${p}/`, same: false },
  { name: 'dot segment', path: (p) => p.replace(/^(\/[^/]+)\//, '$1/./'), same: false },
  { name: 'dot-dot segment', path: (p) => p.replace(/^(\/[^/]+)\//, '$1/x/../'), same: false },
  { name: 'upper case', path: (p) => p.toUpperCase(), same: false },
];

interface Identity {
  name: string;
  headers: () => Record<string, string>;
  /** Whether this caller may call the route with this method. */
  may: (r: RouteEntry) => boolean;
}

describe('route matrix: access from the matched route, for every route, caller and spelling', () => {
  let v: TestVigil;
  let port: number;
  const METRICS = 'm'.repeat(40);
  const identities: Identity[] = [];
  const sessions = new Map<Role, { cookie: string; csrf: string }>();

  async function signIn(role: Role) {
    const c = await v.client(role);
    sessions.set(role, { cookie: c.cookie, csrf: c.csrf });
  }
  /** Some allowed calls end a session (sign out, sign out everywhere): sign in again when one did. */
  async function refreshSessions() {
    for (const [role, s] of sessions) {
      const r = await fetch(`${v.base}/api/auth/session`, { headers: { cookie: s.cookie } });
      if (((await r.json()) as { session: unknown }).session === null) await signIn(role);
    }
  }
  async function dump(): Promise<string> {
    const tables = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`.execute(v.vigil.store.db);
    const out: Record<string, unknown> = {};
    for (const { name } of tables.rows) out[name] = (await sql.raw(`SELECT * FROM "${name}" ORDER BY rowid`).execute(v.vigil.store.db)).rows;
    return JSON.stringify(out);
  }

  before(async () => {
    v = await startTestVigil({ file: { doors: [{ id: 'front', name: 'Front', mode: 'pin_only', kiosk: true }] }, env: { VIGIL_HTTP_METRICS_TOKEN: METRICS } });
    port = Number(new URL(v.base).port);
    for (const role of ['viewer', 'operator', 'admin'] as const) await signIn(role);
    const doorToken = await new DoorTokenRepo(v.vigil.store.db).issue('front');
    const admin = sessions.get('admin');
    if (!admin) throw new Error('no admin');
    const ha = await (await fetch(`${v.base}/api/settings/homeassistant`, { method: 'POST', headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf } })).json() as { username: string; password: string };
    const session = (role: Role, csrf = true) => () => {
      const s = sessions.get(role);
      if (!s) throw new Error(role);
      return { cookie: s.cookie, ...(csrf ? { 'x-csrf-token': s.csrf } : {}) };
    };
    const byRole = (role: Role) => (r: RouteEntry) => r.access === 'public' || (r.access !== 'door' && r.access !== undefined && roleAtLeast(role, r.access));
    identities.push(
      { name: 'nobody', headers: () => ({}), may: (r) => r.access === 'public' },
      { name: 'a forged session cookie', headers: () => ({ cookie: 'vigil_session=forged', 'x-csrf-token': 'forged' }), may: (r) => r.access === 'public' },
      { name: 'viewer', headers: session('viewer'), may: byRole('viewer') },
      { name: 'operator', headers: session('operator'), may: byRole('operator') },
      { name: 'admin', headers: session('admin'), may: byRole('admin') },
      { name: 'admin without the CSRF header', headers: session('admin', false), may: (r) => byRole('admin')(r) && (r.access === 'public' || !UNSAFE_METHODS.has(r.method)) },
      { name: 'door token', headers: () => ({ authorization: `Bearer ${doorToken}` }), may: (r) => r.access === 'public' || r.access === 'door' },
      { name: 'metrics token', headers: () => ({ authorization: `Bearer ${METRICS}` }), may: (r) => r.access === 'public' || r.metricsToken },
      { name: "Home Assistant's MQTT login", headers: () => ({ authorization: `Basic ${Buffer.from(`${ha.username}:${ha.password}`).toString('base64')}`, cookie: `vigil_session=${ha.password}` }), may: (r) => r.access === 'public' },
    );
  });
  after(async () => v?.stop());

  test('every route declares its access, and every write its audit', () => {
    const table = v.vigil.http.routeTable;
    assert.ok(table.length > 60, `only ${table.length} routes in the table`);
    for (const r of table) {
      assert.ok(r.access, `${r.method} ${r.url} declares no access`);
      if (UNSAFE_METHODS.has(r.method)) assert.ok(r.audit, `${r.method} ${r.url} declares no audit`);
    }
    const open = table.filter((r) => r.access === 'public' && r.url.startsWith('/api/') && !r.url.startsWith('/api/docs'));
    assert.deepEqual(open.map((r) => `${r.method} ${r.url}`).sort(), ['GET /api/auth/session', 'GET /api/health', 'HEAD /api/auth/session', 'HEAD /api/health', 'POST /api/auth/login', 'POST /api/nodes/join']);
  });

  test('routes x methods x callers x spellings get what the declared access allows; refused writes change nothing', async (t) => {
    const table = v.vigil.http.routeTable.filter((r) => r.method !== 'OPTIONS');
    let audited = 0;
    v.vigil.bus.on('log.appended', (e) => void (e.type === 'ConfigChanged' && audited++));
    let requests = 0;
    const failures: string[] = [];
    for (const route of table) {
      const path = fill(route.url);
      const body = ['POST', 'PUT', 'PATCH'].includes(route.method) ? '{}' : undefined;
      // Callers this route refuses first, with a dump around them; then those it allows.
      const refused = identities.filter((i) => !i.may(route));
      const allowed = identities.filter((i) => i.may(route));
      const before = UNSAFE_METHODS.has(route.method) ? await dump() : '';
      for (const id of refused) {
        for (const sp of SPELLINGS) {
          const spelt = sp.path(path);
          const r = await send(port, route.method, spelt, id.headers(), body);
          requests++;
          const same = sp.same || spelt === path;
          const ok = same ? r.status === 401 || r.status === 403 : [401, 403, 404].includes(r.status);
          if (!ok) failures.push(`${route.method} ${spelt} as ${id.name} (${sp.name}): ${r.status}, expected ${same ? '401/403' : '401/403/404'}`);
        }
      }
      if (UNSAFE_METHODS.has(route.method) && (await dump()) !== before) failures.push(`${route.method} ${route.url}: a refused call changed the store`);
      for (const id of allowed) {
        for (const sp of SPELLINGS) {
          const spelt = sp.path(path);
          const auditedBefore = audited;
          const r = await send(port, route.method, spelt, id.headers(), body);
          requests++;
          // A change that succeeded is on record before its reply: exactly one audit event, or none for 'none'.
          const expectAudit = r.status < 300 && typeof route.audit === 'object' ? 1 : 0;
          if (UNSAFE_METHODS.has(route.method) && audited - auditedBefore !== expectAudit) {
            failures.push(`${route.method} ${spelt} as ${id.name}: ${r.status} with ${audited - auditedBefore} audit events, expected ${expectAudit}`);
          }
          const same = sp.same || spelt === path;
          const ok = same ? r.status !== 401 && r.status !== 403 && r.status < 500 : r.status < 500;
          if (!ok) failures.push(`${route.method} ${spelt} as ${id.name} (${sp.name}): ${r.status}, expected ${same ? 'an answer past access (not 401/403/5xx)' : 'no server error'}`);
          if (UNSAFE_METHODS.has(route.method)) await refreshSessions();
        }
      }
    }
    t.diagnostic(`${table.length} route/method pairs x ${identities.length} callers x ${SPELLINGS.length} spellings = ${requests} requests`);
    assert.deepEqual(failures, []);
  });

  test('OPTIONS and unknown methods on API routes answer 404 and nothing else', async () => {
    for (const path of ['/api/settings', '/%61pi/settings', '/api/people']) {
      const r = await send(port, 'OPTIONS', path, {});
      assert.equal(r.status, 404, `OPTIONS ${path}`);
    }
  });

  test('a route reached without the session it needs answers 401, never 500', async () => {
    for (const path of ['/api/auth/me', '/%61pi/auth/me', '/api/settings', '/%61pi/system/backup']) {
      const r = await send(port, 'GET', path, {});
      assert.equal(r.status, 401, path);
      assert.match(r.type, /application\/json/);
    }
  });
});
