import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { HttpRequest, HttpResponse } from './http-types';
import { map, type Observable } from 'rxjs';
import { DEFAULT_MEDIA_TYPE, responseMediaType } from './media-types';

/**
 * Answers every handler's result as JSON text in the negotiated media type. Serialising here
 * (not with res.json) keeps the type header ours and writes a bare JSON string, such as the
 * schema `"string"` from /schema, as JSON.
 */
@Injectable()
export class ConfluentJsonInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<string> {
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const response = context.switchToHttp().getResponse<HttpResponse>();
    return next.handle().pipe(
      map((body: unknown) => {
        if (response.headersSent) return body as string; // a handler that answered by itself (metrics)
        response.type(responseMediaType(request.headers.accept) ?? DEFAULT_MEDIA_TYPE);
        return JSON.stringify(body);
      }),
    );
  }
}
