import { useEffect, useRef, useState } from 'react';
import type { LogEvent } from './api.ts';

/**
 * The live event stream (SSE). EventSource reconnects by itself and resumes after the last event
 * id it saw, so nothing is missed across a dropped connection.
 */
export function useEventStream(onEvent: (e: LogEvent) => void): 'connecting' | 'live' | 'reconnecting' {
  const [state, setState] = useState<'connecting' | 'live' | 'reconnecting'>('connecting');
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  });
  useEffect(() => {
    const source = new EventSource('/api/events/stream');
    source.onopen = () => setState('live');
    source.onerror = () => setState('reconnecting');
    source.onmessage = (m: MessageEvent<string>) => handler.current(JSON.parse(m.data) as LogEvent);
    return () => source.close();
  }, []);
  return state;
}
