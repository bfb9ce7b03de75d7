import type { InvalidReason } from '@tributary/connectors';
import type { FileConfig } from './file-config';
import type { FileEntry } from './file-folder';
import { CsvRowSplitter } from './csv-row-splitter';
import { NotTextError } from './file-text';
import { JsonArrayRowSplitter } from './json-array-row-splitter';
import { NdjsonRowSplitter } from './ndjson-row-splitter';
import type { RowSplitter, TextRow } from './text-row';

/** A row of a file: an object of its fields, or the reasons it is not one. */
export interface FileRow {
  readonly line: number;
  readonly raw: string;
  readonly object?: Record<string, unknown>;
  readonly reasons?: InvalidReason[];
}

/**
 * The rows of one file, in order, streamed: a chunk is read only when the rows before it were
 * taken. A byte order mark is dropped. Every row counts, valid or not (resuming skips by
 * count); a CSV header row does not, and a malformed header is one invalid row that ends the
 * file, since the rows after it could not be named.
 */
export async function* fileRows(file: Pick<FileEntry, 'format' | 'name'>, config: FileConfig, text: AsyncIterable<string>): AsyncGenerator<FileRow> {
  const csv = file.format === 'csv';
  const max = config.maxRowBytes;
  const splitter: RowSplitter<string[] | string> = csv
    ? new CsvRowSplitter({ delimiter: config.csv.delimiter, quote: config.csv.quote, maxRowChars: max })
    : file.format === 'json' ? new JsonArrayRowSplitter(max) : new NdjsonRowSplitter(max);
  let header = config.csv.header ? undefined : config.csv.columns;
  let first = true;
  let lastLine = 0;
  const nulls = new Set(config.csv.nullValues);
  try {
    for await (const chunk of withEnd(text)) {
      let piece = chunk ?? '';
      if (first && piece.charCodeAt(0) === 0xfeff) piece = piece.slice(1);
      first = false;
      for (const row of chunk === undefined ? splitter.end() : splitter.push(piece)) {
        lastLine = row.line;
        if (row.problem) {
          yield { line: row.line, raw: row.raw, reasons: [header || !csv ? row.problem : { ...row.problem, message: `the header row: ${row.problem.message}` }] };
          if (csv && !header) return;
        } else if (!csv) yield jsonRow(row as TextRow<string>);
        else if (!header) header = uniqueNames(row.value as string[]);
        else yield csvRow(row as TextRow<string[]>, header, nulls);
      }
    }
  } catch (error) {
    if (!(error instanceof NotTextError)) throw error;
    // The rows before the bad bytes were read; the rest of the file is one invalid row.
    const line = lastLine + 1;
    const message = `line ${line}: not UTF-8 text (${error.message}); for Latin-1 or Windows exports set the source's encoding: windows-1252; the rest of the file is not read`;
    yield { line, raw: '', reasons: [{ code: 'NOT_TEXT', message, field: null, line }] };
  }
}

/** The column names of a CSV file's header row (made unique), or undefined if it has none that parses. */
export async function csvHeader(config: FileConfig, text: AsyncIterable<string>): Promise<string[] | undefined> {
  const splitter = new CsvRowSplitter({ delimiter: config.csv.delimiter, quote: config.csv.quote, maxRowChars: config.maxRowBytes });
  let first = true;
  try {
    for await (const chunk of withEnd(text)) {
      const piece = first && chunk?.charCodeAt(0) === 0xfeff ? chunk.slice(1) : chunk;
      first = false;
      const [row] = piece === undefined ? splitter.end() : splitter.push(piece);
      if (row) return row.value && uniqueNames(row.value);
    }
  } catch (error) {
    // A file that is not text names no columns; reading it reports why.
    if (error instanceof NotTextError) return undefined;
    throw error;
  }
  return undefined;
}

/** The chunks, then `undefined` for the end. */
async function* withEnd(text: AsyncIterable<string>): AsyncGenerator<string | undefined> {
  yield* text;
  yield undefined;
}

function csvRow(row: TextRow<string[]>, header: readonly string[], nulls: ReadonlySet<string>): FileRow {
  const fields = row.value!;
  if (fields.length !== header.length) {
    const missing = header.slice(fields.length);
    const message = `line ${row.line}: ${fields.length} field${fields.length === 1 ? '' : 's'}, the header has ${header.length}${missing.length ? `; missing ${missing.join(', ')}` : ''}`;
    return { line: row.line, raw: row.raw, reasons: [{ code: 'FIELD_COUNT', message, field: missing[0] ?? null, line: row.line }] };
  }
  const object: Record<string, unknown> = {};
  for (let i = 0; i < header.length; i++) object[header[i]] = nulls.has(fields[i]) ? null : fields[i];
  return { line: row.line, raw: row.raw, object };
}

function jsonRow(row: TextRow<string>): FileRow {
  let value: unknown;
  try {
    value = JSON.parse(row.value!);
  } catch (error) {
    const { line, column } = errorAt(row, (error as Error).message);
    // V8 says either '... in JSON at position N' or 'Unexpected token X, "<the text>" is not valid JSON'.
    const reason = (error as Error).message.replace(/ in JSON at position \d+.*$/s, '').replace(/, ".*" is not valid JSON$/s, '');
    const message = `line ${line}${column ? `, column ${column}` : ''}: ${reason}`;
    return { line: row.line, raw: row.raw, reasons: [{ code: 'MALFORMED_ROW', message, field: null, line, ...(column ? { column } : {}) }] };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const got = Array.isArray(value) ? 'a list' : JSON.stringify(value);
    return { line: row.line, raw: row.raw, reasons: [{ code: 'NOT_AN_OBJECT', message: `line ${row.line}: a row must be an object, got ${got}`, field: null, line: row.line }] };
  }
  return { line: row.line, raw: row.raw, object: value as Record<string, unknown> };
}

/** Where in the file JSON.parse's "at position N" falls; the row's start when it names no position. */
function errorAt(row: TextRow<string>, message: string): { line: number; column?: number } {
  const match = / at position (\d+)/.exec(message);
  if (!match) return { line: row.line };
  const before = row.value!.slice(0, Number(match[1]));
  const newlines = before.split('\n').length - 1;
  const column = newlines === 0 ? (row.column ?? 1) + before.length : before.length - before.lastIndexOf('\n');
  return { line: row.line + newlines, column };
}

/** Header names made unique ('id', 'id' -> 'id', 'id_2'), so a row can hold every column. */
function uniqueNames(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.map((name) => {
    let unique = name === '' ? 'column' : name;
    for (let n = 2; seen.has(unique); n++) unique = `${name || 'column'}_${n}`;
    seen.add(unique);
    return unique;
  });
}
