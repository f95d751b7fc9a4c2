import { useEffect, useState } from 'react';
import { notifyThisDevice, pushSupported, stopNotifyingThisDevice, thisDeviceSubscribed } from '../push.ts';

/** Subscribes this browser to Vigil's Web Push alerts (they arrive even with the panel closed). */
export function NotifyThisDevice() {
  const [on, setOn] = useState<boolean | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    thisDeviceSubscribed().then(setOn, () => setOn(false));
  }, []);
  if (!pushSupported() || on === null) return null;
  const toggle = async () => {
    setError('');
    try {
      if (on) await stopNotifyingThisDevice();
      else await notifyThisDevice();
      setOn(!on);
    } catch (e) {
      setError(`Could not ${on ? 'stop' : 'start'} notifications: ${(e as Error).message}`);
    }
  };
  return (
    <span className="notify-device">
      <button type="button" className="link" onClick={() => void toggle()}>
        {on ? 'Stop notifying this device' : 'Notify this device'}
      </button>
      {error && <span role="status">{error}</span>}
    </span>
  );
}
