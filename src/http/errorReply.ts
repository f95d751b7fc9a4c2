import { STATUS_CODES } from 'node:http';
import { DomainError } from '../core/errors.ts';

/** The one reply shape every failed request gets (ErrorReply in schemas.ts). */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
}

/**
 * What a thrown error tells the client: a domain error its own status and message; Fastify's own
 * (validation, body too large) theirs; anything else is a bug and says only "internal error".
 */
export function errorReply(err: Error & { statusCode?: number }): ErrorBody {
  if (err instanceof DomainError) return { statusCode: err.statusCode, error: err.reason ?? err.title, message: err.message };
  const status = err.statusCode && ((err.statusCode >= 400 && err.statusCode < 500) || err.statusCode === 503) ? err.statusCode : 500;
  return { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message: status === 500 ? 'internal error' : err.message };
}
