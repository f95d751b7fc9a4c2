import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api, formatTime, snapshotUrl, type LogEvent } from '../api.ts';
import { DataTable } from '../components/DataTable.tsx';
import { useSession } from '../session.tsx';
import { usePeopleNames } from '../usePeople.ts';
import { describe } from '../describe.ts';

const TYPES = ['Entry', 'Exit', 'Denied', 'Intrusion', 'DuressAlarm', 'Tailgating', 'TerminalLockout', 'DoorForced', 'DoorHeldOpen', 'AlarmArmed', 'AlarmDisarmed', 'AlarmTriggered', 'SensorOpened', 'SensorClosed', 'SensorOffline', 'SensorTamper', 'SensorBatteryLow', 'CameraOffline', 'AlertAcknowledged'];

interface Filter {
  type: string[];
  personId: string;
  doorId: string;
  sensorId: string;
  from: string;
  to: string;
}

function query(f: Filter): string {
  const q = new URLSearchParams();
  if (f.type.length) q.set('type', f.type.join(','));
  for (const k of ['personId', 'doorId', 'sensorId'] as const) if (f[k]) q.set(k, f[k]);
  if (f.from) q.set('from', new Date(f.from).toISOString());
  if (f.to) q.set('to', new Date(f.to).toISOString());
  return q.toString();
}

function fetchPage(f: Filter, after: string | null) {
  const qs = query(f);
  return api.get<{ events: LogEvent[]; nextCursor: string | null }>(`/api/events?limit=50${qs ? `&${qs}` : ''}${after ? `&cursor=${after}` : ''}`);
}

export function Log() {
  const { can } = useSession();
  const names = usePeopleNames();
  const [filter, setFilter] = useState<Filter>({ type: [], personId: '', doorId: '', sensorId: '', from: '', to: '' });
  const [events, setEvents] = useState<LogEvent[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [verify, setVerify] = useState('');
  const [large, setLarge] = useState<string | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    let stale = false;
    fetchPage(filter, null).then(
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
  }, [filter]);
  const more = async (after: string) => {
    try {
      const page = await fetchPage(filter, after);
      setEvents((list) => [...list, ...page.events]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setFilter({
      type: f.getAll('type').map(String),
      personId: String(f.get('personId') ?? ''),
      doorId: String(f.get('doorId') ?? '').trim(),
      sensorId: String(f.get('sensorId') ?? '').trim(),
      from: String(f.get('from') ?? ''),
      to: String(f.get('to') ?? ''),
    });
  };
  const runVerify = async () => {
    setVerify('checking…');
    try {
      const r = await api.get<{ ok: boolean; count: number; seq?: number; reason?: string }>('/api/events/verify');
      setVerify(r.ok ? `Intact: ${r.count} events, hash chain verified.` : `BROKEN at event ${r.seq ?? '?'}: ${r.reason ?? ''}`);
    } catch (e) {
      setVerify((e as Error).message);
    }
  };
  const open = (url: string) => {
    setLarge(url);
    dialog.current?.showModal();
  };
  const qs = query(filter);

  return (
    <section className="card wide">
      <h1>Log</h1>
      <form className="filters" onSubmit={apply} aria-label="Filter the log">
        <fieldset>
          <legend>Types</legend>
          {TYPES.map((t) => (
            <label key={t}>
              <input type="checkbox" name="type" value={t} /> {t}
            </label>
          ))}
        </fieldset>
        <label htmlFor="f-person">Person</label>
        <select id="f-person" name="personId" defaultValue="">
          <option value="">anyone</option>
          {[...names].map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
        <label htmlFor="f-door">Door</label>
        <input id="f-door" name="doorId" />
        <label htmlFor="f-sensor">Sensor</label>
        <input id="f-sensor" name="sensorId" />
        <label htmlFor="f-from">From</label>
        <input id="f-from" name="from" type="datetime-local" />
        <label htmlFor="f-to">To</label>
        <input id="f-to" name="to" type="datetime-local" />
        <button type="submit">Apply filters</button>
      </form>
      <p className="toolbar">
        <a href={`/api/events/export.csv${qs ? `?${qs}` : ''}`} download="vigil-log.csv">
          Download CSV
        </a>
        {can('admin') && (
          <button type="button" onClick={() => void runVerify()}>
            Verify log integrity
          </button>
        )}
        {verify && <span role="status">{verify}</span>}
      </p>
      {error && <p className="error">{error}</p>}
      <DataTable columns={['Time', 'Type', 'Person', 'Where and why', 'Snapshot']} label="Events">
          {events.map((e) => {
            const snap = snapshotUrl(e.details.snapshot);
            return (
              <tr key={e.seq}>
                <td>{formatTime(e.time)}</td>
                <td>{e.type}</td>
                <td>{e.personId ? (names.get(e.personId) ?? 'deleted person') : ''}</td>
                <td>{describe(e)}</td>
                <td>
                  {snap && (
                    <button type="button" className="thumb" onClick={() => open(snap)} aria-label={`Open the snapshot of event ${e.seq}`}>
                      <img src={snap} alt="" loading="lazy" />
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </DataTable>
      {events.length === 0 && <p className="muted">No events match.</p>}
      {cursor && (
        <button type="button" onClick={() => void more(cursor)}>
          Load older events
        </button>
      )}
      <dialog ref={dialog} aria-label="Snapshot" onClose={() => setLarge(null)}>
        {large && <img src={large} alt="Snapshot" className="large" />}
        <form method="dialog">
          <button type="submit">Close</button>
        </form>
      </dialog>
    </section>
  );
}
