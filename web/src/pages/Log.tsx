import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Download, ShieldCheck, X } from 'lucide-react';
import { Dialog } from 'radix-ui';
import { describeEvent, EVENT_GROUPS, typesOf, type EventGroup } from '../../../src/core/eventCatalogue.ts';
import { api, snapshotUrl, type LogEvent } from '../api.ts';
import { useSession } from '../session.tsx';
import { useNames } from '../names.tsx';
import { useLiveEvents } from '../live.tsx';
import { useNow } from '../useApi.ts';
import { formatTime, relativeTime } from '../format.ts';
import { EventIcon } from '../icons.tsx';
import { Chip, PageHeader, Status } from '../components/ui.tsx';
import { snapshotOf } from '../../../src/core/events.ts';

interface Filter {
  groups: EventGroup[];
  personId: string;
  doorId: string;
  sensorId: string;
  from: string;
  to: string;
}

function readFilter(q: URLSearchParams): Filter {
  const groups = (q.get('groups') ?? '').split(',').filter((g): g is EventGroup => EVENT_GROUPS.some((x) => x.group === g));
  return { groups, personId: q.get('person') ?? '', doorId: q.get('door') ?? '', sensorId: q.get('sensor') ?? '', from: q.get('from') ?? '', to: q.get('to') ?? '' };
}

/** The API's filter: the groups' event types, the ids, and whole days in local time. */
function apiQuery(f: Filter): string {
  const q = new URLSearchParams();
  if (f.groups.length) q.set('type', f.groups.flatMap(typesOf).join(','));
  if (f.personId) q.set('personId', f.personId);
  if (f.doorId) q.set('doorId', f.doorId);
  if (f.sensorId) q.set('sensorId', f.sensorId);
  if (f.from) q.set('from', new Date(`${f.from}T00:00`).toISOString());
  if (f.to) q.set('to', new Date(new Date(`${f.to}T00:00`).getTime() + 86_400_000).toISOString());
  return q.toString();
}

function matches(f: Filter, e: LogEvent): boolean {
  const types = f.groups.flatMap(typesOf);
  return (
    (!types.length || types.includes(e.type)) &&
    (!f.personId || e.personId === f.personId) &&
    (!f.doorId || e.doorId === f.doorId) &&
    (!f.sensorId || e.sensorId === f.sensorId) &&
    !f.from &&
    !f.to
  );
}

