import { Catch, HttpException, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { HttpRequest, HttpResponse } from './http-types';
import { STATUS_CODES } from 'node:http';
import { RegistryError } from '../registry-errors';
import { HTTP_OPTIONS, type RegistryHttpOptions } from './http-options';
import { DEFAULT_MEDIA_TYPE, responseMediaType } from './media-types';

/**
 * Every error leaves as Confluent's body, `{"error_code": ..., "message": ...}`: registry errors
 * with their own code, Nest's (an unknown route) as Jersey words them ("HTTP 404 Not Found"),
 * anything else as 500 with the detail logged, not sent.
 */
@Catch()
export class ConfluentErrorFilter implements ExceptionFilter {
  constructor(@Inject(HTTP_OPTIONS) private readonly options: RegistryHttpOptions) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<HttpRequest>();
    const response = host.switchToHttp().getResponse<HttpResponse>();
    const { status, body } = this.toAnswer(exception, request);
    if (response.headersSent) return;
    // A 413 body may still be arriving; do not keep the connection for it.
    if (status === 413) response.setHeader('Connection', 'close');
    response
      .status(status)
      .type(responseMediaType(request.headers.accept) ?? DEFAULT_MEDIA_TYPE)
      .send(JSON.stringify(body));
  }

  private toAnswer(exception: unknown, request: HttpRequest): { status: number; body: { error_code: number; message: string } } {
    if (exception instanceof RegistryError) {
      if (exception.status >= 500) {
        this.options.logger.error({ err: exception.message, cause: String(exception.cause ?? ''), path: request.path }, 'request failed');
      }
      return { status: exception.status, body: exception.toBody() };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return { status, body: { error_code: status, message: `HTTP ${status} ${STATUS_CODES[status] ?? ''}`.trim() } };
    }
    this.options.logger.error({ err: (exception as Error)?.stack ?? String(exception), path: request.path }, 'request failed');
    return { status: 500, body: { error_code: 500, message: 'Internal Server Error' } };
  }
}
