// A sensor's health in three states, so that one never heard from is not called "online" and a
// new one is not called "offline" before it had a chance to speak.

export type SensorHealth = 'waiting' | 'online' | 'offline';

export function sensorHealth(state: { online: boolean | null; lastSeen: number | null }): SensorHealth {
  if (state.online === false) return 'offline';
  return state.lastSeen === null ? 'waiting' : 'online';
}

/**
 * How long a sensor with this heartbeat may stay silent before it counts as offline: its heartbeat
 * plus a grace of a tenth of it (at least 2 s), so a message a moment late is not an alert.
 */
export function silenceLimitMs(heartbeatSeconds: number): number {
  const ms = heartbeatSeconds * 1000;
  return ms + Math.max(2000, ms / 10);
}
