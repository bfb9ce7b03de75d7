import { mkdir, open, readFile, rename, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { decodeOffsetLog, encodeOffsetLogEntry, type OffsetLogEntry } from './offset-log-record';
import { OffsetIndex } from './offset-index';
import type { GroupOffsets, OffsetCommitRecord, OffsetStore } from './offset-store';

export interface FileOffsetStoreOptions {
  /**
   * Compact on open once the log is at least this many bytes and at least half of it is
   * superseded records. Default 1 MiB.
   */
  readonly compactAtBytes?: number;
}

interface QueuedWrite {
  readonly bytes: Buffer;
  readonly apply: () => void;
  readonly resolve: () => void;
  readonly reject: (err: Error) => void;
}

/**
 * Committed offsets in one append-only file (framing in offset-log-record.ts). Every write is
 * fdatasync'ed before its promise resolves, and writes that arrive while a sync is under way
 * share the next one (group commit), so a burst of commits costs one sync, not one each.
 * On open the log is replayed into memory, a torn tail is cut off, and a log that has grown
 * mostly stale is rewritten with only the latest offsets (atomically, through a rename).
 */
export class FileOffsetStore implements OffsetStore {
  private queue: QueuedWrite[] = [];
  private writing: Promise<void> | null = null;
  private failure: Error | null = null;
  private closed = false;

  private constructor(
    private readonly file: FileHandle,
    private readonly index: OffsetIndex,
  ) {}

  static async open(path: string, options: FileOffsetStoreOptions = {}): Promise<FileOffsetStore> {
    const compactAtBytes = options.compactAtBytes ?? 1024 * 1024;
    await mkdir(dirname(path), { recursive: true });
    const existing = await readFile(path).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return null;
      throw err;
    });
    const index = new OffsetIndex();
    if (existing) {
      const { entries, validLength } = decodeOffsetLog(existing);
      for (const entry of entries) applyEntry(index, entry);
      const live = Buffer.concat([...index.records()].map((record) => encodeOffsetLogEntry({ kind: 'commit', record })));
      if (existing.length >= compactAtBytes && live.length * 2 <= existing.length) {
        await replaceFile(path, live);
      } else if (validLength < existing.length) {
        // Appending after a torn record would hide everything appended from the next load.
        await truncateFile(path, validLength);
      }
    }
    const file = await open(path, 'a');
    // A new file's directory entry must be durable too, or a crash could lose the whole file.
    if (!existing) await syncDirectory(dirname(path));
    return new FileOffsetStore(file, index);
  }

  commit(records: readonly OffsetCommitRecord[]): Promise<void> {
    if (records.length === 0) return Promise.resolve();
    const bytes = Buffer.concat(records.map((record) => encodeOffsetLogEntry({ kind: 'commit', record })));
    return this.append(bytes, () => records.forEach((record) => this.index.apply(record)));
  }

  offsets(groupId: string): GroupOffsets {
    return this.index.offsets(groupId);
  }

  groupIds(): string[] {
    return this.index.groupIds();
  }

  deleteGroup(groupId: string): Promise<void> {
    // Written even when the group has no offsets yet: a commit queued before it must not survive it.
    return this.append(encodeOffsetLogEntry({ kind: 'deleteGroup', groupId }), () => this.index.deleteGroup(groupId));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.writing;
    await this.file.close();
  }

  private append(bytes: Buffer, apply: () => void): Promise<void> {
    if (this.closed) return Promise.reject(new Error('offset store is closed'));
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ bytes, apply, resolve, reject });
      this.writing ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue;
      this.queue = [];
      try {
        await writeFully(this.file, Buffer.concat(batch.map((w) => w.bytes)));
        await this.file.datasync();
      } catch (err) {
        // After a failed write or sync the file's state is unknown (a sync error may have
        // dropped dirty pages), so refuse every later write; reopening recovers the log.
        this.failure = err instanceof Error ? err : new Error(String(err));
        for (const w of [...batch, ...this.queue]) w.reject(this.failure);
        this.queue = [];
        break;
      }
      for (const w of batch) {
        w.apply();
        w.resolve();
      }
    }
    this.writing = null;
  }
}

function applyEntry(index: OffsetIndex, entry: OffsetLogEntry): void {
  if (entry.kind === 'commit') index.apply(entry.record);
  else index.deleteGroup(entry.groupId);
}

async function writeFully(file: FileHandle, bytes: Buffer): Promise<void> {
  let written = 0;
  while (written < bytes.length) {
    const { bytesWritten } = await file.write(bytes, written, bytes.length - written);
    written += bytesWritten;
  }
}

async function replaceFile(path: string, contents: Buffer): Promise<void> {
  const temporary = `${path}.compacting`;
  const file = await open(temporary, 'w');
  try {
    await writeFully(file, contents);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temporary, path);
  await syncDirectory(dirname(path));
}

async function truncateFile(path: string, length: number): Promise<void> {
  const file = await open(path, 'r+');
  try {
    await file.truncate(length);
    await file.sync();
  } finally {
    await file.close();
  }
}

async function syncDirectory(path: string): Promise<void> {
  const dir = await open(path, 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}
