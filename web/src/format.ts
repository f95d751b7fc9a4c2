// Times as people say them: "2 min ago", "yesterday 21:36", and countdowns.

const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export function formatTime(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}

export function clockTime(ms: number): string {
  return new Date(ms).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

/** "just now", "3 min ago", "2 h ago", then "yesterday", then the date. */
export function relativeTime(ms: number, now = Date.now()): string {
  const s = Math.round((ms - now) / 1000);
  const abs = Math.abs(s);
  if (abs < 45) return 'just now';
  if (abs < 3600) return rtf.format(Math.round(s / 60), 'minute');
  if (abs < 6 * 3600) return rtf.format(Math.round(s / 3600), 'hour');
  const day = (t: number) => Math.floor((t - new Date(t).getTimezoneOffset() * 60_000) / 86_400_000);
  const days = day(ms) - day(now);
  if (days === 0) return `today ${clockTime(ms)}`;
  if (days === -1) return `yesterday ${clockTime(ms)}`;
  return new Date(ms).toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
}

/** Seconds left as "1:05" or "42 s". */
export function countdown(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return s >= 60 ? `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}` : `${s} s`;
}
