import { useState } from 'react';
import { Link } from 'react-router';
import { CircleCheck, Circle } from 'lucide-react';
import type { Account, Channel, Door, Person, Sensor } from '../api.ts';
import { useApi } from '../useApi.ts';
import { useSession } from '../session.tsx';

const HIDDEN_KEY = 'vigil.checklist.hidden';

/** First steps for a new admin, each ticked off by what Vigil already has. */
export function Checklist() {
  const { session, can } = useSession();
  const admin = can('admin');
  const users = useApi<Account[]>(admin ? '/api/users' : null).data;
  const sensors = useApi<Sensor[]>(admin ? '/api/sensors' : null).data;
  const people = useApi<Person[]>(admin ? '/api/people' : null).data;
  const doors = useApi<Door[]>(admin ? '/api/doors' : null).data;
  const channels = useApi<Channel[]>(admin ? '/api/notify/channels' : null).data;
  const [hidden, setHidden] = useState(() => localStorage.getItem(HIDDEN_KEY) === 'yes');
  if (!admin || hidden || !users || !sensors || !people || !doors || !channels) return null;
  const me = users.find((u) => u.id === session?.user.id);
  const steps = [
    { done: Boolean(me?.passwordChangedAt), to: '/account', label: 'Change your password', help: 'The first password was shown once on the console; choose your own.' },
    { done: sensors.length > 0, to: '/devices', label: 'Add a sensor', help: 'A door or window contact, DIY or Zigbee2MQTT, Tasmota, ESPHome, Shelly.' },
    { done: people.length > 0, to: '/people', label: 'Add a person', help: 'With a photo of their face and a PIN or fob.' },
    { done: doors.length > 0, to: '/devices#doors', label: 'Add a door', help: 'Doors are set up in the config file; the Doors section shows how.' },
    { done: channels.length > 0, to: '/notifications', label: 'Add an alert channel', help: 'Your phone (Web Push), ntfy, Telegram, e-mail or a webhook.' },
  ];
  const done = steps.filter((s) => s.done).length;
  if (done === steps.length) return null;
  return (
    <section className="card wide checklist" aria-labelledby="checklist-h">
      <header className="card-head">
        <h2 id="checklist-h">Get started</h2>
        <span className="muted">
          {done} of {steps.length} done
        </span>
      </header>
      <ol>
        {steps.map((s) => (
          <li key={s.label} className={s.done ? 'done' : ''}>
            {s.done ? <CircleCheck aria-hidden="true" className="text-ok" /> : <Circle aria-hidden="true" className="muted" />}
            <div>
              {s.done ? (
                <span>
                  {s.label} <span className="sr-only">(done)</span>
                </span>
              ) : (
                <Link to={s.to}>{s.label}</Link>
              )}
              <p className="help">{s.help}</p>
            </div>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="btn ghost"
        onClick={() => {
          localStorage.setItem(HIDDEN_KEY, 'yes');
          setHidden(true);
        }}
      >
        Hide this list
      </button>
    </section>
  );
}
