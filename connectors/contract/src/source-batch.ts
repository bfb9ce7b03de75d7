import type { SourceCursor } from './source-cursor';

/**
 * One record read from a source: `value` fits the stream's Avro schema from `discover()`
 * (decimals as exact text, dates as 'YYYY-MM-DD', timestamps as Date, bytes as Buffer), and
 * `position` says where it came from for a person ('orders.csv:12', 'public.orders id=42'),
 * which the runtime may carry in the `tributary-source-offset` header.
 */
export interface SourceRecord {
  readonly value: Record<string, unknown>;
  readonly position: string;
}

/**
 * Why a row could not become a record. Shaped like an ErrorRecord reason
 * (schemas/error-record.avsc: code, message, field) plus where in a text file it went wrong.
 * The message already names the line and column, so nothing is lost if only it is kept.
 */
export interface InvalidReason {
  readonly code: InvalidRowCode;
  readonly message: string;
  /** The offending field (the record's field name), null when the whole row is at fault. */
  readonly field: string | null;
  /** 1-based line in the file where the problem is, for file sources. */
  readonly line?: number;
  /** 1-based character column in that line, when the problem has one. */
  readonly column?: number;
}

/**
 * The reasons a row is refused, one table for every connector:
 * - MALFORMED_ROW: the text is not a row of its format (a stray quote, broken JSON)
 * - FIELD_COUNT: a CSV row with more or fewer fields than the header
 * - ROW_TOO_LARGE: a row longer than the connector's limit (often an unclosed quote)
 * - NOT_AN_OBJECT: a JSON row that is not an object
 * - UNKNOWN_FIELD: a field the stream's schema does not have
 * - TYPE_MISMATCH: a value of another type than the field's
 * - OUT_OF_RANGE: a value the field's type cannot hold (a bigint past 2^53, 'infinity', year 0)
 * - NOT_TEXT: bytes the file's text encoding does not allow (a binary file, a Latin-1 export read as UTF-8)
 */
export type InvalidRowCode =
  | 'MALFORMED_ROW'
  | 'FIELD_COUNT'
  | 'ROW_TOO_LARGE'
  | 'NOT_AN_OBJECT'
  | 'UNKNOWN_FIELD'
  | 'TYPE_MISMATCH'
  | 'OUT_OF_RANGE'
  | 'NOT_TEXT';

/** A row that could not become a record: it goes to `<p>.errors`, and the read goes on. */
export interface InvalidRow {
  /** Where the row is, as in SourceRecord.position. */
  readonly position: string;
  /** The row's key as text when it is known (the ErrorRecord's recordKey), else null. */
  readonly key: string | null;
  /** Every reason found, at least one. */
  readonly reasons: readonly InvalidReason[];
  /** The row as read: a file row's exact text, a database row as JSON text. */
  readonly raw: string;
}

/**
 * What `read()` yields. `cursor` is the resume point after this batch (its records and its
 * invalid rows both): the runtime commits it only once everything in the batch is
 * acknowledged, so a crash re-reads at most one batch and never skips one. A batch may be
 * empty when only the cursor moved (an empty file finished).
 */
export interface SourceBatch {
  readonly records: readonly SourceRecord[];
  readonly invalid: readonly InvalidRow[];
  readonly cursor: SourceCursor;
}
