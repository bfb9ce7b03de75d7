import { OffsetIndex } from './offset-index';
import type { GroupOffsets, OffsetCommitRecord, OffsetStore } from './offset-store';

/** Offsets kept in memory only: for tests, and for brokers started without a data folder. */
export class MemoryOffsetStore implements OffsetStore {
  private readonly index = new OffsetIndex();
  private closed = false;

  async commit(records: readonly OffsetCommitRecord[]): Promise<void> {
    if (this.closed) throw new Error('offset store is closed');
    for (const record of records) this.index.apply(record);
  }

  offsets(groupId: string): GroupOffsets {
    return this.index.offsets(groupId);
  }

  groupIds(): string[] {
    return this.index.groupIds();
  }

  async deleteGroup(groupId: string): Promise<void> {
    if (this.closed) throw new Error('offset store is closed');
    this.index.deleteGroup(groupId);
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
