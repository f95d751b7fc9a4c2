import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { INCIDENT_EVENT_TYPES } from '../../src/core/incidents.ts';
import { isAlert, type EventType } from '../../src/core/events.ts';
import { describeEvent } from '../../src/core/eventCatalogue.ts';
import { api, type Incident } from './api.ts';
import { useLiveEvents } from './live.tsx';
import { chime, soundEnabled, showBadge } from './attention.ts';
import { useNames } from './names.tsx';

interface IncidentState {
  incidents: Incident[];
  open: Incident[];
  error: string;
  acknowledge(id: number): Promise<void>;
  /** The page's name for the tab title. */
  setPage(name: string): void;
}

const Ctx = createContext<IncidentState | null>(null);
const relevant = new Set<string>(INCIDENT_EVENT_TYPES);

/** Incidents for the whole panel, kept current by the live stream; a new alert chimes (if sound is on) and notifies. */
export function IncidentsProvider({ children }: { children: ReactNode }) {
  const [incidents, setIncidents] = useState<Incident[]>([]);
  const [error, setError] = useState('');
  const [page, setPage] = useState('');
  const names = useNames();
  const load = useCallback(() => {
    api.get<Incident[]>('/api/incidents').then(
      (list) => {
        setIncidents(list);
        setError('');
      },
      (e: Error) => setError(e.message),
    );
  }, []);
  useEffect(load, [load]);
  useLiveEvents((e) => {
    if (!relevant.has(e.type)) return;
    load();
    if (!isAlert(e.type as EventType)) return;
    if (soundEnabled()) chime();
    if ('Notification' in window && Notification.permission === 'granted' && document.hidden) {
      const words = describeEvent(e, names);
      new Notification(`Vigil: ${words.title}`, { body: words.sentence, tag: `vigil-${e.seq}` });
    }
  });
  const open = incidents.filter((i) => i.open);
  useEffect(() => showBadge(page, open.length), [page, open.length]);
  const acknowledge = useCallback(
    async (id: number) => {
      await api.post(`/api/incidents/${id}/ack`);
      load();
    },
    [load],
  );
  return <Ctx.Provider value={{ incidents, open, error, acknowledge, setPage }}>{children}</Ctx.Provider>;
}

export function useIncidents(): IncidentState {
  const s = useContext(Ctx);
  if (!s) throw new Error('useIncidents outside IncidentsProvider');
  return s;
}

/** Names the page in the tab title (with the open-incident count in front). */
export function usePageTitle(name: string): void {
  const { setPage } = useIncidents();
  useEffect(() => setPage(name), [name, setPage]);
}
