import type { LoggerService } from '@nestjs/common';
import type { Logger } from 'pino';
import { redactText } from '@tributary/security';

/** Nest's own messages (startup, route mapping, its errors) as pino JSON lines. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger.debug({ context }, text(message));
  }

  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, text(message));
  }

  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace: trace ? redactText(trace) : undefined }, text(message));
  }

  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, text(message));
  }

  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, text(message));
  }
}

function text(message: unknown): string {
  return redactText(message instanceof Error ? message.message : typeof message === 'string' ? message : JSON.stringify(message));
}
