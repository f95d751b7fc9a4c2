import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { api, onUnauthorized, roleAtLeast, setCsrf, type Role, type Session } from './api.ts';

interface SessionState {
  session: Session | null;
  loading: boolean;
  signIn(username: string, password: string): Promise<void>;
  signOut(everywhere?: boolean): Promise<void>;
  /** The server already ended the session (a password change): forget it here too. */
  forget(): void;
  can(role: Role): boolean;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(null);
  const [loading, setLoading] = useState(true);
  const keep = (s: Session | null) => {
    setCsrf(s?.csrfToken ?? '');
    setSession(s);
  };

  useEffect(() => {
    // A session that expires (or is signed out elsewhere) sends the panel back to sign-in.
    onUnauthorized(() => keep(null));
    api
      .get<{ session: Session | null }>('/api/auth/session')
      .then((r) => keep(r.session), () => keep(null))
      .finally(() => setLoading(false));
  }, []);

  const signIn = useCallback(async (username: string, password: string) => keep(await api.post<Session>('/api/auth/login', { username, password })), []);
  const signOut = useCallback(async (everywhere = false) => {
    await api.post(everywhere ? '/api/auth/logout-all' : '/api/auth/logout').catch(() => undefined);
    keep(null);
  }, []);
  const forget = useCallback(() => keep(null), []);
  const can = useCallback((role: Role) => (session ? roleAtLeast(session.user.role, role) : false), [session]);

  return <SessionContext.Provider value={{ session, loading, signIn, signOut, forget, can }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
