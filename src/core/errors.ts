/** A problem the operator must fix before Vigil can start; the message says how. */
export class StartupError extends Error {
  override name = 'StartupError';
}

/** Turns a listen() failure into a message that says what to change. */
export function listenError(err: unknown, what: string, host: string, port: number, hint: string): Error {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return new StartupError(`${what} cannot listen on ${host}:${port}: the port is already in use. ${hint}`);
  if (code === 'EACCES') return new StartupError(`${what} may not listen on ${host}:${port} (ports below 1024 need privileges). ${hint}`);
  return new StartupError(`${what} cannot listen on ${host}:${port}: ${(err as Error).message}`);
}

/**
 * A request the domain refuses, with a message meant for the person who made it. Each kind carries
 * its HTTP status; the HTTP error handler answers `{statusCode, error, message}` from it and the CLI
 * prints the message and exits 2. Anything else thrown is a bug (HTTP 500, CLI exit 1).
 */
export abstract class DomainError extends Error {
  abstract readonly statusCode: number;
  /** The status's name. */
  abstract readonly title: string;
  constructor(
    message: string,
    /** A stable code a program can act on (`too_large`, `no_face`); the reply's `error` field when set, else the title. */
    readonly reason?: string,
  ) {
    super(message);
  }
  /** Headers the HTTP answer carries (Retry-After when busy). */
  get headers(): Record<string, string> {
    return {};
  }
}

/** Input that is well-formed but not acceptable (HTTP 400). */
export class InvalidInput extends DomainError {
  override name = 'InvalidInput';
  readonly statusCode = 400;
  readonly title = 'Bad Request';
}

/** A caller whose identity is unknown (no or an expired session): HTTP answers 401. */
export class Unauthenticated extends DomainError {
  override name = 'Unauthenticated';
  readonly statusCode = 401;
  readonly title = 'Unauthorized';
}

/** A known caller who may not do this, or a wrong secret (HTTP 403). */
export class Forbidden extends DomainError {
  override name = 'Forbidden';
  readonly statusCode = 403;
  readonly title = 'Forbidden';
}

/** The thing asked about does not exist (HTTP 404). */
export class NotFound extends DomainError {
  override name = 'NotFound';
  readonly statusCode = 404;
  readonly title = 'Not Found';
}

/** A request that cannot be done in the current state; the message says why. HTTP answers 409, the CLI exits 2. */
export class Conflict extends DomainError {
  override name = 'Conflict';
  readonly statusCode = 409;
  readonly title = 'Conflict';
}

/** Too many attempts; try later (HTTP 429). */
export class TooManyRequests extends DomainError {
  override name = 'TooManyRequests';
  readonly statusCode = 429;
  readonly title = 'Too Many Requests';
}

/** Something Vigil depends on cannot be reached now; retrying later may work (HTTP 503). */
export class Unavailable extends DomainError {
  override name = 'Unavailable';
  readonly statusCode = 503;
  readonly title = 'Service Unavailable';
}

/** An MQTT login name already used by a login of another kind (a sensor named like an integration). */
export class LoginNameTaken extends Conflict {
  constructor(username: string) {
    super(`the MQTT login name "${username}" is already used by another kind of login; pick another name`);
  }
}
