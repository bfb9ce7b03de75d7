/**
 * The one error the control plane's logic throws for an answer other than 2xx. `kind` is the
 * machine-readable code in the answer; the table gives its HTTP status. Messages are written
 * for the caller and must never carry a secret, a stack or SQL.
 */
export const API_ERROR_STATUS = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'unsupported-media-type': 415,
  unavailable: 503,
} as const;

export type ApiErrorKind = keyof typeof API_ERROR_STATUS;

/** A field at fault in a request: `path` is dotted (`admin.email`, `items.2.name`). */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly issues?: readonly FieldIssue[],
  ) {
    super(message);
  }

  get status(): number {
    return API_ERROR_STATUS[this.kind];
  }
}
