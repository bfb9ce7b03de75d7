import { ConnectorError, type SourceCursor } from '@tributary/connectors';
import type { FileEntry } from './file-folder';

/**
 * How far a read got in one file, kept in the cursor's `state` under the file's name (as
 * JSON text, since the state is a map of strings): the file's identity when it was read
 * (size and modification time) and the rows taken from it. A file whose identity changed is
 * read again from its start: it is another file now.
 */
export interface FileProgress {
  readonly size: number;
  readonly mtimeMs: number;
  readonly rows: number;
  readonly done: boolean;
}

export function progressText(progress: FileProgress): string {
  return JSON.stringify(progress);
}

/** Each file's progress from a cursor; refused whole if a value is not one this source wrote. */
export function progressOf(cursor: SourceCursor): Map<string, FileProgress> {
  const progress = new Map<string, FileProgress>();
  for (const [name, text] of Object.entries(cursor.state)) {
    let value: Partial<FileProgress> | undefined;
    try {
      value = JSON.parse(text) as Partial<FileProgress>;
    } catch {
      value = undefined;
    }
    const valid = value && [value.size, value.mtimeMs, value.rows].every((n) => typeof n === 'number' && n >= 0) && typeof value.done === 'boolean';
    if (!valid) throw new ConnectorError('config', `the cursor's entry for '${name}' is not a file position this source wrote`);
    progress.set(name, value as FileProgress);
  }
  return progress;
}

/** Rows of `file` already read (skip them), or 'done' when all are. */
export function rowsAlreadyRead(file: FileEntry, progress: FileProgress | undefined): number | 'done' {
  if (!progress || progress.size !== file.size || progress.mtimeMs !== file.mtimeMs) return 0;
  return progress.done ? 'done' : progress.rows;
}
