// The panel talks only to the documented HTTP API. The session cookie rides along by itself; the
// CSRF token from sign-in goes in a header on every change. The types come from the server's own
// OpenAPI document (apiSchema.gen.ts, `npm run gen:api`), not from copies kept by hand.
import type { paths } from './apiSchema.gen.ts';

type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : never;
/** The JSON a route answers with (200 or 201). */
export type Reply<P extends keyof paths, M extends 'get' | 'post' | 'put' | 'patch' | 'delete' = 'get'> = paths[P][M] extends { responses: infer R }
  ? R extends { 200: infer OK }
    ? JsonOf<OK>
    : R extends { 201: infer Made }
      ? JsonOf<Made>
      : never
  : never;
/** The JSON body a route takes. */
export type Body<P extends keyof paths, M extends 'post' | 'put' | 'patch'> = paths[P][M] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

export type Session = NonNullable<Reply<'/api/auth/session'>['session']>;
export type User = Session['user'];
export type Role = User['role'];
export type Account = Reply<'/api/users'>[number];
export type LogEvent = Reply<'/api/events'>['events'][number];
export type Details = LogEvent['details'];
export type Alarm = Reply<'/api/alarm'>;
export type Sensor = Reply<'/api/sensors'>[number];
export type Door = Reply<'/api/doors'>[number];
export type Person = Reply<'/api/people'>[number];
export type PersonDetail = Reply<'/api/people/{id}'>;
export type Template = PersonDetail['templates'][number];
export type Credential = Reply<'/api/people/{id}/credentials'>[number];
export type ScheduleRule = NonNullable<Person['access']['schedule']>[number];
export type Incident = Reply<'/api/incidents'>[number];
export type Channel = Reply<'/api/notify/channels'>[number];
export type Delivery = Reply<'/api/notify/deliveries'>[number];
/** The settings forms of every sensor format, channel and lock (admin only). */
export type Adapters = Reply<'/api/adapters'>;
export type DoorNode = Reply<'/api/nodes'>[number];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

let csrf = '';
export const setCsrf = (token: string) => {
  csrf = token;
};
let unauthorized: () => void = () => {};
export const onUnauthorized = (fn: () => void) => {
  unauthorized = fn;
};

async function call<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
  let payload: BodyInit | undefined;
  if (body instanceof FormData || body instanceof Blob) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (body instanceof Blob) headers['content-type'] = body.type || 'application/octet-stream';
  if (method !== 'GET') headers['x-csrf-token'] = csrf;
  const res = await fetch(url, { method, headers, body: payload, credentials: 'same-origin' });
  if (!res.ok) {
    if (res.status === 401 && url !== '/api/auth/login') unauthorized();
    const err = (await res.json().catch(() => ({}))) as { message?: string };
    throw new ApiError(res.status, err.message ?? `HTTP ${res.status}`);
  }
  return (res.status === 204 ? undefined : await res.json()) as T;
}

export const api = {
  get: <T>(url: string) => call<T>('GET', url),
  post: <T>(url: string, body?: unknown) => call<T>('POST', url, body),
  put: <T>(url: string, body?: unknown) => call<T>('PUT', url, body),
  patch: <T>(url: string, body?: unknown) => call<T>('PATCH', url, body),
  del: <T>(url: string, body?: unknown) => call<T>('DELETE', url, body),
};

const ROLE_ORDER: Role[] = ['viewer', 'operator', 'admin'];
export const roleAtLeast = (role: Role, needed: Role) => ROLE_ORDER.indexOf(role) >= ROLE_ORDER.indexOf(needed);

export const snapshotUrl = (name: unknown) => (typeof name === 'string' && name ? `/api/snapshots/${name}` : null);