export default function Log() {
  const { can } = useSession();
  const names = useNames();
  const now = useNow(30_000);
  const [params, setParams] = useSearchParams();
  const filter = readFilter(params);
  const qs = apiQuery(filter);
  const [events, setEvents] = useState<LogEvent[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [verify, setVerify] = useState('');
  const [large, setLarge] = useState<{ url: string; label: string } | null>(null);

  useEffect(() => {
    let stale = false;
    api.get<{ events: LogEvent[]; nextCursor: string | null }>(`/api/events?limit=50${qs ? `&${qs}` : ''}`).then(
      (page) => {
        if (stale) return;
        setEvents(page.events);
        setCursor(page.nextCursor);
        setError('');
      },
      (e: Error) => !stale && setError(e.message),
    );
    return () => {
      stale = true;
    };
  }, [qs]);
  useLiveEvents((e) => {
    if (matches(filter, e)) setEvents((list) => (list.some((x) => x.seq === e.seq) ? list : [e, ...list]));
  });

  const more = async (after: string) => {
    try {
      const page = await api.get<{ events: LogEvent[]; nextCursor: string | null }>(`/api/events?limit=50${qs ? `&${qs}` : ''}&cursor=${after}`);
      setEvents((list) => [...list, ...page.events]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const set = (key: string, value: string) =>
    setParams(
      (p) => {
        const n = new URLSearchParams(p);
        if (value) n.set(key, value);
        else n.delete(key);
        return n;
      },
      { replace: true },
    );
  const toggleGroup = (g: EventGroup) => set('groups', (filter.groups.includes(g) ? filter.groups.filter((x) => x !== g) : [...filter.groups, g]).join(','));
  const runVerify = async () => {
    setVerify('Checking…');
    try {
      const r = await api.get<{ ok: boolean; count: number; seq?: number; reason?: string }>('/api/events/verify');
      setVerify(r.ok ? `Intact: ${r.count} events, hash chain verified.` : `BROKEN at event ${r.seq ?? '?'}: ${r.reason ?? ''}`);
    } catch (e) {
      setVerify((e as Error).message);
    }
  };
  const active = filter.groups.length + [filter.personId, filter.doorId, filter.sensorId, filter.from, filter.to].filter(Boolean).length;

  return (
    <>
      <PageHeader
        title="Log"
        actions={
          <>
            <a className="btn secondary" href={`/api/events/export.csv${qs ? `?${qs}` : ''}`} download="vigil-log.csv">
              <Download aria-hidden="true" size={18} /> Download CSV
            </a>
            {can('admin') && (
              <button type="button" className="btn secondary" onClick={() => void runVerify()}>
                <ShieldCheck aria-hidden="true" size={18} /> Verify log integrity
              </button>
            )}
          </>
        }
      >
        Every entry, alarm and change, kept tamper-evident.
      </PageHeader>
      {verify && <p role="status">{verify}</p>}
      <section className="card filters" aria-label="Filter the log">
        <div className="chips" role="group" aria-label="Kinds of event">
          {EVENT_GROUPS.map((g) => (
            <Chip key={g.group} pressed={filter.groups.includes(g.group)} onClick={() => toggleGroup(g.group)}>
              {g.label}
            </Chip>
          ))}
        </div>
        <div className="pickers">
          <div className="field">
            <label htmlFor="f-person">Person</label>
            <select id="f-person" value={filter.personId} onChange={(e) => set('person', e.target.value)}>
              <option value="">Anyone</option>
              {names.people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-door">Door</label>
            <select id="f-door" value={filter.doorId} onChange={(e) => set('door', e.target.value)}>
              <option value="">Any door</option>
              {names.doors.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-sensor">Sensor</label>
            <select id="f-sensor" value={filter.sensorId} onChange={(e) => set('sensor', e.target.value)}>
              <option value="">Any sensor</option>
              {names.sensors.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-from">From</label>
            <input id="f-from" type="date" value={filter.from} onChange={(e) => set('from', e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="f-to">To</label>
            <input id="f-to" type="date" value={filter.to} onChange={(e) => set('to', e.target.value)} />
          </div>
        </div>
        {active > 0 && (
          <button type="button" className="btn ghost" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
            <X aria-hidden="true" size={16} /> Clear {active} {active === 1 ? 'filter' : 'filters'}
          </button>
        )}
      </section>
      <Status error={error} />
      <section className="card">
        <table className="table cards" aria-label="Events">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Event</th>
              <th scope="col">What happened</th>
              <th scope="col">
                <span className="sr-only">Snapshot</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => {
              const w = describeEvent(e, names);
              const snap = snapshotUrl(snapshotOf(e));
              return (
                <tr key={e.seq}>
                  <td data-label="When">
                    <time dateTime={new Date(e.time).toISOString()} title={formatTime(e.time)}>
                      {relativeTime(e.time, now)}
                    </time>
                  </td>
                  <td data-label="Event" data-type={e.type}>
                    <span className="event-title">
                      <EventIcon name={w.icon} severity={w.severity} size={18} /> {w.title}
                    </span>
                  </td>
                  <td data-label="What happened">{w.sentence}</td>
                  <td data-label="Snapshot">
                    {snap && (
                      <button type="button" className="thumb-btn" onClick={() => setLarge({ url: snap, label: `${w.title}, ${formatTime(e.time)}` })} aria-label={`Open the snapshot of event ${e.seq}`}>
                        <img src={snap} alt="" loading="lazy" />
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {events.length === 0 && !error && <p className="empty">No events match.</p>}
        {cursor && (
          <button type="button" className="btn secondary" onClick={() => void more(cursor)}>
            Load older events
          </button>
        )}
      </section>
      <Dialog.Root open={large !== null} onOpenChange={(o) => !o && setLarge(null)}>
        <Dialog.Portal>
          <Dialog.Overlay className="overlay" />
          <Dialog.Content className="dialog wide-dialog" aria-describedby={undefined}>
            <Dialog.Title>Snapshot</Dialog.Title>
            {large && <img src={large.url} alt="Snapshot" className="large" />}
            <p className="muted">{large?.label}</p>
            <Dialog.Close className="btn secondary">Close</Dialog.Close>
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
    </>
  );
}
