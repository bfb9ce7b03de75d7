import { Misfit } from './misfit';
import type { InvalidReason, InvalidRow, SourceRecord } from './source-batch';

/** How one column of a row becomes one field of a record. */
export interface ColumnConversion {
  /** The column's name in the source, for the raw text of an invalid row. */
  readonly source: string;
  /** The record's field name (valid Avro). */
  readonly field: string;
  /** A non-null value to the field's value, or a Misfit; never throws. Nulls stay null. */
  readonly convert: (value: unknown) => unknown;
}

/**
 * A row of values (in `columns` order) as a record, or as an invalid row listing every field
 * that did not fit (all at once, so one fix suffices). `key` is the row's key text when known.
 */
export function convertRow(
  values: readonly unknown[],
  columns: readonly ColumnConversion[],
  position: string,
  key: string | null,
): SourceRecord | InvalidRow {
  const value: Record<string, unknown> = {};
  let reasons: InvalidReason[] | undefined;
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i];
    const raw = values[i];
    const converted = raw === null || raw === undefined ? null : column.convert(raw);
    if (converted instanceof Misfit) {
      (reasons ??= []).push({ code: converted.code, message: `${column.field}: ${converted.message}`, field: column.field });
    } else {
      value[column.field] = converted;
    }
  }
  if (!reasons) return { value, position };
  const rawRow = Object.fromEntries(columns.map((column, i) => [column.source, values[i] ?? null]));
  return { position, key, reasons, raw: rowAsJson(rawRow) };
}

export function isInvalidRow(row: SourceRecord | InvalidRow): row is InvalidRow {
  return 'reasons' in row;
}

/** JSON text of a row as read; bytes as '\x' hex (as Postgres prints them), dates as ISO text. */
export function rowAsJson(row: Record<string, unknown>): string {
  return JSON.stringify(row, function (this: Record<string, unknown>, key, value: unknown) {
    const original = key === '' ? value : this[key];
    return Buffer.isBuffer(original) ? `\\x${original.toString('hex')}` : value;
  });
}
