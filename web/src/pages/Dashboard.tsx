import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, formatTime, snapshotUrl, type Alarm, type Door, type LogEvent, type Sensor } from '../api.ts';
import { useEventStream } from '../live.ts';
import { useSession } from '../session.tsx';
import { usePeopleNames } from '../usePeople.ts';
import { describe } from '../describe.ts';
import { EntriesChart } from '../components/EntriesChart.tsx';

const ALARM_LABEL: Record<Alarm['state'], string> = {
  disarmed: 'Disarmed',
  arming: 'Arming…',
  armed_home: 'Armed (home)',
  armed_away: 'Armed (away)',
  pending: 'Entry delay: disarm now',
  triggered: 'TRIGGERED',
};

function AlarmPanel({ alarm, onChange }: { alarm: Alarm | null; onChange: (a: Alarm) => void }) {
  const { can } = useSession();
  const [message, setMessage] = useState('');
  const command = async (e: FormEvent<HTMLFormElement>, action: string) => {
    e.preventDefault();
    const form = e.currentTarget;
    const code = String(new FormData(form).get('code') ?? '');
    try {
      onChange(await api.post<Alarm>('/api/alarm', { action, code: code || undefined }));
      setMessage('');
    } catch (err) {
      setMessage((err as Error).message);
    }
    form.reset();
  };
  const armed = alarm && alarm.state !== 'disarmed';
  return (
    <section className="card" aria-labelledby="alarm-h">
      <h2 id="alarm-h">Alarm</h2>
      <p className={`alarm-state ${alarm?.state ?? ''}`} data-testid="alarm-state">
        {alarm ? ALARM_LABEL[alarm.state] : '…'}
      </p>
      {can('operator') && (
        <form onSubmit={(e) => void command(e, armed ? 'DISARM' : ((e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null)?.value ?? 'ARM_AWAY')}>
          <label htmlFor="alarm-code">Code</label>
          <input id="alarm-code" name="code" inputMode="numeric" autoComplete="off" pattern="[0-9]*" />
          {armed ? (
            <button type="submit">Disarm</button>
          ) : (
            <>
              <button type="submit" value="ARM_AWAY">
                Arm away
              </button>
              <button type="submit" value="ARM_HOME">
                Arm home
              </button>
            </>
          )}
        </form>
      )}
      {message && <p className="error">{message}</p>}
    </section>
  );
}

export function Dashboard() {
  const { can } = useSession();
  const names = usePeopleNames();
  const [alarm, setAlarm] = useState<Alarm | null>(null);
  const [sensors, setSensors] = useState<Sensor[]>([]);
  const [doors, setDoors] = useState<Door[]>([]);
  const [feed, setFeed] = useState<LogEvent[]>([]);
  const [error, setError] = useState('');

  const refresh = useCallback(() => {
    Promise.all([api.get<Alarm>('/api/alarm'), api.get<Sensor[]>('/api/sensors'), api.get<Door[]>('/api/doors'), api.get<{ events: LogEvent[] }>('/api/events?limit=20')]).then(
      ([a, s, d, e]) => {
        setAlarm(a);
        setSensors(s);
        setDoors(d);
        setFeed(e.events);
      },
      (err: Error) => setError(err.message),
    );
  }, []);
  useEffect(refresh, [refresh]);

  const stream = useEventStream((e) => {
    setFeed((list) => [e, ...list.filter((x) => x.seq !== e.seq)].slice(0, 50));
    if (e.type.startsWith('Alarm')) void api.get<Alarm>('/api/alarm').then(setAlarm);
    if (e.type.startsWith('Sensor')) void api.get<Sensor[]>('/api/sensors').then(setSensors);
    if (e.doorId) void api.get<Door[]>('/api/doors').then(setDoors);
  });

  const snapshots = feed.filter((e) => snapshotUrl(e.details.snapshot)).slice(0, 4);
  return (
    <div className="grid">
      {error && <p className="error">{error}</p>}
      <AlarmPanel alarm={alarm} onChange={setAlarm} />
      <section className="card" aria-labelledby="doors-h">
        <h2 id="doors-h">Doors</h2>
        {doors.length === 0 && <p className="muted">No doors configured.</p>}
        <ul className="rows">
          {doors.map((d) => (
            <li key={d.id}>
              <span>{d.name}</span>
              <span className={`pill ${d.contact}`}>{d.contact === 'unknown' ? 'no contact' : d.contact}</span>
              <span className="muted">
                {d.lastAccess ? `${d.lastAccess.type} ${d.lastAccess.personId ? (names.get(d.lastAccess.personId) ?? '') : ''} ${formatTime(d.lastAccess.at)}` : 'no access yet'}
              </span>
              {can('operator') && (
                <button type="button" onClick={() => void api.post(`/api/doors/${d.id}/unlock`).catch((e: Error) => setError(e.message))}>
                  Unlock
                </button>
              )}
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="sensors-h">
        <h2 id="sensors-h">Sensors</h2>
        {sensors.length === 0 && <p className="muted">No sensors yet.</p>}
        <ul className="rows">
          {sensors.map((s) => (
            <li key={s.id} data-testid={`sensor-${s.id}`}>
              <span>{s.name}</span>
              <span className={`pill ${s.state.contact ?? 'unknown'}`}>{s.state.contact ?? 'unknown'}</span>
              <span className="muted">
                {s.state.online === false ? 'offline' : 'online'}
                {s.state.battery !== null ? `, battery ${s.state.battery}%` : ''}
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section className="card wide" aria-labelledby="feed-h">
        <h2 id="feed-h">
          Live events <span className={`pill ${stream}`}>{stream}</span>
        </h2>
        <ol className="feed" data-testid="feed">
          {feed.map((e) => (
            <li key={e.seq}>
              <time>{formatTime(e.time)}</time> <strong>{e.type}</strong> {e.personId ? (names.get(e.personId) ?? '') : ''} <span className="muted">{describe(e)}</span>
            </li>
          ))}
        </ol>
      </section>
      {snapshots.length > 0 && (
        <section className="card wide" aria-labelledby="snaps-h">
          <h2 id="snaps-h">Latest snapshots</h2>
          <div className="snaps">
            {snapshots.map((e) => (
              <figure key={e.seq}>
                <a href={snapshotUrl(e.details.snapshot) ?? '#'} target="_blank" rel="noreferrer">
                  <img src={snapshotUrl(e.details.snapshot) ?? ''} alt={`${e.type} at ${e.doorId ?? ''}`} loading="lazy" />
                </a>
                <figcaption>
                  {e.type} {formatTime(e.time)}
                </figcaption>
              </figure>
            ))}
          </div>
        </section>
      )}
      <section className="card wide" aria-labelledby="chart-h">
        <h2 id="chart-h">Entries per hour, last 7 days</h2>
        <EntriesChart />
      </section>
    </div>
  );
}
