import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { ConnectorError } from '@tributary/connectors';
import type { FileConfig } from './file-config';

export type FileFormat = 'csv' | 'json' | 'ndjson';

/** A file to read, as listed at the start of a read: its identity is its size and modification time. */
export interface FileEntry {
  /** Path relative to the configured path, '/'-separated: the name in cursors and positions. */
  readonly name: string;
  readonly path: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly format: FileFormat;
}

const EXTENSIONS: Record<string, FileFormat> = { '.csv': 'csv', '.json': 'json', '.ndjson': 'ndjson', '.jsonl': 'ndjson' };

/**
 * The files of the configured path in name order: a folder's files (hidden ones skipped, only
 * the extensions of the format), or the one file it names. With a `fileRoot`, the path is
 * resolved inside it and neither it nor any file (symlinks followed) may lead outside.
 */
export async function listFiles(config: FileConfig, fileRoot?: string): Promise<FileEntry[]> {
  const root = fileRoot === undefined ? undefined : await real(fileRoot, fileRoot);
  if (root !== undefined && isAbsolute(config.path)) throw new ConnectorError('denied', `path '${config.path}' must be relative to the source's file area`);
  const target = await real(root === undefined ? resolve(config.path) : resolve(root, config.path), config.path);
  confine(target, root, config.path);
  const info = await stat(target);
  if (info.isFile()) {
    const format = formatOf(target, config);
    if (!format) throw new ConnectorError('config', `'${config.path}' is not a ${config.format === 'auto' ? 'CSV, JSON or NDJSON' : config.format} file by its extension`);
    return [{ name: basename(target), path: target, size: info.size, mtimeMs: info.mtimeMs, format }];
  }
  const files: FileEntry[] = [];
  await collect(target, target, config, root, files);
  return files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

async function collect(folder: string, top: string, config: FileConfig, root: string | undefined, out: FileEntry[]): Promise<void> {
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    const path = join(folder, entry.name);
    const format = formatOf(entry.name, config);
    if (!entry.isDirectory() && !format) continue;
    const target = await real(path, path);
    confine(target, root, path);
    const info = await stat(target);
    if (info.isDirectory()) {
      if (config.recursive) await collect(path, top, config, root, out);
    } else if (info.isFile() && format) {
      out.push({ name: relative(top, path).split(sep).join('/'), path: target, size: info.size, mtimeMs: info.mtimeMs, format });
    }
  }
}

function formatOf(name: string, config: FileConfig): FileFormat | undefined {
  const dot = name.lastIndexOf('.');
  const format = dot < 0 ? undefined : EXTENSIONS[name.slice(dot).toLowerCase()];
  return config.format === 'auto' || config.format === format ? format : undefined;
}

function confine(target: string, root: string | undefined, shown: string): void {
  if (root !== undefined && target !== root && !target.startsWith(root + sep)) {
    throw new ConnectorError('denied', `'${shown}' leads outside the source's file area`);
  }
}

async function real(path: string, shown: string): Promise<string> {
  try {
    return await realpath(path);
  } catch (error) {
    throw fileError(error, shown);
  }
}

/** A ConnectorError for a file system error, naming the path as configured. */
export function fileError(error: unknown, shown: string): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return new ConnectorError('not-found', `'${shown}' does not exist`, { cause: error });
  if (code === 'EACCES' || code === 'EPERM') return new ConnectorError('denied', `'${shown}' may not be read (${code})`, { cause: error });
  return new ConnectorError('source-error', `'${shown}': ${(error as Error).message}`, { cause: error });
}
