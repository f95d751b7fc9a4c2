import type { FastifyInstance, FastifyRequest } from 'fastify';
import { auditEvent, type Actor } from '../core/audit.ts';
import type { NewEvent } from '../core/events.ts';

/** Who is calling: the signed-in account, or the kiosk's door. */
export function actorOf(req: FastifyRequest): Actor {
  const by = req.session ? req.session.user.username : req.doorId ? `door:${req.doorId}` : 'anonymous';
  return { by, from: req.ip };
}

const TARGET_PARAMS = ['id', 'name'] as const;
const ITEM_PARAMS = ['faceId', 'credentialId', 'fingerprintId'] as const;
/** Changes a caller makes to their own account name no id in the address. */
const OWN_ACCOUNT: readonly string[] = ['account', 'sessions'];

function param(req: FastifyRequest, names: readonly string[]): string | null {
  const params = (req.params ?? {}) as Record<string, unknown>;
  for (const n of names) if (typeof params[n] === 'string' || typeof params[n] === 'number') return String(params[n]);
  return null;
}

/** A created thing's id, from the reply (`{"id":…}`, `{"sensor":{"id":…}}`, `{"user":{"id":…}}`, `{"peer":{"name":…}}`); never anything else from it. */
function createdId(payload: unknown): string | null {
  if (typeof payload !== 'string' || payload.length > 256 * 1024 || !payload.startsWith('{')) return null;
  try {
    const body = JSON.parse(payload) as { id?: unknown; sensor?: { id?: unknown }; user?: { id?: unknown }; peer?: { name?: unknown } };
    // Without `user`, an account made by an admin would be logged as a change to the admin's own account.
    const id = body.id ?? body.sensor?.id ?? body.user?.id ?? body.peer?.name;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

/**
 * Every successful call of a route that declares an audit spec appends a ConfigChanged event
 * before the reply leaves, so an acknowledged change is on record. Routes declare it in their
 * config (see auth.ts), so a new route cannot be forgotten: start-up checks every write route.
 */
export function registerAudit(app: FastifyInstance, record: (e: NewEvent) => Promise<unknown>): void {
  app.addHook('onSend', async (req, reply, payload) => {
    const spec = req.routeOptions.config.audit;
    if (!spec || spec === 'none' || reply.statusCode >= 300) return payload;
    const own = OWN_ACCOUNT.includes(spec.subject) ? (req.session?.user.id ?? null) : null;
    const target = param(req, TARGET_PARAMS) ?? createdId(payload) ?? own;
    try {
      await record(auditEvent({ ...spec, ...actorOf(req), target, item: param(req, ITEM_PARAMS) }));
    } catch (err) {
      req.log.error({ err, subject: spec.subject, action: spec.action }, 'audit event could not be logged');
    }
    return payload;
  });
}
