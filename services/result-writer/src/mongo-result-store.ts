import type { SinkRecord, SinkWriter } from '@tributary/sink-mongodb';
import { StoreUnavailableError, type ResultStore, type ResultToStore } from './result-store';

/**
 * Results into a MongoDB collection through connectors/sink-mongodb: one document per
 * (tenant, pipeline, order key), the TaxResult's fields at the top level with its timestamps as
 * BSON dates (so they sort and range-query as dates), decimals as exact text. The order's
 * updatedAt is the version, the results topic's partition and offset break ties.
 */
export class MongoResultStore implements ResultStore {
  constructor(
    readonly name: string,
    private readonly writer: SinkWriter,
  ) {}

  async write(tenant: string, pipeline: string, batch: readonly ResultToStore[]): Promise<Map<number, string>> {
    const rejected = new Map<number, string>();
    const records: SinkRecord[] = [];
    const indices: number[] = [];
    batch.forEach((entry, index) => {
      if (entry.result === null) return;
      const version = new Date(entry.result.orderUpdatedAt);
      if (Number.isNaN(version.getTime()) || !entry.result.orderId) {
        rejected.set(index, 'the result has no orderId or no valid orderUpdatedAt to order its versions by');
        return;
      }
      indices.push(index);
      records.push({
        tenant,
        pipeline,
        key: entry.result.orderId,
        version,
        position: { topic: entry.topic, partition: entry.partition, offset: entry.offset },
        document: { ...entry.result, orderUpdatedAt: version, calculatedAt: new Date(entry.result.calculatedAt), sourceOffset: entry.sourceOffset ?? null },
      });
    });
    if (records.length === 0) return rejected;
    let outcome;
    try {
      outcome = await this.writer.write(records);
    } catch (error) {
      // Even a non-retriable failure (refused credentials) waits rather than drops: the results
      // stay in Kafka until an operator fixes the store, and the log says why.
      throw new StoreUnavailableError(this.name, error);
    }
    for (const { index, reason } of outcome.rejected) rejected.set(indices[index], reason);
    return rejected;
  }
}
