import pino, { type DestinationStream, type Logger } from 'pino';
import { PINO_REDACT_PATHS, REDACTED } from '@tributary/security';
import { activeTraceIds } from './record-span';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/**
 * JSON lines for one service: its name on every line, the active span's trace and span ids (so a
 * log line leads to its trace), secret-looking fields censored wherever they appear. Callers add
 * tenant, pipeline and run with `logger.child({ tenant, pipeline, run })`.
 */
export function createServiceLogger(service: string, level: LogLevel, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: [...PINO_REDACT_PATHS], censor: REDACTED },
    mixin: activeTraceIds,
  };
  return destination ? pino(options, destination) : pino(options);
}
