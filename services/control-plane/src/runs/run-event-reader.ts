import { platformType, type ConfluentAvroCodec, type RunEvent } from '@tributary/avro';
import { INTERNAL_TOPICS } from '@tributary/pipeline-spec';
import type { KafkaMessage } from 'kafkajs';
import type { Logger } from 'pino';
import type { RunEventApplier } from './run-event-applier';

/**
 * Handles one `_tributary.runs` message: decodes the RunEvent (through the registry, read with
 * our schemas/run-event.avsc) and applies it. A message that is not a RunEvent is logged and
 * passed over (it would never decode on a retry either); a database failure throws, so the
 * message is delivered again.
 */
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
    const outcome = await applier.apply(event);
    if (outcome === 'unknown-run') {
      logger.warn({ topic, partition, offset: message.offset, tenant: event.tenant, pipeline: event.pipeline, run: event.runId }, 'passed over a run event of no known pipeline or run');
    }
  };
}

export const RUN_EVENT_TOPICS = async (): Promise<string[]> => [INTERNAL_TOPICS.runs];
