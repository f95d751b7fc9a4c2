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

/** A request that cannot be done in the current state; the message says why. HTTP answers 409, the CLI exits 2. */
export class Conflict extends Error {
  override name = 'Conflict';
  readonly statusCode = 409;
}

/** A caller whose identity is unknown (no or an expired session): HTTP answers 401. */
export class Unauthenticated extends Error {
  override name = 'Unauthenticated';
  readonly statusCode = 401;
}

/** An MQTT login name already used by a login of another kind (a sensor named like an integration). */
export class LoginNameTaken extends Conflict {
  constructor(username: string) {
    super(`the MQTT login name "${username}" is already used by another kind of login; pick another name`);
  }
}
