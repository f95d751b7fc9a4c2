import { useEffect, useState } from 'react';
import { BellRing, Volume2 } from 'lucide-react';
import { notifyThisDevice, pushSupported, stopNotifyingThisDevice, thisDeviceSubscribed } from '../push.ts';
import { setSound, soundEnabled } from '../attention.ts';

/** This browser: pushed alerts (even with the panel closed) and the chime for new alerts. */
export function ThisDevice() {
  const [on, setOn] = useState<boolean | null>(null);
  const [sound, setSoundOn] = useState(soundEnabled);
  const [error, setError] = useState('');
  useEffect(() => {
    thisDeviceSubscribed().then(setOn, () => setOn(false));
  }, []);
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
    <section className="card" aria-labelledby="device-h">
      <h2 id="device-h">This device</h2>
      <div className="setting">
        <BellRing aria-hidden="true" />
        <div>
          <strong>Alerts on this device</strong>
          <p className="help">{pushSupported() ? 'Pushed to this browser or installed app, even when the panel is closed.' : 'This browser cannot receive pushed alerts.'}</p>
        </div>
        {pushSupported() && on !== null && (
          <button type="button" className={`btn ${on ? 'secondary' : 'primary'}`} onClick={() => void toggle()}>
            {on ? 'Stop notifying this device' : 'Notify this device'}
          </button>
        )}
      </div>
      <div className="setting">
        <Volume2 aria-hidden="true" />
        <div>
          <strong>Sound</strong>
          <p className="help">A short chime here when a new alert comes in.</p>
        </div>
        <button
          type="button"
          className="btn secondary"
          aria-pressed={sound}
          onClick={() => {
            setSound(!sound);
            setSoundOn(!sound);
          }}
        >
          {sound ? 'Sound on' : 'Sound off'}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
