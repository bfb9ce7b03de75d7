import type { IncomingHttpHeaders } from 'node:http';
import { createParamDecorator, Param, Query, type ExecutionContext, type PipeTransform } from '@nestjs/common';
import { ApiBody, ApiParam, ApiQuery } from '@nestjs/swagger';
import { z } from 'zod';
import { ApiError } from './api-error';
import { validate, type RequestPart } from './zod-validation';

/**
 * Parameter decorators that validate with a zod schema (400 with field paths on failure) and
 * describe the same schema in the OpenAPI document, so the docs cannot drift from the checks.
 */
export function ValidBody(schema: z.ZodType, accepts: BodyType = JSON_BODY): ParameterDecorator {
  return (target, key, index) => {
    TypedBody(accepts, pipe(schema, 'body'))(target, key, index);
    if (key !== undefined) ApiBody({ schema: openApiSchema(schema) })(target, key, descriptor(target, key));
  };
}

/** `schema` must be a z.object: each property becomes one documented query parameter. */
export function ValidQuery(schema: z.ZodObject): ParameterDecorator {
  return (target, key, index) => {
    Query(pipe(schema, 'query'))(target, key, index);
    if (key === undefined) return;
    const json = openApiSchema(schema) as { properties?: Record<string, object>; required?: string[] };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      ApiQuery({ name, required: json.required?.includes(name) ?? false, schema: property })(target, key, descriptor(target, key));
    }
  };
}

/** One path parameter checked by `schema` (e.g. a secret name's pattern). */
export function ValidParam(name: string, schema: z.ZodType): ParameterDecorator {
  const object = z.object({ [name]: schema });
  const check: PipeTransform = { transform: (value: unknown) => validate(object, { [name]: value }, 'params')[name] };
  return (target, key, index) => {
    Param(name, check)(target, key, index);
    if (key !== undefined) ApiParam({ name, schema: openApiSchema(schema) })(target, key, descriptor(target, key));
  };
}

/** The Content-Types a route's body is read from (what a body parser turns into `request.body`), and how to name them. */
export interface BodyType {
  readonly pattern: RegExp;
  readonly names: string;
}

export const JSON_BODY: BodyType = { pattern: /^\s*application\/json\s*(;|$)/i, names: 'JSON (Content-Type: application/json)' };

/**
 * The request's body, when it came as a type the route reads. Nest parses `application/json`
 * only, so a body of any other type (a form from `curl -d mode=incremental`, plain text) would
 * read as no body at all and its request go ahead on defaults: it is refused with a 415 instead.
 */
const TypedBody = createParamDecorator((accepts: BodyType, ctx: ExecutionContext): unknown => {
  const request = ctx.switchToHttp().getRequest<{ headers: IncomingHttpHeaders; body?: unknown }>();
  const { headers } = request;
  const sent = Number(headers['content-length'] ?? 0) > 0 || headers['transfer-encoding'] !== undefined;
  const type = headers['content-type'];
  if (sent && !accepts.pattern.test(type ?? '')) {
    throw new ApiError('unsupported-media-type', `the request body must be ${accepts.names}, got ${type ? `'${type.slice(0, 100)}'` : 'no Content-Type'}`);
  }
  return request.body;
});

function pipe(schema: z.ZodType, part: RequestPart): PipeTransform {
  return { transform: (value: unknown) => validate(schema, value ?? {}, part) };
}

function openApiSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

function descriptor(target: object, key: string | symbol): PropertyDescriptor {
  return Object.getOwnPropertyDescriptor(target, key) ?? { value: undefined };
}
