import { platformType, type ConfluentAvroCodec, type RunEvent } from '@tributary/avro';
import { INTERNAL_TOPICS } from '@tributary/pipeline-spec';
import { runQualityFromWire } from '@tributary/quality';
import type { KafkaMessage } from 'kafkajs';
import type { Logger } from 'pino';
import type { RunEventApplier } from './run-event-applier';

/**
 * Handles one `_tributary.runs` message: decodes the RunEvent (through the registry, read with
 * our schemas/run-event.avsc) and applies it. A message that is not a RunEvent is logged and
 * passed over (it would never decode on a retry either); a database failure throws, so the
 * message is delivered again.
 */
/** Tenant and pipeline names as libs/pipeline-spec allows them. */
const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

export function runEventHandler(codec: ConfluentAvroCodec, applier: RunEventApplier, logger: Logger) {
  const reader = platformType('run-event');
  return async (message: KafkaMessage, topic: string, partition: number): Promise<void> => {
    if (!message.value) return;
    let event: RunEvent;
    try {
      event = await codec.decodeWith<RunEvent>(message.value, reader);
    } catch (err) {
      logger.warn({ topic, partition, offset: message.offset, err: (err as Error).message }, 'passed over a message that is not a RunEvent');
      return;
    }
    if (!NAME.test(event.tenant) || !NAME.test(event.pipeline)) {
      logger.warn({ topic, partition, offset: message.offset }, 'passed over a run event whose tenant or pipeline is not a valid name');
      return;
    }
    // PostgreSQL text cannot hold NUL; a runner's error message must not block the partition.
    if (event.error !== null) event.error = event.error.replace(/\u0000/g, '\uFFFD');
    const negative = event.counts.find((c) => c.recordsIn < 0 || c.recordsOut < 0 || c.errors < 0 || c.filtered < 0);
    if (negative) {
      // A count cannot be negative (the table refuses it): applying it would fail at every redelivery.
      logger.warn({ topic, partition, offset: message.offset, run: event.runId, reporter: event.reporter, stage: negative.stage }, 'passed over a run event with a negative count');
      return;
    }
    if (event.quality) {
      try {
        runQualityFromWire(event.quality);
      } catch (err) {
        // Its counts still count; figures that cannot be a run's must not spoil the run's report.
        logger.warn({ topic, partition, offset: message.offset, run: event.runId, reporter: event.reporter, err: (err as Error).message }, 'passed over data-quality figures that cannot be a run\'s');
        event.quality = null;
      }
    }
    const outcome = await applier.apply(event);
    if (outcome === 'unknown-run') {
      logger.warn({ topic, partition, offset: message.offset, tenant: event.tenant, pipeline: event.pipeline, run: event.runId }, 'passed over a run event of no known pipeline or run');
    }
  };
}

/**
 * `_tributary.runs`, once it exists: the admin connection is made once the internal topics are
 * (platform-stream.ts), so on a new cluster the reader does not subscribe before the topic is
 * there, fail, and warn about it.
 */
export function runEventTopics(admin: () => Promise<unknown>): () => Promise<string[]> {
  return async () => {
    await admin();
    return [INTERNAL_TOPICS.runs];
  };
}
