import type { InvalidReason } from '@tributary/connectors';

/**
 * One row cut from a text file by a splitter: its values (CSV fields, or a JSON row's text),
 * the line it starts on, its raw text, and what was wrong with it if anything was.
 */
export interface TextRow<T> {
  readonly value: T | undefined;
  readonly line: number;
  /** 1-based column the row starts at, when not the first (a JSON array's elements). */
  readonly column?: number;
  readonly raw: string;
  readonly problem?: InvalidReason;
}

/** Pushes text in chunks, gets back the rows completed so far; `end()` flushes the last one. */
export interface RowSplitter<T> {
  push(chunk: string): TextRow<T>[];
  end(): TextRow<T>[];
}

/** Raw text kept in an invalid row, cut short: a runaway row is reported, not copied whole. */
export const RAW_LIMIT = 4096;

export function clipRaw(raw: string): string {
  return raw.length > RAW_LIMIT ? `${raw.slice(0, RAW_LIMIT)}...` : raw;
}
