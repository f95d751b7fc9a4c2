import { useCallback, useEffect, useState } from 'react';
import { api, formatTime, type LogEvent } from '../api.ts';
import { ALERT_TYPES } from '../../../src/core/events.ts';
import { useEventStream } from '../live.ts';
import { useSession } from '../session.tsx';
import { describe } from '../describe.ts';
import { NotifyThisDevice } from './NotifyThisDevice.tsx';

// The server's own list: the banner and /api/alerts agree on what needs attention.
const ALERTS = new Set<string>(ALERT_TYPES);

/** A short two-tone chime, made on the spot (no sound file to ship). */
function chime(): void {
  try {
    const ctx = new AudioContext();
    for (const [i, f] of [880, 660].entries()) {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = f;
      gain.gain.value = 0.15;
      osc.connect(gain).connect(ctx.destination);
      osc.start(ctx.currentTime + i * 0.25);
      osc.stop(ctx.currentTime + i * 0.25 + 0.2);
    }
  } catch {
    // No audio device: the banner still shows.
  }
}

/** Open alerts on every page, until someone acknowledges them; new ones chime and notify. */
export function AlertBanner() {
  const { can } = useSession();
  const [alerts, setAlerts] = useState<LogEvent[]>([]);
  const [error, setError] = useState('');

  const load = useCallback(() => {
    api.get<LogEvent[]>('/api/alerts').then(setAlerts, (e: Error) => setError(e.message));
  }, []);
  useEffect(load, [load]);

  useEventStream((e) => {
    if (e.type === 'AlertAcknowledged') setAlerts((list) => list.filter((a) => a.seq !== Number(e.details.alert)));
    if (!ALERTS.has(e.type)) return;
    setAlerts((list) => (list.some((a) => a.seq === e.seq) ? list : [e, ...list]));
    chime();
    if ('Notification' in window && Notification.permission === 'granted') new Notification(`Vigil: ${e.type}`, { body: describe(e), tag: String(e.seq) });
  });

  const ack = async (seq: number) => {
    try {
      await api.post(`/api/alerts/${seq}/ack`);
      setAlerts((list) => list.filter((a) => a.seq !== seq));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  if (!alerts.length && !error) return null;
  return (
    <section className="alerts" role="alert" aria-label="Alerts">
      {error && <p>{error}</p>}
      {alerts.map((a) => (
        <div key={a.seq} className="alert">
          <strong>{a.type}</strong> <span>{describe(a)}</span> <time>{formatTime(a.time)}</time>
          {can('operator') && (
            <button type="button" onClick={() => void ack(a.seq)}>
              Acknowledge
            </button>
          )}
        </div>
      ))}
      <NotifyThisDevice />
    </section>
  );
}
