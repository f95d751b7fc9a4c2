import { lazy, Suspense, useState } from 'react';
import { Link } from 'react-router';
import { Battery, BatteryLow, CircleAlert, CircleCheck, DoorClosed, DoorOpen, House, LockOpen, RectangleVertical, ShieldCheck, ShieldOff, Siren } from 'lucide-react';
import { describeEvent, factorWords } from '../../../src/core/eventCatalogue.ts';
import { snapshotOf } from '../../../src/core/events.ts';
import { sensorHealth } from '../../../src/core/sensorHealth.ts';
import { api, snapshotUrl, type Alarm, type Door, type LogEvent, type Sensor } from '../api.ts';
import { SENSOR_REFRESH_MS, useApi, useNow } from '../useApi.ts';
import { useLiveEvents } from '../live.tsx';
import { useIncidents, usePageTitle } from '../incidents.tsx';
import { useNames } from '../names.tsx';
import { useSession } from '../session.tsx';
import { ALARM_LABEL, homeStatus } from '../status.ts';
import { countdown, relativeTime } from '../format.ts';
import { EventIcon } from '../icons.tsx';
import { Badge, Confirm } from '../components/ui.tsx';
import { Checklist } from '../components/Checklist.tsx';

// The chart library is only fetched once there is something to draw.
const EntriesChart = lazy(() => import('../components/EntriesChart.tsx'));

type Action = 'ARM_AWAY' | 'ARM_HOME' | 'DISARM';
const ACTION_LABEL: Record<Action, string> = { ARM_AWAY: 'Away', ARM_HOME: 'Home', DISARM: 'Disarm' };

/** A keypad for the alarm code: big keys for a phone, a field for a keyboard. */
function CodePad({ action, onSubmit, onCancel, error }: { action: Action; onSubmit: (code: string) => void; onCancel: () => void; error: string }) {
  const [code, setCode] = useState('');
  const press = (k: string) => setCode((c) => (c + k).slice(0, 12));
  return (
    <form
      className="codepad"
      aria-label="Alarm code"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(code);
        setCode('');
      }}
    >
      <label htmlFor="alarm-code">Alarm code to {ACTION_LABEL[action].toLowerCase()}</label>
      <input id="alarm-code" type="password" inputMode="numeric" autoComplete="off" pattern="[0-9]*" value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, '').slice(0, 12))} autoFocus />
      <div className="keys" role="group" aria-label="Keypad">
        {['1', '2', '3', '4', '5', '6', '7', '8', '9'].map((k) => (
          <button key={k} type="button" className="btn secondary key" onClick={() => press(k)}>
            {k}
          </button>
        ))}
        <button type="button" className="btn secondary key" onClick={() => setCode('')}>
          Clear
        </button>
        <button type="button" className="btn secondary key" onClick={() => press('0')}>
          0
        </button>
        <button type="submit" className="btn key primary">
          OK
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="button" className="btn ghost" onClick={onCancel}>
        Cancel
      </button>
    </form>
  );
}

