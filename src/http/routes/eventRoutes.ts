import type { FastifyPluginAsync } from 'fastify';
import { InvalidInput } from '../../core/errors.ts';
import Type from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { stringify } from 'csv-stringify';
import { Readable } from 'node:stream';
import { decodeCursor, type EventFilter, type EventLog } from '../../store/eventLog.ts';
import type { Bus } from '../../core/bus.ts';
import { isEventType, type EventType, type LoggedEvent } from '../../core/events.ts';
import { ErrorReply, EventSchema } from '../schemas.ts';

export interface EventRouteDeps {
  log: EventLog;
  bus: Bus;
  /** Live stream clients, for metrics. */
  streams: Set<unknown>;
}

const FilterQuery = Type.Object({
  type: Type.Optional(Type.String({ maxLength: 500, description: 'comma-separated event types' })),
  sensorId: Type.Optional(Type.String({ maxLength: 64 })),
  personId: Type.Optional(Type.String({ maxLength: 64 })),
  doorId: Type.Optional(Type.String({ maxLength: 64 })),
  from: Type.Optional(Type.String({ maxLength: 40, description: 'ISO 8601 time or ms since the epoch (inclusive)' })),
  to: Type.Optional(Type.String({ maxLength: 40, description: 'ISO 8601 time or ms since the epoch (exclusive)' })),
});
const PageQuery = Type.Object({
  ...FilterQuery.properties,
  cursor: Type.Optional(Type.String({ pattern: '^[0-9]{1,15}\\.[0-9]{1,15}$', description: 'nextCursor of the previous page' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 50 })),
});


function parseTime(name: string, v: string | undefined): number | undefined {
  if (v === undefined || v === '') return undefined;
  const ms = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
  if (!Number.isFinite(ms)) throw new InvalidInput(`${name} must be an ISO 8601 time or milliseconds since the epoch`);
  return ms;
}

function toFilter(q: { type?: string; sensorId?: string; personId?: string; doorId?: string; from?: string; to?: string }): EventFilter {
  const types = q.type ? q.type.split(',').map((t) => t.trim()).filter(Boolean) : [];
  const unknown = types.filter((t) => !isEventType(t));
  if (unknown.length) throw new InvalidInput(`unknown event type(s): ${unknown.join(', ')}`);
  return {
    types: types as EventType[],
    sensorId: q.sensorId || undefined,
    personId: q.personId || undefined,
    doorId: q.doorId || undefined,
    from: parseTime('from', q.from),
    to: parseTime('to', q.to),
  };
}

/** Spreadsheet programs run cells that start like a formula; a leading quote defuses them. */
function cell(v: string | null): string {
  if (v === null) return '';
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

export const eventRoutes: FastifyPluginAsync<EventRouteDeps> = async (app, d) => {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/events',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['events'],
        summary: 'The log, newest first, filtered, a page at a time',
        querystring: PageQuery,
        response: { 200: Type.Object({ events: Type.Array(EventSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) }), 400: ErrorReply },
      },
    },
    async (req) => d.log.query({ ...toFilter(req.query), before: req.query.cursor ? decodeCursor(req.query.cursor) : undefined, limit: req.query.limit }),
  );

  r.get(
    '/api/events/export.csv',
    { config: { access: 'viewer' }, schema: { tags: ['events'], summary: 'The filtered log as CSV', querystring: FilterQuery, produces: ['text/csv'] } },
    async (req, reply) => {
      const filter = toFilter(req.query);
      const rows = Readable.from(
        (async function* () {
          for await (const e of d.log.iterate(filter)) {
            yield [e.seq, new Date(e.time).toISOString(), e.type, cell(e.doorId), cell(e.sensorId), cell(e.personId), cell(JSON.stringify(e.details)), e.hash];
          }
        })(),
      );
      const csv = stringify({ header: true, columns: ['seq', 'time', 'type', 'door', 'sensor', 'person', 'details', 'hash'] });
      reply.header('content-type', 'text/csv; charset=utf-8');
      reply.header('content-disposition', 'attachment; filename="vigil-events.csv"');
      return reply.send(rows.pipe(csv));
    },
  );

  r.get(
    '/api/events/verify',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['events'],
        summary: 'Walk the hash chain and report whether the log is intact',
        response: {
          200: Type.Object({ ok: Type.Boolean(), count: Type.Integer(), head: Type.Optional(Type.String()), seq: Type.Optional(Type.Integer()), reason: Type.Optional(Type.String()) }),
        },
      },
    },
    async () => d.log.verify(),
  );

  r.get(
    '/api/stats/entries',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['events'],
        summary: 'Entries per hour over the last days (for the dashboard chart)',
        querystring: Type.Object({ days: Type.Integer({ minimum: 1, maximum: 31, default: 7 }) }),
        response: { 200: Type.Object({ from: Type.Integer(), hours: Type.Array(Type.Integer()) }) },
      },
    },
    async (req) => {
      const hour = 3600 * 1000;
      const to = Math.ceil(Date.now() / hour) * hour;
      const from = to - req.query.days * 24 * hour;
      const hours = new Array<number>(req.query.days * 24).fill(0);
      for await (const e of d.log.iterate({ types: ['Entry'], from, to })) {
        const i = Math.floor((e.time - from) / hour);
        hours[i] = (hours[i] ?? 0) + 1;
      }
      return { from, hours };
    },
  );

  r.get(
    '/api/events/stream',
    {
      config: { access: 'viewer' },
      schema: {
        tags: ['events'],
        summary: 'Server-sent events: every new log event; resumes after Last-Event-ID',
        querystring: Type.Object({ lastEventId: Type.Optional(Type.Integer({ minimum: 0 })) }),
        headers: Type.Object({ 'last-event-id': Type.Optional(Type.String({ pattern: '^[0-9]{1,15}$' })) }),
        produces: ['text/event-stream'],
      },
    },
    async (req, reply) => {
      const header = req.headers['last-event-id'];
      let lastSent = header !== undefined ? Number(header) : (req.query.lastEventId ?? (await d.log.headSeq()));
      const raw = reply.raw;
      reply.hijack();
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      // HEAD asks for the head only; a stream without end would hold the connection for ever.
      if (req.method === 'HEAD') return void raw.end();
      raw.write('retry: 2000\n\n');

      let closed = false;
      const buffered: LoggedEvent[] = [];
      let replaying = true;
      const send = (e: LoggedEvent) => {
        if (closed || e.seq <= lastSent) return;
        lastSent = e.seq;
        // A client that cannot keep up is cut off; it resumes from Last-Event-ID without losing anything.
        if (!raw.write(`id: ${e.seq}\ndata: ${JSON.stringify(e)}\n\n`) && raw.writableLength > 4 * 1024 * 1024) raw.destroy();
      };
      const off = d.bus.on('log.appended', (e) => (replaying ? buffered.push(e) : send(e)));
      const ping = setInterval(() => raw.write(': ping\n\n'), 15_000);
      const stream = {};
      d.streams.add(stream);
      raw.on('close', () => {
        closed = true;
        off();
        clearInterval(ping);
        d.streams.delete(stream);
      });
      // Replay what was missed, then switch to live without a gap or a duplicate.
      for (;;) {
        const missed = await d.log.after(lastSent, 1000);
        missed.forEach(send);
        if (missed.length < 1000 || closed) break;
      }
      replaying = false;
      buffered.splice(0).forEach(send);
    },
  );
};
