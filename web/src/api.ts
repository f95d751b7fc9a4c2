// The panel talks only to the documented HTTP API. The session cookie rides along by itself; the
// CSRF token from sign-in goes in a header on every change.

export type Role = 'viewer' | 'operator' | 'admin';
export interface User {
  id: string;
  username: string;
  role: Role;
}
export interface Session {
  user: User;
  csrfToken: string;
  expiresAt: number;
}
export type Details = Record<string, string | number | boolean | null>;
export interface LogEvent {
  seq: number;
  time: number;
  type: string;
  doorId: string | null;
  sensorId: string | null;
  personId: string | null;
  details: Details;
}
export interface Alarm {
  state: 'disarmed' | 'arming' | 'armed_home' | 'armed_away' | 'pending' | 'triggered';
  mode: 'home' | 'away' | null;
  deadline: number | null;
  triggeredBy: string | null;
}
export interface Sensor {
  id: string;
  name: string;
  kind: 'door' | 'window';
  zone: string;
  entryDelay: number;
  heartbeat: number;
  source: 'config' | 'api';
  signed: boolean;
  format?: { type: string; device: string; input?: string };
  state: { contact: 'open' | 'closed' | null; online: boolean | null; battery: number | null; tamper: boolean | null; lastSeen: number | null };
}
export interface Door {
  id: string;
  name: string;
  mode: string;
  direction: string;
  view: { state: string };
  lock: string;
  camera: 'online' | 'offline' | 'none';
  contact: 'open' | 'closed' | 'unknown';
  lastAccess: { type: string; personId: string | null; at: number } | null;
}
export interface ScheduleRule {
  days: number[];
  from: string;
  to: string;
}
export interface Person {
  id: string;
  name: string;
  faces: number;
  createdAt: number;
  access: { doors: string[] | null; schedule: ScheduleRule[] | null };
}
export interface Template {
  id: string;
  quality: { eyeDistance: number; sharpness: number; yaw: number; pitch: number };
  createdAt: number;
}
export interface Credential {
  id: string;
  kind: 'pin' | 'duress_pin' | 'fob';
  createdAt: number;
}

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

export const roleAtLeast = (role: Role, needed: Role) => ['viewer', 'operator', 'admin'].indexOf(role) >= ['viewer', 'operator', 'admin'].indexOf(needed);

export const snapshotUrl = (name: unknown) => (typeof name === 'string' && name ? `/api/snapshots/${name}` : null);

export function formatTime(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}
