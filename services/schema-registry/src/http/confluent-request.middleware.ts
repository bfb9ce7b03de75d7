import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { HttpRequest, HttpResponse } from './http-types';
import { RegistryError } from '../registry-errors';
import { HTTP_OPTIONS, type RegistryHttpOptions } from './http-options';
import { responseMediaType } from './media-types';
import { readJsonBody } from './read-json-body';

/**
 * Before any route: answers 406 to an Accept header it cannot satisfy, and reads POST and PUT
 * bodies itself (Nest's body parser is off) so size, media type and JSON errors get Confluent's
 * codes. Errors thrown here reach ConfluentErrorFilter like a controller's.
 */
@Injectable()
export class ConfluentRequestMiddleware implements NestMiddleware {
  constructor(@Inject(HTTP_OPTIONS) private readonly options: RegistryHttpOptions) {}

  async use(request: HttpRequest, _response: HttpResponse, next: (error?: unknown) => void): Promise<void> {
    if (!responseMediaType(request.headers.accept)) throw new RegistryError('NOT_ACCEPTABLE', 'HTTP 406 Not Acceptable');
    if (request.method === 'POST' || request.method === 'PUT') {
      request.body = await readJsonBody(request, this.options.maxBodyBytes);
    }
    next();
  }
}
