import type { Reason } from '../types';

/** A reason from a step; compileTransform fills in `index` (the step's position in the list). */
export function reason(step: string, message: string, field?: string): Reason {
  return field === undefined ? { step, index: -1, message } : { step, index: -1, field, message };
}
