/**
 * Writes that survive a crash. Small metadata files (checkpoints, topic metadata, index
 * files) are replaced atomically: write a temporary file, fsync it, rename it over the old
 * one, fsync the directory so the rename itself survives a power cut; a reader after any
 * crash sees the old file or the new one, whole.
 */
import { closeSync, fdatasync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** writeSync may write less than asked; loop until all of it is in the file. */
export function writeFully(fd: number, buf: Buffer, position: number): void {
  let done = 0;
  while (done < buf.length) done += writeSync(fd, buf, done, buf.length - done, position + done);
}

/** Creates or replaces `path` with `data`, fsynced (not atomic: for files rebuilt if torn). */
export function writeFileSynced(path: string, data: Buffer): void {
  const fd = openSync(path, 'w');
  try {
    writeFully(fd, data, 0);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function writeFileAtomic(path: string, data: string | Buffer): void {
  const tmp = `${path}.tmp`;
  writeFileSynced(tmp, typeof data === 'string' ? Buffer.from(data) : data);
  renameSync(tmp, path);
  fsyncDirectory(dirname(path));
}

/** Makes creations, renames and deletions of entries in `dir` durable (Linux: fsync on a directory fd). */
export function fsyncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** fdatasync on the libuv thread pool: the event loop keeps serving while the disk syncs. */
export function fdatasyncAsync(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fdatasync(fd, (err) => (err ? reject(err) : resolve())));
}

/** Runs `sync` on a descriptor of the directory (to make a new entry in it durable). */
export async function syncDirectoryWith(dir: string, sync: (fd: number) => Promise<void>): Promise<void> {
  const fd = openSync(dir, 'r');
  try {
    await sync(fd);
  } finally {
    closeSync(fd);
  }
}
