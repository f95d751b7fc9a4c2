import pino, { type Logger } from 'pino';

/** One logger for the process; secrets are redacted wherever they appear in a logged object. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: ['password', 'code', 'pin', 'token', '*.password', '*.code', '*.pin', '*.token', 'req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
      censor: '[redacted]',
    },
  });
}
