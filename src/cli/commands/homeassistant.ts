import { MqttDeviceRepo } from '../../store/mqttDevices.ts';
import { issueHaLogin } from '../../mqtt/integrationLogin.ts';
import type { Cli } from '../context.ts';

export async function haLogin(cli: Cli, opts: { host: string }): Promise<void> {
  const login = await cli.withStore(async (store, cfg) => {
    const issued = await issueHaLogin(new MqttDeviceRepo(store.db), cfg, opts.host);
    await cli.audit(store, cfg, { subject: 'homeassistant_login', action: 'issued', target: issued.username });
    return issued;
  });
  const { broker } = login;
  cli.report(
    login,
    [
      `In Home Assistant: Settings → Devices & services → Add integration → MQTT, then`,
      `  broker ${broker.host}  port ${broker.port}${broker.tls ? '  (TLS: check the certificate fingerprint ' + (broker.tlsFingerprint ?? '') + ')' : ''}`,
      `  username ${login.username}  password ${login.password}`,
      `Discovery (prefix "${login.discoveryPrefix}") then adds the alarm panel, every sensor and door by themselves.`,
    ].join('\n'),
  );
}
