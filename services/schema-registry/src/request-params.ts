import { registryErrors } from './registry-errors';

/**
 * A version path parameter as Confluent's VersionId reads it: "latest" (any case) or -1 for the
 * latest, else a whole number from 1 to 2^31-1; anything else is 42202. Returns -1 for latest.
 */
export function parseVersion(text: string): number {
  const trimmed = text.trim();
  if (trimmed.toLowerCase() === 'latest') return -1;
  const n = /^[+-]?\d{1,10}$/.test(trimmed) ? Number(trimmed) : NaN;
  if (n === -1 || (n >= 1 && n <= 2 ** 31 - 1)) return n;
  throw registryErrors.invalidVersion(text);
}

/** A boolean query parameter as JAX-RS reads one: "true" in any case is true, anything else false. */
export function flag(value: unknown): boolean {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.toLowerCase() === 'true';
}

/** Subject names as Confluent accepts them: no control characters, not its reserved context names. */
export function checkSubject(subject: string): void {
  if (/[\u0000-\u001f\u007f-\u009f]/.test(subject) || subject === '' || subject === '__GLOBAL' || subject === '__EMPTY') {
    throw registryErrors.invalidSubject(subject);
  }
}
