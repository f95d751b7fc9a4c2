import { networkInterfaces } from 'node:os';
import { InvalidInput } from '../core/errors.ts';

/** The options every command takes (see DESIGN.md: `--config`, `--data`, `--json`). */
export interface GlobalOptions {
  config?: string;
  data?: string;
  json?: boolean;
}

/** Bad input on the command line: exit code 2 with the message, like every domain error. */
export class UsageError extends InvalidInput {
  override name = 'UsageError';
}

/** The first LAN address, which is what a sensor on the same network would use. */
export function defaultHost(): string {
  const lan = Object.values(networkInterfaces())
    .flat()
    .find((a) => a && a.family === 'IPv4' && !a.internal);
  return lan?.address ?? '127.0.0.1';
}
