import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Logger } from 'pino';
import { errorAnswer } from './error-answer';
import type { HttpRequest, HttpResponse } from './http-types';

/** Every error of every route ends here (registered globally); see errorAnswer for the rules. */
@Catch()
export class ErrorAnswerFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(err: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<HttpRequest>();
    const response = http.getResponse<HttpResponse>();
    const { answer, logDetails } = errorAnswer(err);
    if (logDetails) this.logger.error({ err: logDetails, method: request.method, route: request.route?.path }, 'request failed');
    if (answer.statusCode === 401) response.setHeader('WWW-Authenticate', 'Bearer');
    if (response.headersSent) return void response.end();
    response.status(answer.statusCode).json(answer);
  }
}
