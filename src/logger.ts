import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Logs carry ids and codes only: never names, phone numbers, message texts or locations. The redact list
 * is a second line of defence for fields that should never have been logged in the first place.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: {
        paths: ['name', 'phone', 'text', 'lat', 'lng', 'location', 'body', '*.name', '*.phone', '*.text', '*.lat', '*.lng', '*.body'],
        censor: '[redacted]',
      },
    },
    destination ?? pino.destination(2),
  );
}
