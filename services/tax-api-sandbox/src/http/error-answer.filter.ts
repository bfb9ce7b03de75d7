import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Logger } from 'pino';
import type { RawResponse } from './sandbox-tokens';

/**
 * Every error a route or Nest itself raises (a body that is not JSON, an unknown route) is
 * answered in the contract's ErrorAnswer shape, so a client reads one error format only.
 */
@Catch()
export class ErrorAnswerFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(err: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<RawResponse>();
    if (!(err instanceof HttpException)) {
      this.logger.error({ err: (err as Error)?.message }, 'request failed');
      response.status(500).json({ error: { code: 'INTERNAL', message: 'the sandbox failed', problems: [] } });
      return;
    }
    const status = err.getStatus();
    const body = err.getResponse();
    if (typeof body === 'object' && body !== null && 'error' in body && typeof (body as { error: unknown }).error === 'object') {
      response.status(status).json(body);
      return;
    }
    const code = status === 404 ? 'NOT_FOUND' : status === 413 ? 'TOO_LARGE' : status < 500 ? 'INVALID_REQUEST' : 'INTERNAL';
    response.status(status).json({ error: { code, message: err.message, problems: [] } });
  }
}
