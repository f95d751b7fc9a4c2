// A door's challenge prompt on MQTT, for a display that is not the kiosk: retained, so a display
// that (re)connects mid-attempt shows it; cleared with nulls when the attempt ends.
import type { Bus } from '../core/bus.ts';
import type { MqttLink } from './connection.ts';
import type { Topics } from './topics.ts';

export function attachPromptBridge(d: { link: MqttLink; topics: Topics; bus: Bus }): () => void {
  return d.bus.on('door.prompt', (e) => {
    const p = e.prompt;
    const body = p ? { text: p.text, actions: p.actions, until: new Date(p.until).toISOString() } : { text: null, actions: [], until: null };
    d.link.publish(d.topics.doorPrompt(e.doorId), JSON.stringify(body), { retain: true });
  });
}
