/**
 * A step config that passed its schema but cannot be compiled: a malformed path or
 * expression, an unknown reference dataset, a bad date format. `path` locates the fault
 * inside the step's config (['total'] for `set: { total: ... }`); `position` is the 0-based
 * offset inside the string found there, when the fault is in an expression or path.
 */
export class StepConfigError extends Error {
  constructor(
    message: string,
    readonly path: readonly (string | number)[] = [],
    readonly position?: number,
  ) {
    super(message);
    this.name = 'StepConfigError';
  }
}
