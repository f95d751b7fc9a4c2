import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { CircleAlert, CircleCheck, ImageOff, Trash2 } from 'lucide-react';
import { api, ApiError, type Credential, type Door, type PersonDetail, type ScheduleRule, type Template } from '../api.ts';
import { useApi } from '../useApi.ts';
import { useSession } from '../session.tsx';
import { Webcam } from '../components/Webcam.tsx';
import { Confirm, Field, PageHeader, Status, useAction } from '../components/ui.tsx';
import { readiness } from '../readiness.ts';
import { Fingers, type Finger } from './PersonFingers.tsx';
import { formatTime, relativeTime } from '../format.ts';

interface Upload {
  name: string;
  url: string;
  result: 'pending' | 'accepted' | string;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
function qualityWords(q: Template['quality']): string {
  const yaw = Math.abs(q.yaw);
  const turn = yaw < 10 ? 'facing the camera' : yaw < 25 ? 'turned slightly' : 'turned to the side';
  const size = q.eyeDistance < 40 ? 'small in the picture' : 'close enough';
  return `${turn}, ${size}`;
}

function FaceThumb({ person, t }: { person: PersonDetail; t: Template }) {
  const [missing, setMissing] = useState(!t.hasThumbnail);
  return missing ? (
    <span className="thumb placeholder" role="img" aria-label={`Face enrolled ${formatTime(t.createdAt)}: no picture`}>
      <ImageOff aria-hidden="true" size={28} />
    </span>
  ) : (
    <img className="thumb" src={`/api/people/${person.id}/faces/${t.id}/thumbnail`} alt={`${person.name}, face enrolled ${formatTime(t.createdAt)}`} loading="lazy" onError={() => setMissing(true)} />
  );
}

function Faces({ person, onChange }: { person: PersonDetail; onChange: () => void }) {
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
  return (
    <section className="card" aria-labelledby="faces-h">
      <h2 id="faces-h">Faces ({person.templates.length})</h2>
      {person.templates.length === 0 && <p className="muted">No face yet: add two or three photos.</p>}
      <ul className="faces">
        {person.templates.map((t) => (
          <li key={t.id}>
            <FaceThumb person={person} t={t} />
            <span className="small muted">{qualityWords(t.quality)}</span>
            <Confirm
              trigger={
                <button type="button" className="btn ghost danger-text" aria-label={`Remove the face enrolled ${formatTime(t.createdAt)}`}>
                  <Trash2 aria-hidden="true" size={16} /> Remove
                </button>
              }
              title={`Remove this face of ${person.name}?`}
              description="Its template and picture (and the photo, if one was kept) are deleted. The door will not know this face any more."
              action="Remove face"
              onConfirm={async () => {
                await api.del(`/api/people/${person.id}/faces/${t.id}`);
                onChange();
              }}
            />
          </li>
        ))}
      </ul>
      {person.templates.some((t) => !t.hasThumbnail) && <p className="help">A face without a picture was enrolled by an older Vigil, which kept none. It still works at the door; enrol it again to see it here.</p>}
      <details className="tips">
        <summary>What makes a good photo</summary>
        <ul>
          <li>One person, face to the camera, eyes open, no sunglasses.</li>
          <li>Even light from the front; no strong light behind them.</li>
          <li>Sharp and close: the face fills a good part of the picture.</li>
          <li>Two or three photos, a little different (light, glasses on and off), help the door.</li>
        </ul>
      </details>
      <div className="field">
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
      </div>
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

const KIND_LABEL: Record<Credential['kind'], string> = { pin: 'PIN', duress_pin: 'Duress PIN', fob: 'Fob' };

function Credentials({ person, creds, onChange }: { person: PersonDetail; creds: Credential[]; onChange: () => void }) {
  const action = useAction();
  const set = async (e: FormEvent<HTMLFormElement>, url: string, field: string, method: 'put' | 'post') => {
    e.preventDefault();
    const form = e.currentTarget;
    const value = String(new FormData(form).get(field) ?? '');
    if (await action.run(() => api[method](url, { [field]: value }), 'Saved.')) {
      form.reset();
      onChange();
    }
  };
  return (
    <section className="card" aria-labelledby="creds-h">
      <h2 id="creds-h">PIN and fobs</h2>
      {creds.length === 0 && <p className="muted">None yet.</p>}
      <ul className="list">
        {creds.map((c) => (
          <li key={c.id} className="list-row">
            <span className="list-main">
              <strong>{KIND_LABEL[c.kind]}</strong>
              <span className="muted">set {relativeTime(c.createdAt)}</span>
            </span>
            <Confirm
              trigger={
                <button type="button" className="btn ghost danger-text" aria-label={`Remove ${KIND_LABEL[c.kind]} of ${person.name}`}>
                  <Trash2 aria-hidden="true" size={16} /> Remove
                </button>
              }
              title={`Remove the ${KIND_LABEL[c.kind]} of ${person.name}?`}
              description="It stops working at every door at once."
              action={`Remove ${KIND_LABEL[c.kind]}`}
              onConfirm={async () => {
                await api.del(`/api/people/${person.id}/credentials/${c.id}`);
                onChange();
              }}
            />
          </li>
        ))}
      </ul>
      <form className="row-form" onSubmit={(e) => void set(e, `/api/people/${person.id}/pin`, 'pin', 'put')} aria-label="Set the PIN">
        <Field label="PIN" help="4 to 12 digits; replaces the old one. Never shown again.">
          {(p) => <input {...p} name="pin" type="password" inputMode="numeric" pattern="[0-9]{4,12}" autoComplete="new-password" required />}
        </Field>
        <button type="submit" className="btn primary">
          Set PIN
        </button>
      </form>
      <form className="row-form" onSubmit={(e) => void set(e, `/api/people/${person.id}/duress-pin`, 'pin', 'put')} aria-label="Set the duress PIN">
        <Field label="Duress PIN" help="Opens the door as usual and raises a silent alarm.">
          {(p) => <input {...p} name="pin" type="password" inputMode="numeric" pattern="[0-9]{4,12}" autoComplete="new-password" required />}
        </Field>
        <button type="submit" className="btn secondary">
          Set duress PIN
        </button>
      </form>
      <form className="row-form" onSubmit={(e) => void set(e, `/api/people/${person.id}/fobs`, 'fob', 'post')} aria-label="Add a fob">
        <Field label="Fob id" help="The card or fob number in hexadecimal, as the reader reports it.">
          {(p) => <input {...p} name="fob" pattern="[0-9A-Fa-f]{4,32}" required />}
        </Field>
        <button type="submit" className="btn secondary">
          Add fob
        </button>
      </form>
      <Status message={action.message} error={action.error} />
    </section>
  );
}

function AccessRules({ person, doors, onSaved }: { person: PersonDetail; doors: Door[]; onSaved: () => void }) {
  const [allDoors, setAllDoors] = useState(person.access.doors === null);
  const [chosen, setChosen] = useState(new Set(person.access.doors ?? []));
  const [always, setAlways] = useState(person.access.schedule === null);
  const [rules, setRules] = useState<ScheduleRule[]>(person.access.schedule ?? [{ days: [1, 2, 3, 4, 5], from: '07:00', to: '19:00' }]);
  const action = useAction();
  const save = () => action.run(() => api.put(`/api/people/${person.id}/access`, { doors: allDoors ? null : [...chosen], schedule: always ? null : rules }).then(onSaved), 'Saved.');
  const patch = (i: number, r: Partial<ScheduleRule>) => setRules((list) => list.map((x, j) => (i === j ? { ...x, ...r } : x)));
  return (
    <section className="card" aria-labelledby="access-h">
      <h2 id="access-h">Doors and hours</h2>
      <fieldset>
        <legend>Doors</legend>
        <label className="check">
          <input type="checkbox" checked={allDoors} onChange={(e) => setAllDoors(e.target.checked)} /> Every door
        </label>
        {!allDoors &&
          doors.map((d) => (
            <label key={d.id} className="check">
              <input
                type="checkbox"
                checked={chosen.has(d.id)}
                onChange={(e) =>
                  setChosen((s) => {
                    const n = new Set(s);
                    if (e.target.checked) n.add(d.id);
                    else n.delete(d.id);
                    return n;
                  })
                }
              />{' '}
              {d.name}
            </label>
          ))}
      </fieldset>
      <fieldset>
        <legend>Hours</legend>
        <label className="check">
          <input type="checkbox" checked={always} onChange={(e) => setAlways(e.target.checked)} /> At any time
        </label>
        {!always &&
          rules.map((r, i) => (
            <div key={i} className="rule" role="group" aria-label={`Hours ${i + 1}`}>
              <div className="days">
                {DAYS.map((name, day) => (
                  <label key={name} className="check">
                    <input type="checkbox" checked={r.days.includes(day)} onChange={(e) => patch(i, { days: e.target.checked ? [...r.days, day].sort() : r.days.filter((x) => x !== day) })} /> {name}
                  </label>
                ))}
              </div>
              <label className="inline-field">
                From <input type="time" value={r.from} onChange={(e) => patch(i, { from: e.target.value })} />
              </label>
              <label className="inline-field">
                To <input type="time" value={r.to} onChange={(e) => patch(i, { to: e.target.value })} />
              </label>
              <button type="button" className="btn ghost danger-text" onClick={() => setRules((list) => list.filter((_, j) => j !== i))}>
                Remove these hours
              </button>
            </div>
          ))}
        {!always && (
          <button type="button" className="btn secondary" onClick={() => setRules((list) => [...list, { days: [0, 6], from: '09:00', to: '17:00' }])}>
            Add hours
          </button>
        )}
      </fieldset>
      <button type="button" className="btn primary" onClick={() => void save()}>
        Save doors and hours
      </button>
      <Status message={action.message} error={action.error} />
    </section>
  );
}

export default function PersonPage() {
  const { id = '' } = useParams();
  const { can } = useSession();
  const navigate = useNavigate();
  const person = useApi<PersonDetail>(`/api/people/${id}`);
  const creds = useApi<Credential[]>(can('admin') ? `/api/people/${id}/credentials` : null);
  const doors = useApi<Door[]>('/api/doors').data ?? [];
  const readers = doors.some((d) => d.fingerprint !== 'none');
  const fingers = useApi<Finger[]>(readers ? `/api/people/${id}/fingerprints` : null);
  const p = person.data;
  if (person.error) return <Status error={person.error} />;
  if (!p) return <p className="loading">Loading…</p>;
  const ready = creds.data ? readiness(p, creds.data, doors, fingers.data?.length ?? 0) : null;
  return (
    <>
      <PageHeader title={p.name} actions={<Link to="/people">All people</Link>}>
        {p.templates.length} {p.templates.length === 1 ? 'face' : 'faces'} enrolled
      </PageHeader>
      {ready && (
        <p className={`readiness ${ready.ready ? 'ok' : 'warn'}`} data-testid="readiness">
          {ready.ready ? <CircleCheck aria-hidden="true" /> : <CircleAlert aria-hidden="true" />}
          {ready.ready ? (
            <span>
              <strong>Ready for the door</strong>
            </span>
          ) : (
            <span>
              <strong>Not ready for the door yet:</strong> {ready.lines.join('; ')}
            </span>
          )}
        </p>
      )}
      {can('admin') ? (
        <div className="grid">
          <Faces person={p} onChange={person.reload} />
          <Credentials person={p} creds={creds.data ?? []} onChange={creds.reload} />
          {readers && <Fingers person={p} doors={doors} fingers={fingers} />}
          <AccessRules key={p.id} person={p} doors={doors} onSaved={person.reload} />
          <section className="card danger-zone" aria-labelledby="delete-h">
            <h2 id="delete-h">Delete {p.name}</h2>
            <p>Removes {p.name} with every face template, photo, PIN, fob and finger (also from the sensors). The log keeps its entries.</p>
            <Confirm
              trigger={
                <button type="button" className="btn danger">
                  Delete {p.name}…
                </button>
              }
              title={`Delete ${p.name} and all their biometric data?`}
              description="This cannot be undone. Their faces, photos, PINs and fobs are deleted now."
              action="Delete for good"
              onConfirm={async () => {
                await api.del(`/api/people/${p.id}`);
                void navigate('/people');
              }}
            />
          </section>
        </div>
      ) : (
        <p className="muted">Only an admin can change {p.name}&apos;s faces, PINs and doors.</p>
      )}
    </>
  );
}
