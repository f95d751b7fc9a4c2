import { FingerError, FingerEnrolment } from '../../access/fingerEnrolment.ts';
import type { Config, DoorConfig } from '../../config/schema.ts';
import { FingerprintService, type EnrolProgress, type FingerprintStatus } from '../../hardware/fingerprintService.ts';
import { SerialPortLink } from '../../hardware/serialLink.ts';
import { FingerprintRepo } from '../../store/fingerprints.ts';
import { PeopleRepo, type Person } from '../../store/people.ts';
import type { Store } from '../../store/db.ts';
import { UsageError } from '../basics.ts';
import type { Cli } from '../context.ts';

/** How long the reader may take to answer after the port opened. */
const CONNECT_MS = 8000;

const SAY: Record<EnrolProgress['step'], (p: EnrolProgress) => string> = {
  place: (p) => (p.step === 'place' && p.sample === 2 ? 'Place the same finger again' : 'Place a finger on the sensor'),
  retry: (p) => `Not read well (${p.step === 'retry' ? p.reason.replace(/_/g, ' ') : ''}): try again`,
  captured: (p) => `Sample ${p.step === 'captured' ? p.sample : ''} of 2 read`,
  lift: () => 'Lift the finger',
  merging: (p) => `The samples agree (score ${p.step === 'merging' ? p.score : ''})`,
  stored: (p) => `Stored in slot ${p.step === 'stored' ? p.slot : ''}`,
};

function fingerDoor(cfg: Config, id: string | undefined): DoorConfig & { fingerprint: NonNullable<DoorConfig['fingerprint']> } {
  const withReader = cfg.doors.filter((d): d is DoorConfig & { fingerprint: NonNullable<DoorConfig['fingerprint']> } => d.fingerprint !== undefined);
  if (id) {
    const door = withReader.find((d) => d.id === id);
    if (!door) throw new UsageError(`door "${id}" has no fingerprint reader (doors with one: ${withReader.map((d) => d.id).join(', ') || 'none'})`);
    return door;
  }
  const [only, ...more] = withReader;
  if (!only) throw new UsageError('no door in the configuration has a fingerprint reader (doors[].fingerprint)');
  if (more.length) throw new UsageError(`several doors have a fingerprint reader: say which with --door (${withReader.map((d) => d.id).join(', ')})`);
  return only;
}

async function person(store: Store, nameOrId: string): Promise<Person> {
  const people = new PeopleRepo(store.db);
  const p = (await people.findByName(nameOrId.trim())) ?? (/^[0-9a-f-]{36}$/.test(nameOrId) ? await people.get(nameOrId) : undefined);
  if (!p) throw new UsageError(`no person "${nameOrId}" (add one with "vigil person add")`);
  return p;
}

/** Connects to the door's reader; fails with what stands in the way (Vigil holding the port, a swapped sensor). */
async function connect(service: FingerprintService, port: string): Promise<void> {
  const settled = new Promise<FingerprintStatus>((resolve) => {
    const off = service.onStatus((s) => {
      off();
      resolve(s);
    });
    setTimeout(() => resolve(service.status()), CONNECT_MS).unref();
  });
  await service.start();
  const s = await settled;
  if (s.state === 'online') return;
  if (s.state === 'untrusted') throw new UsageError(`the sensor on ${port} is not the one Vigil knows (${s.reason?.replace(/_/g, ' ')}): adopt it in the panel first`);
  throw new UsageError(`the fingerprint reader on ${port} is not available (${s.reason?.replace(/_/g, ' ') ?? 'no answer'}: ${s.detail ?? ''}); while Vigil runs it holds the port: enrol from the panel instead`);
}

/** `vigil finger enroll <person>`: place, lift, place again on the door's reader (Vigil must not be running). */
export async function fingerEnroll(cli: Cli, who: string, opts: { duress?: boolean; door?: string; label?: string }): Promise<void> {
  await cli.withStore(async (store, cfg) => {
    const door = fingerDoor(cfg, opts.door);
    const p = await person(store, who);
    const repo = new FingerprintRepo(store.db);
    const fp = door.fingerprint;
    const service = new FingerprintService({ doorId: door.id, link: new SerialPortLink(fp.port, fp.baudRate), repo, address: fp.address, password: fp.password, ringLed: fp.ringLed, retryMs: 500 });
    try {
      await connect(service, fp.port);
      const enrolment = new FingerEnrolment({ reader: () => service, readers: () => [{ doorId: door.id, fingers: service }], repo });
      const progress = (step: EnrolProgress) => {
        if (!cli.options.json) process.stdout.write(`${SAY[step.step](step)}\n`);
      };
      const stored = await enrolment.enrol(door.id, p.id, { duress: opts.duress ?? false, label: opts.label ?? '' }, progress).catch((err: unknown) => {
        throw err instanceof FingerError ? new UsageError(`enrolment failed: ${err.message}`) : err;
      });
      await cli.audit(store, cfg, { subject: 'fingerprint', action: 'created', target: p.id, item: stored.id });
      const kind = stored.duress ? 'emergency finger' : 'finger';
      cli.report(
        { fingerprint: { id: stored.id, personId: p.id, door: door.id, slot: stored.slot, duress: stored.duress, score: stored.score } },
        `${p.name}'s ${kind} is enrolled on ${door.id} (slot ${stored.slot}, samples agreed with score ${stored.score})`,
      );
    } finally {
      await service.stop();
    }
  });
}

/** `vigil finger list <person>`: the person's fingers, where they are, never the templates. */
export async function fingerList(cli: Cli, who: string): Promise<void> {
  await cli.withStore(async (store) => {
    const p = await person(store, who);
    const repo = new FingerprintRepo(store.db);
    const fingers = await new FingerEnrolment({ reader: () => undefined, readers: () => [], repo }).list(p.id);
    const rows = fingers.map((f) => ({ id: f.id, door: f.doorId, slot: f.slot, duress: f.duress, label: f.label, score: f.score }));
    const text = rows.length ? rows.map((f) => `${f.id}  ${f.door ?? '(sensor gone)'} slot ${f.slot}${f.duress ? '  emergency' : ''}${f.label ? `  ${f.label}` : ''}`).join('\n') : `${p.name} has no fingers enrolled`;
    cli.report({ fingerprints: rows }, text);
  });
}
