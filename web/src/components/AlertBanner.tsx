import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { Volume2 } from 'lucide-react';
import { describeEvent, EVENT_CATALOGUE } from '../../../src/core/eventCatalogue.ts';
import { useIncidents } from '../incidents.tsx';
import { useSession } from '../session.tsx';
import { useNames } from '../names.tsx';
import { EventIcon } from '../icons.tsx';
import { relativeTime } from '../format.ts';
import { setSound, soundChoice } from '../attention.ts';
import { useNow } from '../useApi.ts';

/** Open incidents on every page, stuck to the top, until someone acknowledges them. */
export function AlertBanner() {
  const { open, acknowledge, error } = useIncidents();
  const { can } = useSession();
  const names = useNames();
  const now = useNow(30_000);
  const location = useLocation();
  const [asked, setAsked] = useState(soundChoice() !== null);
  const [failed, setFailed] = useState('');
  if (!open.length && !error) return null;
  const ack = async (id: number) => {
    setFailed('');
    try {
      await acknowledge(id);
    } catch (e) {
      setFailed((e as Error).message);
    }
  };
  return (
    <section className="banner" role="alert" aria-label="Alerts">
      {error && <p>{error}</p>}
      {open.map((i) => {
        const words = describeEvent(i.headline, names);
        const more = i.alerts.length > 1 ? ` · ${i.alerts.length} alerts` : '';
        return (
          <div key={i.id} className={`incident sev-${i.severity}`} data-testid="incident">
            <EventIcon name={words.icon} severity={i.severity} />
            <div className="incident-text">
              <strong>{EVENT_CATALOGUE[i.headline.type].title}</strong> <span>{words.sentence}</span>{' '}
              <time dateTime={new Date(i.updatedAt).toISOString()}>
                {relativeTime(i.updatedAt, now)}
                {more}
              </time>
            </div>
            <div className="incident-actions">
              {i.kind === 'alarm' && location.pathname !== '/' && (
                <Link className="btn on-dark" to="/">
                  Go to disarm
                </Link>
              )}
              {can('operator') && (
                <button type="button" className="btn on-dark" onClick={() => void ack(i.id)} aria-label={`Acknowledge ${EVENT_CATALOGUE[i.headline.type].title}`}>
                  Acknowledge
                </button>
              )}
            </div>
          </div>
        );
      })}
      {failed && <p>{failed}</p>}
      {!asked && (
        <p className="sound-offer">
          <button
            type="button"
            className="btn ghost on-dark"
            onClick={() => {
              setSound(true);
              setAsked(true);
            }}
          >
            <Volume2 aria-hidden="true" size={18} /> Enable sound for alerts
          </button>
          <button
            type="button"
            className="btn ghost on-dark"
            onClick={() => {
              setSound(false);
              setAsked(true);
            }}
          >
            No sound
          </button>
        </p>
      )}
    </section>
  );
}
