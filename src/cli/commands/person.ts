import { PeopleRepo } from '../../store/people.ts';
import { isPersonName } from '../../core/person.ts';
import { UsageError } from '../basics.ts';
import type { Cli } from '../context.ts';

export async function personAdd(cli: Cli, name: string): Promise<void> {
  const clean = name.trim();
  if (!isPersonName(clean)) throw new UsageError('name: 1-100 printable characters');
  await cli.withStore(async (store, cfg) => {
    const people = new PeopleRepo(store.db);
    const p = await people.create(clean);
    await cli.audit(store, cfg, { subject: 'person', action: 'created', target: p.id });
    cli.report({ person: p }, `added ${p.name} (${p.id})`);
  });
}
