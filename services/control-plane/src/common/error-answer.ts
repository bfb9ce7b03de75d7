import { STATUS_CODES } from 'node:http';
import { HttpException } from '@nestjs/common';
import { redact } from '@tributary/security';
import { ApiError, type ApiErrorKind, type FieldIssue } from './api-error';

export interface ErrorAnswer {
  statusCode: number;
  error: ApiErrorKind | 'internal' | string;
  message: string;
  issues?: readonly FieldIssue[];
}

const KIND_BY_STATUS: Record<number, ApiErrorKind> = { 400: 'invalid', 401: 'unauthenticated', 403: 'forbidden', 404: 'not-found', 409: 'conflict', 415: 'unsupported-media-type', 503: 'unavailable' };

/**
 * The answer for anything thrown while serving a request. Only ApiError messages (written for
 * callers) are passed through; framework errors get a fixed message per status (body-parser's
 * JSON errors quote the body, which may hold a secret); anything else is a 500 whose details go
 * to the log only: no stack, SQL or driver message ever reaches a caller.
 */
export function errorAnswer(err: unknown): { answer: ErrorAnswer; logDetails?: unknown } {
  if (err instanceof ApiError) {
    return { answer: { statusCode: err.status, error: err.kind, message: err.message, ...(err.issues ? { issues: err.issues } : {}) } };
  }
  const status = httpStatusOf(err);
  if (status !== undefined && status < 500) {
    return { answer: { statusCode: status, error: KIND_BY_STATUS[status] ?? slug(status), message: frameworkMessage(err, status) } };
  }
  return {
    answer: { statusCode: 500, error: 'internal', message: 'internal error; the control-plane log has the details' },
    logDetails: safeDetails(err),
  };
}

function httpStatusOf(err: unknown): number | undefined {
  if (err instanceof HttpException) return err.getStatus();
  // body-parser and other Express middleware mark client errors with `status` (or statusCode).
  const { status, statusCode } = (err ?? {}) as { status?: unknown; statusCode?: unknown };
  const code = typeof status === 'number' ? status : typeof statusCode === 'number' ? statusCode : undefined;
  return code !== undefined && code >= 400 && code < 600 ? code : undefined;
}

function frameworkMessage(err: unknown, status: number): string {
  // Nest wraps body-parser's errors in an HttpException whose cause keeps body-parser's `type`.
  const { type, cause } = err as { type?: unknown; cause?: { type?: unknown } };
  switch (type ?? cause?.type) {
    case 'entity.parse.failed':
      return 'the request body is not valid JSON';
    case 'entity.too.large':
      return 'the request body is too large';
  }
  if (status === 404) return 'no such route';
  return STATUS_CODES[status]?.toLowerCase() ?? 'request refused';
}

function slug(status: number): string {
  return (STATUS_CODES[status] ?? 'error').toLowerCase().replace(/[^a-z]+/g, '-');
}

/** Enough to debug from the log, with credentials cut out; query parameters are dropped. */
function safeDetails(err: unknown): unknown {
  if (!(err instanceof Error)) return { thrown: typeof err };
  const { code, constraint, table } = (err as { driverError?: Record<string, unknown> }).driverError ?? {};
  return redact({ name: err.name, message: err.message, stack: err.stack, ...(code ? { code, constraint, table } : {}) });
}
