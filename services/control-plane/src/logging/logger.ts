import pino, { type DestinationStream, type Logger } from 'pino';
import { PINO_REDACT_PATHS, REDACTED } from '@tributary/security';

/**
 * JSON lines with secret-looking fields censored wherever they appear (pino's redact paths from
 * libs/security). `destination` lets tests capture every line the control plane writes.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'control-plane' },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: [...PINO_REDACT_PATHS], censor: REDACTED },
  };
  return destination ? pino(options, destination) : pino(options);
}
