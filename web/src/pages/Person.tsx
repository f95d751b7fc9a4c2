import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, ApiError, formatTime, type Credential, type Door, type Person, type ScheduleRule, type Template } from '../api.ts';
import { useSession } from '../session.tsx';
import { Webcam } from '../components/Webcam.tsx';

interface Upload {
  name: string;
  url: string;
  result: 'pending' | 'accepted' | string;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function Faces({ person, templates, onChange }: { person: Person; templates: Template[]; onChange: () => void }) {
  const [uploads, setUploads] = useState<Upload[]>([]);
  const enrol = async (photo: Blob, name: string) => {
    const url = URL.createObjectURL(photo);
    setUploads((u) => [...u, { name, url, result: 'pending' }]);
    let result: string;
    try {
      await api.post(`/api/people/${person.id}/faces`, photo);
      result = 'accepted';
    } catch (e) {
      result = e instanceof ApiError ? e.message : String(e);
    }
    setUploads((u) => u.map((x) => (x.url === url ? { ...x, result } : x)));
    onChange();
  };
  const remove = async (id: string) => {
    await api.del(`/api/people/${person.id}/faces/${id}`);
    onChange();
  };
  return (
    <section className="card" aria-labelledby="faces-h">
      <h2 id="faces-h">Faces ({templates.length})</h2>
      <ul className="rows">
        {templates.map((t) => (
          <li key={t.id}>
            <span>Enrolled {formatTime(t.createdAt)}</span>
            <span className="muted">
              eyes {Math.round(t.quality.eyeDistance)} px, yaw {Math.round(t.quality.yaw)}°
            </span>
            <button type="button" onClick={() => void remove(t.id)}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <label htmlFor="photos">Enrol from photos</label>
      <input
        id="photos"
        type="file"
        accept="image/jpeg,image/png,image/webp"
        multiple
        onChange={(e) => {
          for (const f of Array.from(e.target.files ?? [])) void enrol(f, f.name);
          e.target.value = '';
        }}
      />
      <Webcam onKeep={(blob) => enrol(blob, 'camera')} />
      {uploads.length > 0 && (
        <ul className="uploads" aria-label="Enrolment results">
          {uploads.map((u) => (
            <li key={u.url} className={u.result === 'accepted' ? 'ok' : u.result === 'pending' ? '' : 'bad'}>
              <img src={u.url} alt={u.name} />
              <span>
                {u.name}: {u.result === 'pending' ? 'checking…' : u.result === 'accepted' ? 'accepted' : `rejected: ${u.result}`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Credentials({ person }: { person: Person }) {
  const [creds, setCreds] = useState<Credential[]>([]);
  const [message, setMessage] = useState('');
  const load = useCallback(() => {
    api.get<Credential[]>(`/api/people/${person.id}/credentials`).then(setCreds, (e: Error) => setMessage(e.message));
  }, [person.id]);
  useEffect(load, [load]);
  const set = async (e: FormEvent<HTMLFormElement>, url: string, field: string, method: 'put' | 'post') => {
    e.preventDefault();
    const form = e.currentTarget;
    const value = String(new FormData(form).get(field) ?? '');
    try {
      await api[method](url, { [field]: value });
      setMessage('Saved.');
      form.reset();
      load();
    } catch (err) {
      setMessage((err as Error).message);
    }
  };
  const label: Record<Credential['kind'], string> = { pin: 'PIN', duress_pin: 'Duress PIN', fob: 'Fob' };
  return (
    <section className="card" aria-labelledby="creds-h">
      <h2 id="creds-h">PIN and fobs</h2>
      <ul className="rows">
        {creds.map((c) => (
          <li key={c.id}>
            <span>{label[c.kind]}</span>
            <span className="muted">set {formatTime(c.createdAt)}</span>
            <button type="button" onClick={() => void api.del(`/api/people/${person.id}/credentials/${c.id}`).then(load)}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form className="inline" onSubmit={(e) => void set(e, `/api/people/${person.id}/pin`, 'pin', 'put')}>
        <label htmlFor="pin">PIN</label>
        <input id="pin" name="pin" type="password" inputMode="numeric" pattern="[0-9]{4,12}" autoComplete="new-password" required />
        <button type="submit">Set PIN</button>
      </form>
      <form className="inline" onSubmit={(e) => void set(e, `/api/people/${person.id}/duress-pin`, 'pin', 'put')}>
        <label htmlFor="duress">Duress PIN</label>
        <input id="duress" name="pin" type="password" inputMode="numeric" pattern="[0-9]{4,12}" autoComplete="new-password" required />
        <button type="submit">Set duress PIN</button>
      </form>
      <form className="inline" onSubmit={(e) => void set(e, `/api/people/${person.id}/fobs`, 'fob', 'post')}>
        <label htmlFor="fob">Fob id</label>
        <input id="fob" name="fob" pattern="[0-9A-Fa-f]{4,32}" required />
        <button type="submit">Add fob</button>
      </form>
      {message && <p role="status">{message}</p>}
    </section>
  );
}

function AccessRules({ person, onSaved }: { person: Person; onSaved: () => void }) {
  const [doors, setDoors] = useState<Door[]>([]);
  const [allDoors, setAllDoors] = useState(person.access.doors === null);
  const [chosen, setChosen] = useState(new Set(person.access.doors ?? []));
  const [always, setAlways] = useState(person.access.schedule === null);
  const [rules, setRules] = useState<ScheduleRule[]>(person.access.schedule ?? [{ days: [1, 2, 3, 4, 5], from: '07:00', to: '19:00' }]);
  const [message, setMessage] = useState('');
  useEffect(() => {
    api.get<Door[]>('/api/doors').then(setDoors, () => undefined);
  }, []);
  const save = async () => {
    try {
      await api.put(`/api/people/${person.id}/access`, { doors: allDoors ? null : [...chosen], schedule: always ? null : rules });
      setMessage('Saved.');
      onSaved();
    } catch (e) {
      setMessage((e as Error).message);
    }
  };
  const patch = (i: number, r: Partial<ScheduleRule>) => setRules((list) => list.map((x, j) => (i === j ? { ...x, ...r } : x)));
  return (
    <section className="card" aria-labelledby="access-h">
      <h2 id="access-h">Doors and hours</h2>
      <fieldset>
        <legend>Doors</legend>
        <label>
          <input type="checkbox" checked={allDoors} onChange={(e) => setAllDoors(e.target.checked)} /> Every door
        </label>
        {!allDoors &&
          doors.map((d) => (
            <label key={d.id}>
              <input
                type="checkbox"
                checked={chosen.has(d.id)}
                onChange={(e) => setChosen((s) => {
                  const n = new Set(s);
                  if (e.target.checked) n.add(d.id);
                  else n.delete(d.id);
                  return n;
                })}
              />{' '}
              {d.name}
            </label>
          ))}
      </fieldset>
      <fieldset>
        <legend>Hours</legend>
        <label>
          <input type="checkbox" checked={always} onChange={(e) => setAlways(e.target.checked)} /> At any time
        </label>
        {!always &&
          rules.map((r, i) => (
            <div key={i} className="rule">
              {DAYS.map((name, day) => (
                <label key={name}>
                  <input type="checkbox" checked={r.days.includes(day)} onChange={(e) => patch(i, { days: e.target.checked ? [...r.days, day].sort() : r.days.filter((x) => x !== day) })} /> {name}
                </label>
              ))}
              <label>
                from <input type="time" value={r.from} onChange={(e) => patch(i, { from: e.target.value })} />
              </label>
              <label>
                to <input type="time" value={r.to} onChange={(e) => patch(i, { to: e.target.value })} />
              </label>
              <button type="button" onClick={() => setRules((list) => list.filter((_, j) => j !== i))}>
                Remove hours
              </button>
            </div>
          ))}
        {!always && (
          <button type="button" onClick={() => setRules((list) => [...list, { days: [0, 6], from: '09:00', to: '17:00' }])}>
            Add hours
          </button>
        )}
      </fieldset>
      <button type="button" onClick={() => void save()}>
        Save doors and hours
      </button>
      {message && <p role="status">{message}</p>}
    </section>
  );
}

export function PersonPage() {
  const { id = '' } = useParams();
  const { can } = useSession();
  const navigate = useNavigate();
  const [person, setPerson] = useState<(Person & { templates: Template[] }) | null>(null);
  const [error, setError] = useState('');
  const dialog = useRef<HTMLDialogElement>(null);
  const load = useCallback(() => {
    api.get<Person & { templates: Template[] }>(`/api/people/${id}`).then(setPerson, (e: Error) => setError(e.message));
  }, [id]);
  useEffect(load, [load]);

  if (error) return <p className="error">{error}</p>;
  if (!person) return <p className="loading">Loading…</p>;
  const remove = async () => {
    await api.del(`/api/people/${person.id}`);
    void navigate('/people');
  };
  return (
    <div className="grid">
      <h1 className="wide">{person.name}</h1>
      {can('admin') ? (
        <>
          <Faces person={person} templates={person.templates} onChange={load} />
          <Credentials person={person} />
          <AccessRules key={person.id} person={person} onSaved={load} />
          <section className="card" aria-labelledby="delete-h">
            <h2 id="delete-h">Delete</h2>
            <p>Removes {person.name} with every face template, photo, PIN and fob. The log keeps its entries.</p>
            <button type="button" className="danger" onClick={() => dialog.current?.showModal()}>
              Delete {person.name}…
            </button>
            <dialog ref={dialog} aria-labelledby="confirm-h">
              <h3 id="confirm-h">Delete {person.name} and all their biometric data?</h3>
              <form method="dialog">
                <button type="submit" className="danger" onClick={() => void remove()}>
                  Delete for good
                </button>
                <button type="submit">Cancel</button>
              </form>
            </dialog>
          </section>
        </>
      ) : (
        <p className="muted">{person.templates.length} faces enrolled.</p>
      )}
    </div>
  );
}
