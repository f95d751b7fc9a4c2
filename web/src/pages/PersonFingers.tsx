import { useState, type FormEvent } from 'react';
import { Fingerprint as FingerIcon, Trash2 } from 'lucide-react';
import { api, type Door, type PersonDetail, type Reply } from '../api.ts';
import { useApi, type Resource } from '../useApi.ts';
import { Confirm, Field, Status, useAction } from '../components/ui.tsx';
import { relativeTime } from '../format.ts';

export type Finger = Reply<'/api/people/{id}/fingerprints'>[number];
type Reader = Reply<'/api/doors/{id}/fingerprint'>;
type Step = NonNullable<NonNullable<Reader['enrolment']>['step']>;

/** What the person at the sensor should do now, from the reader's last report. */
function instruction(step: Step | null): string {
  if (!step) return 'Waiting for the reader…';
  switch (step.step) {
    case 'place':
      return step.sample === 2 ? 'Place the same finger again' : 'Place a finger on the sensor';
    case 'retry':
      return `Not read well (${(step.reason ?? '').replace(/_/g, ' ')}): lift and try again`;
    case 'captured':
      return `Sample ${step.sample ?? ''} of 2 read`;
    case 'lift':
      return 'Lift the finger';
    case 'merging':
      return `The two samples agree (score ${step.score ?? ''})`;
    case 'stored':
      return 'Stored';
  }
}

/** The person's fingers on the doors' readers: enrol (guided, with progress), see, delete. */
export function Fingers({ person, doors, fingers }: { person: PersonDetail; doors: Door[]; fingers: Resource<Finger[]> }) {
  const readers = doors.filter((d) => d.fingerprint !== 'none');
  const [door, setDoor] = useState(readers[0]?.id ?? '');
  const [enrolling, setEnrolling] = useState(false);
  const reader = useApi<Reader>(door ? `/api/doors/${door}/fingerprint` : null, enrolling ? 300 : 0);
  const action = useAction();
  const enrol = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setEnrolling(true);
    await action.run(() => api.post(`/api/people/${person.id}/fingerprints`, { door, duress: form.get('duress') === 'on', label: String(form.get('label') ?? '') }), 'Finger enrolled.');
    setEnrolling(false);
    fingers.reload();
    reader.reload();
  };
  const progress = reader.data?.enrolment;
  const name = (f: Finger) => `${f.duress ? 'Emergency finger' : 'Finger'}${f.label ? ` (${f.label})` : ''}`;
  return (
    <section className="card" aria-labelledby="fingers-h">
      <h2 id="fingers-h">Fingers</h2>
      {fingers.data?.length === 0 && <p className="muted">None yet.</p>}
      <ul className="list">
        {(fingers.data ?? []).map((f) => (
          <li key={f.id} className="list-row">
            <span className="list-main">
              <strong>{name(f)}</strong>
              <span className="muted">
                {f.doorId ? `${doors.find((d) => d.id === f.doorId)?.name ?? f.doorId} reader` : 'sensor gone'}, slot {f.slot}, enrolled {relativeTime(f.createdAt)}
              </span>
            </span>
            <Confirm
              trigger={
                <button type="button" className="btn ghost danger-text" aria-label={`Remove ${name(f)} of ${person.name}`}>
                  <Trash2 aria-hidden="true" size={16} /> Remove
                </button>
              }
              title={`Remove this ${f.duress ? 'emergency finger' : 'finger'} of ${person.name}?`}
              description="It is deleted from the sensor and stops opening the door."
              action="Remove finger"
              onConfirm={async () => {
                await api.del(`/api/people/${person.id}/fingerprints/${f.id}`);
                fingers.reload();
              }}
            />
          </li>
        ))}
      </ul>
      <form className="row-form" onSubmit={(e) => void enrol(e)} aria-label="Enrol a finger">
        <Field label="Reader">
          {(p) => (
            <select {...p} value={door} onChange={(e) => setDoor(e.target.value)} disabled={enrolling}>
              {readers.map((d) => (
                <option key={d.id} value={d.id}>
                  {d.name} ({d.fingerprint})
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Which finger" help="Optional, e.g. left thumb.">
          {(p) => <input {...p} name="label" maxLength={40} disabled={enrolling} />}
        </Field>
        <label className="check">
          <input type="checkbox" name="duress" disabled={enrolling} /> Emergency finger: opens as usual and raises a silent alarm
        </label>
        <button type="submit" className="btn primary" disabled={enrolling || !door}>
          <FingerIcon aria-hidden="true" size={16} /> Enrol a finger
        </button>
      </form>
      {enrolling && (
        <div className="enrol-progress" role="status" aria-live="polite">
          <strong>{instruction(progress?.step ?? null)}</strong>
          <progress max={2} value={progress?.captured ?? 0} aria-label="Samples read" />
          <button type="button" className="btn ghost" onClick={() => void api.del(`/api/doors/${door}/fingerprint/enrolment`)}>
            Cancel
          </button>
        </div>
      )}
      <Status message={action.message} error={action.error} />
    </section>
  );
}
