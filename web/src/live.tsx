import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { LogEvent } from './api.ts';

type Listener = (e: LogEvent) => void;
type StreamState = 'connecting' | 'live' | 'reconnecting';

interface Live {
  state: StreamState;
  subscribe(fn: Listener): () => void;
}

const LiveContext = createContext<Live | null>(null);

/**
 * One live event stream (SSE) for the whole panel. EventSource reconnects by itself and resumes
 * after the last event id it saw, so nothing is missed across a dropped connection.
 */
export function LiveProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<StreamState>('connecting');
  const listeners = useRef(new Set<Listener>());
  const [live] = useState<Omit<Live, 'state'>>(() => ({
    subscribe(fn) {
      listeners.current.add(fn);
      return () => listeners.current.delete(fn);
    },
  }));
  useEffect(() => {
    const source = new EventSource('/api/events/stream');
    source.onopen = () => setState('live');
    source.onerror = () => setState('reconnecting');
    source.onmessage = (m: MessageEvent<string>) => {
      const e = JSON.parse(m.data) as LogEvent;
      for (const fn of listeners.current) fn(e);
    };
    return () => source.close();
  }, []);
  return <LiveContext.Provider value={{ ...live, state }}>{children}</LiveContext.Provider>;
}

/** Calls `onEvent` for every new log event; returns the stream's state. */
export function useLiveEvents(onEvent: Listener): StreamState {
  const live = useContext(LiveContext);
  if (!live) throw new Error('useLiveEvents outside LiveProvider');
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  });
  const { subscribe } = live;
  useEffect(() => subscribe((e) => handler.current(e)), [subscribe]);
  return live.state;
}
