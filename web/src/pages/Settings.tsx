import { useState, type FormEvent } from 'react';
import { api } from '../api.ts';
import { useSession } from '../session.tsx';

export function Settings() {
  const { signOut } = useSession();
  const [message, setMessage] = useState('');
  const change = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    try {
      await api.post('/api/auth/password', { current: String(f.get('current')), next: String(f.get('password')) });
      setMessage('Password changed.');
      form.reset();
    } catch (err) {
      setMessage((err as Error).message);
    }
  };
  return (
    <div className="grid">
      <section className="card" aria-labelledby="pw-h">
        <h1 id="pw-h">Your password</h1>
        <form onSubmit={(e) => void change(e)}>
          <label htmlFor="current">Current password</label>
          <input id="current" name="current" type="password" autoComplete="current-password" required />
          <label htmlFor="new">New password</label>
          <input id="new" name="password" type="password" autoComplete="new-password" minLength={10} required />
          <button type="submit">Change password</button>
        </form>
        {message && <p role="status">{message}</p>}
      </section>
      <section className="card" aria-labelledby="out-h">
        <h2 id="out-h">Sessions</h2>
        <button type="button" onClick={() => void signOut(true)}>
          Sign out everywhere
        </button>
      </section>
    </div>
  );
}
