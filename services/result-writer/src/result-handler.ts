import type { TaxResult } from '@tributary/avro';
import { PAUSE_PARTITION, RecordRejection, type RecordHandler } from '@tributary/stream';
import type { Logger } from 'pino';
import type { ResultBatcher } from './result-batcher';
import { StoreUnavailableError } from './result-store';
import type { StoreBackoff } from './store-backoff';
import { taxResultDocumentOf } from './tax-result-document';

/**
 * The ConsumerRunner handler of one pipeline's `<p>.results`: each TaxResult into the batcher,
 * done when every store has it. A result a store refuses for good fails its record (it goes to
 * `<p>.errors` with the stores' reasons and the partition moves on); a store that is down pauses
 * the partition and the record is delivered again when the backoff resumes it. Tombstones go
 * through the batcher too: each store decides what one means (see ResultStore).
 */
export function resultHandler(batcher: ResultBatcher, backoff: StoreBackoff, logger: Logger, written: () => void): RecordHandler<TaxResult> {
  return async (record) => {
    const entry = {
      key: record.key,
      result: record.value === null ? null : taxResultDocumentOf(record.value),
      keyBytes: record.keyBytes,
      payload: record.payload,
      headers: record.headers,
      topic: record.topic,
      partition: record.partition,
      offset: record.offset,
      sourceOffset: record.context.sourceOffset,
    };
    let outcome;
    try {
      outcome = await batcher.submit(entry);
    } catch (error) {
      if (!(error instanceof StoreUnavailableError)) throw error;
      const delayMs = backoff.pause(record.topic, record.partition);
      logger.warn({ err: error.message, store: error.store, topic: record.topic, partition: record.partition, offset: record.offset, retryInMs: delayMs }, 'a results store is unavailable; the partition waits');
      return PAUSE_PARTITION;
    }
    backoff.succeeded();
    if (!outcome.stored) throw new RecordRejection(outcome.reasons.map((message) => ({ code: 'STORE_REJECTED', message, field: null })));
    written();
  };
}
