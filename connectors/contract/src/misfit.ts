import type { InvalidRowCode } from './source-batch';

/**
 * A value that does not fit its field, returned (never thrown) by a field conversion, so a
 * converter costs nothing on the good path and a bad value becomes an InvalidReason.
 */
export class Misfit {
  constructor(
    readonly code: Extract<InvalidRowCode, 'TYPE_MISMATCH' | 'OUT_OF_RANGE'>,
    readonly message: string,
  ) {}
}

/** JSON-ish text of a value for messages, cut short so one huge value cannot flood a reason. */
export function describeValue(value: unknown): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : Buffer.isBuffer(value) ? `<${value.length} bytes>` : String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
