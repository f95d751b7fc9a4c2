import { DoorTokenRepo } from '../../store/doorTokens.ts';
import { UsageError } from '../basics.ts';
import type { Cli } from '../context.ts';

export async function doorToken(cli: Cli, id: string): Promise<void> {
  await cli.withStore(async (store, cfg) => {
    if (!cfg.doors.some((d) => d.id === id)) throw new UsageError(`no door "${id}" in the configuration (doors: ${cfg.doors.map((d) => d.id).join(', ') || 'none'})`);
    const token = await new DoorTokenRepo(store.db).issue(id);
    await cli.audit(store, cfg, { subject: 'door_token', action: 'issued', target: id });
    const kioskUrl = `http://<this machine>:${cfg.http.port}/kiosk#token=${token}`;
    cli.report({ door: id, token, kioskUrl }, `kiosk token for ${id} (shown once): ${token}\nopen ${kioskUrl} on the door's tablet`);
  });
}

/** `vigil hardware check`: every configured door device, and what answers (nothing is changed). */
export async function hardwareCheck(cli: Cli): Promise<void> {
  const cfg = cli.config();
  const { checkHardware, formatReport } = await import('../../hardware/check.ts');
  const reports = await checkHardware(cfg.doors);
  cli.report({ devices: reports }, reports.length ? formatReport(reports) : 'no door devices are configured');
  if (reports.some((r) => !r.ok)) process.exitCode = 1;
}