function AlarmControls({ alarm, onChange }: { alarm: Alarm; onChange: (a: Alarm) => void }) {
  const [pending, setPending] = useState<Action | null>(null);
  const [error, setError] = useState('');
  const send = async (action: Action, code?: string) => {
    setError('');
    try {
      onChange(await api.post<Alarm>('/api/alarm', { action, ...(code ? { code } : {}) }));
      setPending(null);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const needsCode = (a: Action) => (a === 'DISARM' ? alarm.codeRequired.disarm : alarm.codeRequired.arm);
  const choose = (a: Action) => (needsCode(a) ? (setPending(a), setError('')) : void send(a));
  const current: Action | null = alarm.state === 'disarmed' ? 'DISARM' : alarm.mode === 'away' ? 'ARM_AWAY' : alarm.mode === 'home' ? 'ARM_HOME' : null;
  const icons = { ARM_AWAY: ShieldCheck, ARM_HOME: House, DISARM: ShieldOff };
  return (
    <div className="alarm-controls">
      <div className="segmented" role="group" aria-label="Alarm">
        {(['ARM_AWAY', 'ARM_HOME', 'DISARM'] as const).map((a) => {
          const Icon = icons[a];
          const on = current === a;
          return (
            <button key={a} type="button" className={`btn big ${on ? 'selected' : 'secondary'}`} aria-pressed={on} onClick={() => choose(a)} disabled={on && a !== 'DISARM'}>
              <Icon aria-hidden="true" size={26} />
              <span>{a === 'DISARM' ? 'Disarm' : `Arm ${ACTION_LABEL[a].toLowerCase()}`}</span>
            </button>
          );
        })}
      </div>
      {pending && <CodePad action={pending} onSubmit={(code) => void send(pending, code)} onCancel={() => setPending(null)} error={error} />}
      {!pending && error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function StatusHero({ alarm, sensors, onAlarm }: { alarm: Alarm | undefined; sensors: Sensor[]; onAlarm: (a: Alarm) => void }) {
  const { open } = useIncidents();
  const { can } = useSession();
  const names = useNames();
  const now = useNow(1000);
  const status = homeStatus(alarm, sensors, open, names);
  const Icon = status.level === 'ok' ? CircleCheck : status.level === 'warn' ? CircleAlert : Siren;
  // `now` can be up to a second old when the alarm changes: capped at the whole delay, so arming
  // with 15 s to leave never shows 16.
  const left = alarm?.deadline ? Math.min(alarm.deadline - now, alarm.deadline - alarm.since) : null;
  return (
    <section className={`hero level-${status.level}`} aria-labelledby="status-h">
      <div className="hero-line">
        <Icon aria-hidden="true" size={36} />
        <h1 id="status-h" data-testid="status-line">
          {status.headline}
        </h1>
      </div>
      {alarm && (
        <p className="hero-state" data-testid="alarm-state">
          Alarm: <strong>{ALARM_LABEL[alarm.state]}</strong>
          {left !== null && left > 0 && alarm.state === 'arming' && <span className="countdown"> · leave within {countdown(left)}</span>}
          {left !== null && left > 0 && alarm.state === 'pending' && <span className="countdown"> · disarm within {countdown(left)}</span>}
        </p>
      )}
      {status.notes.length > 2 && (
        <ul className="hero-notes">
          {status.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      {alarm && can('operator') && <AlarmControls alarm={alarm} onChange={onAlarm} />}
    </section>
  );
}

const MODE_WORDS: Record<string, string> = { pin_face: 'PIN + face', fob_face: 'fob + face', face_only: 'face', pin_only: 'PIN' };

function Doors({ doors, recent, onError }: { doors: Door[]; recent: LogEvent[]; onError: (m: string) => void }) {
  const { can } = useSession();
  const names = useNames();
  const now = useNow(30_000);
  if (!doors.length) return null;
  return (
    <section className="card" aria-labelledby="doors-h">
      <h2 id="doors-h">Doors</h2>
      <ul className="tiles">
        {doors.map((d) => {
          const last = d.lastAccess;
          const shot = recent.find((e) => e.doorId === d.id && snapshotOf(e));
          const photo = snapshotUrl(shot ? snapshotOf(shot) : null);
          const lastEvent = recent.find((e) => e.doorId === d.id && (e.type === 'Entry' || e.type === 'Exit'));
          return (
            <li key={d.id} className="tile door">
              {photo ? <img className="door-photo" src={photo} alt={`Last picture at ${d.name}`} loading="lazy" /> : <DoorClosed className="door-photo placeholder" aria-hidden="true" />}
              <div className="tile-main">
                <strong>{d.name}</strong>
                <span className="muted">
                  {d.contact === 'unknown' ? 'no contact sensor' : d.contact === 'open' ? 'open' : 'closed'} · {MODE_WORDS[d.mode] ?? d.mode}
                </span>
                <span>
                  {last
                    ? `${last.type === 'Exit' ? 'Last out' : 'Last in'}: ${last.personId ? (names.person?.(last.personId) ?? 'someone no longer enrolled') : 'someone'} · ${relativeTime(last.at, now)}${lastEvent && (lastEvent.type === 'Entry' || lastEvent.type === 'Exit') && lastEvent.details.factors ? ` (${factorWords(lastEvent.details.factors) ?? ''})` : ''}`
                    : 'Nobody through yet'}
                </span>
              </div>
              {can('operator') && (
                <Confirm
                  tone="primary"
                  trigger={
                    <button type="button" className="btn secondary" aria-label={`Unlock ${d.name}`}>
                      <LockOpen aria-hidden="true" size={18} /> Unlock
                    </button>
                  }
                  title={`Unlock ${d.name} now?`}
                  description="The lock opens for a few seconds and the log notes that you did it."
                  action="Unlock"
                  onConfirm={() => api.post(`/api/doors/${d.id}/unlock`).catch((e: Error) => (onError(e.message), undefined))}
                />
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function SensorList({ sensors }: { sensors: Sensor[] }) {
  const now = useNow(30_000);
  return (
    <section className="card" aria-labelledby="sensors-h">
      <h2 id="sensors-h">Sensors</h2>
      {sensors.length === 0 && (
        <p className="muted">
          No sensors yet. <Link to="/devices">Add a sensor</Link>
        </p>
      )}
      <ul className="tiles">
        {sensors.map((s) => {
          const health = sensorHealth(s.state);
          const open = s.state.contact === 'open';
          const Kind = s.kind === 'window' ? RectangleVertical : open ? DoorOpen : DoorClosed;
          const low = s.state.battery !== null && s.state.battery <= s.batteryLow;
          return (
            <li key={s.id} className="tile" data-testid={`sensor-${s.id}`}>
              <Kind aria-hidden="true" className={`tile-icon ${open ? 'warn' : ''}`} size={28} />
              <div className="tile-main">
                <strong>{s.name}</strong>
                <span className={open ? 'text-warn' : ''}>{s.state.contact === null ? 'state not known yet' : s.state.contact}</span>
              </div>
              <div className="tile-side">
                {health === 'online' && <Badge tone="ok">online</Badge>}
                {health === 'offline' && <Badge tone="alert">offline</Badge>}
                {health === 'waiting' && <Badge tone="neutral">waiting for first message</Badge>}
                {s.state.battery !== null && (
                  <span className={low ? 'text-alert' : 'muted'} title={`battery ${s.state.battery} %`}>
                    {low ? <BatteryLow aria-hidden="true" size={18} /> : <Battery aria-hidden="true" size={18} />} {s.state.battery} %
                  </span>
                )}
                {s.state.lastSeen && <span className="muted small">heard {relativeTime(s.state.lastSeen, now)}</span>}
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Activity({ events }: { events: LogEvent[] }) {
  const names = useNames();
  const now = useNow(30_000);
  return (
    <section className="card wide" aria-labelledby="activity-h">
      <h2 id="activity-h">Recent activity</h2>
      {events.length === 0 && <p className="muted">Nothing has happened yet.</p>}
      <ol className="feed" data-testid="feed">
        {events.slice(0, 8).map((e) => {
          const w = describeEvent(e, names);
          return (
            <li key={e.seq}>
              <EventIcon name={w.icon} severity={w.severity} />
              <span className="feed-text">
                {/* The sentence says it; what needed attention also says what it was (an intrusion, the alarm going off). */}
                {w.severity === 'critical' || w.severity === 'warning' ? <strong>{w.title}: </strong> : null}
                {w.sentence}
              </span>
              <time className="muted" dateTime={new Date(e.time).toISOString()}>
                {relativeTime(e.time, now)}
              </time>
            </li>
          );
        })}
      </ol>
      <Link to="/log">Open the log</Link>
    </section>
  );
}

export function Home() {
  usePageTitle('Status');
  const alarmRes = useApi<Alarm>('/api/alarm');
  const sensorsRes = useApi<Sensor[]>('/api/sensors', SENSOR_REFRESH_MS);
  const doorsRes = useApi<Door[]>('/api/doors');
  const feedRes = useApi<{ events: LogEvent[] }>('/api/events?limit=30');
  const entries = useApi<{ from: number; hours: number[] }>('/api/stats/entries?days=7');
  const [alarm, setAlarm] = useState<Alarm | undefined>(undefined);
  const [live, setLive] = useState<LogEvent[]>([]);
  const [error, setError] = useState('');
  useLiveEvents((e) => {
    setLive((list) => [e, ...list].slice(0, 30));
    if (e.type.startsWith('Alarm')) alarmRes.reload();
    if (e.type.startsWith('Sensor') || e.type === 'Intrusion') sensorsRes.reload();
    if (e.doorId) doorsRes.reload();
  });
  const shownAlarm = alarm && alarmRes.data && alarm.since >= alarmRes.data.since ? alarm : alarmRes.data;
  const events = [...live, ...(feedRes.data?.events ?? []).filter((e) => !live.some((l) => l.seq === e.seq))];
  const hasEntries = (entries.data?.hours ?? []).some((n) => n > 0);
  const problem = error || alarmRes.error || sensorsRes.error;
  return (
    <div className="grid">
      <StatusHero alarm={shownAlarm} sensors={sensorsRes.data ?? []} onAlarm={setAlarm} />
      {problem && (
        <p className="error wide" role="alert">
          {problem}
        </p>
      )}
      <Checklist />
      <Doors doors={doorsRes.data ?? []} recent={events} onError={setError} />
      <SensorList sensors={sensorsRes.data ?? []} />
      <Activity events={events} />
      {hasEntries && entries.data && (
        <section className="card wide" aria-labelledby="chart-h">
          <h2 id="chart-h">Entries per hour, last 7 days</h2>
          <Suspense fallback={<p className="muted">Loading the chart…</p>}>
            <EntriesChart data={entries.data} />
          </Suspense>
        </section>
      )}
    </div>
  );
}
