import type { LogEvent } from './api.ts';

/** One line a person can read for a log event. */
export function describe(e: LogEvent): string {
  const d = e.details;
  const where = e.doorId ? `door ${e.doorId}` : e.sensorId ? `sensor ${String(d.name ?? e.sensorId)}` : '';
  const parts = [where];
  if (d.reason) parts.push(`reason: ${String(d.reason)}`);
  if (d.factors) parts.push(`factors: ${String(d.factors)}`);
  if (d.by) parts.push(`by ${String(d.by)}`);
  if (d.to) parts.push(`now ${String(d.to)}`);
  if (d.alertType) parts.push(`${String(d.alertType)} #${String(d.alert)}`);
  return parts.filter(Boolean).join(', ');
}
