import { Body, Param, Query, type PipeTransform } from '@nestjs/common';
import { ApiBody, ApiParam, ApiQuery } from '@nestjs/swagger';
import { z } from 'zod';
import { validate, type RequestPart } from './zod-validation';

/**
 * Parameter decorators that validate with a zod schema (400 with field paths on failure) and
 * describe the same schema in the OpenAPI document, so the docs cannot drift from the checks.
 */
export function ValidBody(schema: z.ZodType): ParameterDecorator {
  return (target, key, index) => {
    Body(pipe(schema, 'body'))(target, key, index);
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

function pipe(schema: z.ZodType, part: RequestPart): PipeTransform {
  return { transform: (value: unknown) => validate(schema, value ?? {}, part) };
}

function openApiSchema(schema: z.ZodType): Record<string, unknown> {
  return z.toJSONSchema(schema, { target: 'openapi-3.0', io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

function descriptor(target: object, key: string | symbol): PropertyDescriptor {
  return Object.getOwnPropertyDescriptor(target, key) ?? { value: undefined };
}
