import { readPlatformSchema, type TaxOrder } from '@tributary/avro';
import { PAUSE_PARTITION, RecordRejection, retryDelayMs, retryLater, type RecordHandler, type RetrySchedule, type StreamProducer } from '@tributary/stream';
import { TaxApiFailure, type TaxmanClient } from '@tributary/tax-api';

export interface TaxOrderHandlerOptions {
  readonly client: Pick<TaxmanClient, 'calculate'>;
  readonly producer: StreamProducer;
  /** `<p>.results`. */
  readonly resultsTopic: string;
  readonly schedule: RetrySchedule;
  /** A transient failure is being retried (not yet out of attempts). */
  readonly onRetry?: (reason: string) => void;
  /** A record was handed back because the circuit is open: its partition pauses. */
  readonly onCircuitPause?: () => void;
  readonly onPublished?: () => void;
}

const TAX_RESULT_SCHEMA = readPlatformSchema('tax-result');

/**
 * What the tax sink does with one order of `<p>.valid` or `<p>.retry`: ask TAXMAN, publish the
 * TaxResult to `<p>.results` under the record's key with its context headers (tenant, pipeline,
 * run, source offset, traceparent), and decide what a failure means:
 * - circuit open: no call was made; the partition pauses and this record comes again once the
 *   circuit lets calls through (PAUSE_PARTITION), without spending one of its attempts;
 * - transient (timeout, connection, 5xx, 429, a garbled answer): `<p>.retry`, due after the
 *   schedule's backoff with jitter or TAXMAN's Retry-After, whichever is longer; the runner
 *   sends it to `<p>.errors` once its attempts are spent;
 * - permanent (4xx): `<p>.errors` now, with TAXMAN's status, answer and problems as reasons.
 * A result that cannot be published is retried the same way: the call is repeated, and the
 * idempotency key makes TAXMAN answer with the calculation it already made.
 */
export function taxOrderHandler(options: TaxOrderHandlerOptions): RecordHandler<TaxOrder> {
  const { client, producer, resultsTopic, schedule } = options;
  return async (record) => {
    // A tombstone on <p>.valid says nothing to tax; the store sinks delete by key from <p>.results' own tombstones.
    if (record.value === null) return;
    let result;
    try {
      result = await client.calculate(record.value, record.attempt);
    } catch (error) {
      if (!(error instanceof TaxApiFailure)) throw error;
      if (error.code === 'CIRCUIT_OPEN') {
        options.onCircuitPause?.();
        return PAUSE_PARTITION;
      }
      if (!error.transient) throw new RecordRejection(error.reasons(), { cause: error });
      if (record.attempt < schedule.maxAttempts) options.onRetry?.(error.code);
      return retryLater(error.reasons(), Math.max(retryDelayMs(record.attempt, schedule), error.details.retryAfterMs ?? 0));
    }
    // A pipeline's steps cannot know which run read an order, so TaxOrder.runId is mostly null:
    // the run is the one in the record's headers, where the connector runner put it. Without it
    // results could not be found by run.
    if (result.runId === null && record.context.runId !== undefined) result = { ...result, runId: record.context.runId };
    try {
      await producer.publish(resultsTopic, [{ key: record.keyBytes, value: result, context: record.context }], { schema: TAX_RESULT_SCHEMA });
    } catch (error) {
      if (record.attempt < schedule.maxAttempts) options.onRetry?.('RESULT_NOT_PUBLISHED');
      const reason = { code: 'RESULT_NOT_PUBLISHED', message: `the result could not be written to ${resultsTopic}: ${(error as Error).message}` };
      return retryLater(reason, retryDelayMs(record.attempt, schedule));
    }
    options.onPublished?.();
  };
}
