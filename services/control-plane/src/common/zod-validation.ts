import type { z } from 'zod';
import { ApiError, type FieldIssue } from './api-error';

/** Where the value came from; names the first segment of every issue path. */
export type RequestPart = 'body' | 'query' | 'params';

/**
 * Parses `value` with `schema` or throws a 400 listing every fault with its field path. The
 * issues carry zod's message and path only, never the rejected value (it may be a secret).
 */
export function validate<S extends z.ZodType>(schema: S, value: unknown, part: RequestPart): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues: FieldIssue[] = result.error.issues.map((issue) => ({
    path: [part, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
  throw new ApiError('invalid', `the request ${part === 'params' ? 'path' : part} is invalid`, issues);
}
