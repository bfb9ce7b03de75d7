import { AvroDecodeError, AvroEncodeError, type ErrorReason } from '@tributary/avro';
import type { Reason } from './consumed-record';

/**
 * What a handler throws to fail a record with reasons of its own, several at once (a validator
 * reports every broken rule). Any other error fails the record too, with one reason made from it.
 */
export class RecordRejection extends Error {
  override readonly name = 'RecordRejection';
  readonly reasons: readonly ErrorReason[];

  constructor(reasons: Reason | readonly Reason[], options?: { cause?: unknown }) {
    const list = (Array.isArray(reasons) ? reasons : [reasons]) as readonly Reason[];
    if (list.length === 0) throw new TypeError('a RecordRejection needs at least one reason');
    super(list.map((r) => (r.field ? `${r.field}: ${r.message}` : r.message)).join('; '), options);
    this.reasons = list.map(toErrorReason);
  }
}

export function toErrorReason(reason: Reason): ErrorReason {
  return { code: reason.code, message: reason.message, field: reason.field ?? null };
}

/**
 * The ErrorRecord reasons for an error. Decode failures keep AvroDecodeError's reason as their
 * code (PAYLOAD_MISMATCH, UNKNOWN_SCHEMA_ID...), as schemas/error-record.avsc documents, so an
 * operator can tell a producer bug from a registry problem; other errors are coded by name.
 */
export function reasonsOf(error: unknown): ErrorReason[] {
  if (error instanceof RecordRejection) return [...error.reasons];
  if (error instanceof AvroDecodeError) return [{ code: error.reason, message: error.message, field: null }];
  if (error instanceof AvroEncodeError) return [{ code: error.reason, message: error.message, field: error.path || null }];
  if (error instanceof Error) {
    return [{ code: error.name && error.name !== 'Error' ? error.name : 'HANDLER_ERROR', message: error.message || String(error), field: null }];
  }
  return [{ code: 'HANDLER_ERROR', message: `the handler threw ${describe(error)}`, field: null }];
}

function describe(value: unknown): string {
  try {
    return typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value) ?? value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}
