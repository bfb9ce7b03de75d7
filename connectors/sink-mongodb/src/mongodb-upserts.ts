import { Long, type AnyBulkWriteOperation, type Document } from 'mongodb';
import type { SinkRecord } from './sink-connector';

/** Where the sink keeps what it needs to order writes, apart from the record's own fields. */
export const META = '_tributary';

/**
 * The upsert of one record: `updateOne` by (tenant, pipeline, key) whose filter also says "and
 * what is stored is not newer", with `upsert: true`. When a newer version is stored, the filter
 * matches nothing and the upsert tries to insert a second document for the key, which the
 * unique index on (tenant, pipeline, key) refuses with E11000: MongoDB's documented way to make
 * a conditional upsert, and the sink's signal that the record is older than what is there.
 *
 * "Not newer": an older version; or the same version read from the same partition at the same or
 * an earlier offset (the same record again rewrites, a replay of earlier offsets does not roll a
 * recalculation back); or the same version from another partition (the topic was repartitioned,
 * so offsets do not compare: the later write wins, as in the PostgreSQL results store).
 */
export function upsertOf(record: SinkRecord, writtenAt: Date): AnyBulkWriteOperation<Document> {
  const { tenant, pipeline, key, version, position } = record;
  const offset = Long.fromString(position.offset);
  const notNewer = [
    { [`${META}.version`]: { $lt: version } },
    { [`${META}.version`]: version, [`${META}.partition`]: position.partition, [`${META}.offset`]: { $lte: offset } },
    { [`${META}.version`]: version, [`${META}.partition`]: { $ne: position.partition } },
  ];
  return {
    updateOne: {
      filter: { tenant, pipeline, key, $or: notNewer },
      update: {
        $set: {
          ...record.document,
          tenant,
          pipeline,
          key,
          [META]: { version, topic: position.topic, partition: position.partition, offset, updatedAt: writtenAt },
        },
      },
      upsert: true,
    },
  };
}

/**
 * One record per key: the newest version, and of equal versions the later offset (the later in
 * the batch when partitions differ). The others are older by construction and are counted as
 * skipped without a round trip. Returns the kept records with their indices in the batch.
 */
export function newestPerKey(batch: readonly SinkRecord[]): { kept: { record: SinkRecord; index: number }[]; dropped: number } {
  const byKey = new Map<string, { record: SinkRecord; index: number }>();
  batch.forEach((record, index) => {
    const id = JSON.stringify([record.tenant, record.pipeline, record.key]);
    const kept = byKey.get(id);
    if (!kept || !isNewer(kept.record, record)) byKey.set(id, { record, index });
  });
  return { kept: [...byKey.values()], dropped: batch.length - byKey.size };
}

/** Whether `a` is strictly newer than `b` by the rule upsertOf's filter applies. */
function isNewer(a: SinkRecord, b: SinkRecord): boolean {
  if (a.version.getTime() !== b.version.getTime()) return a.version.getTime() > b.version.getTime();
  if (a.position.partition !== b.position.partition) return false;
  return BigInt(a.position.offset) > BigInt(b.position.offset);
}

/** The indexes created at connect: the upsert key (unique) and a feed in write order per pipeline. */
export const SINK_INDEXES = [
  { key: { tenant: 1, pipeline: 1, key: 1 }, name: 'tributary_key', unique: true },
  { key: { tenant: 1, pipeline: 1, [`${META}.updatedAt`]: 1 }, name: 'tributary_updated_at' },
] as const;
