import { AvroDecodeError } from '@tributary/avro';
import type { EachBatchPayload, KafkaMessage } from 'kafkajs';
import type { ConsumedRecord, HandlerOutcome, RecordHandler } from './consumed-record';
import { sendToErrors, type ErrorStage, type ReceivedRecord } from './error-topic';
import type { PartitionGate } from './partition-gate';
import { readDelivery, readRecordHeaders } from './record-headers';
import { reasonsOf, toErrorReason } from './record-rejection';
import { retryDelayMs, type RetrySchedule } from './retry-schedule';
import { sendToRetry } from './retry-topic';
import type { StreamLogger } from './stream-logger';
import type { StreamProducer } from './stream-producer';

export interface BatchProcessorOptions<T> {
  readonly handle: RecordHandler<T>;
  /** Decodes a framed value; an AvroDecodeError fails the record, any other error is a registry outage. */
  readonly decode: (payload: Buffer) => Promise<T>;
  readonly producer: StreamProducer;
  readonly stage: ErrorStage;
  readonly errorTopicOf: (topic: string) => string;
  readonly retryTopicOf: (topic: string) => string;
  readonly retry: RetrySchedule;
  /** How long a partition waits after Kafka or the registry failed before its record is tried again. */
  readonly backoffMs: number;
  readonly gate: PartitionGate;
  readonly logger: StreamLogger;
  /** Records of one partition handled at once (different keys only); default 1. */
  readonly inFlight?: number;
  /** Awaited once the batch's records are settled, before kafkajs commits their offsets. */
  readonly beforeCommit?: () => Promise<void>;
}

/** How often the record loop asks kafkajs whether a heartbeat is due. */
const HEARTBEAT_CHECK_MS = 1000;

/** How a record ended: done (its offset may be committed), or left for redelivery. */
type Settlement = 'done' | 'pause' | 'backoff';

interface Started {
  readonly offset: string;
  done: Promise<Settlement>;
  settlement?: Settlement;
}

/**
 * The eachBatch of a ConsumerRunner: one partition's records in offset order, up to `inFlight`
 * at once but never two of one key (a key's records keep their order). A record's offset is
 * resolved (and so committed) only once it and every record before it are done: handled, sent
 * to `<p>.retry`, or sent to `<p>.errors`. The loop stops at a record boundary when the runner
 * stops, the partition is paused, or a retry record is not due; the records left are not
 * resolved, so kafkajs fetches them again from there. With inFlight above 1, records after one
 * that paused the partition may have been handled already; they come again (at-least-once, and
 * every sink is idempotent by key). Nothing here throws but kafkajs's own
 * heartbeat (a rebalance), which kafkajs handles by rejoining the group.
 */
export function createBatchProcessor<T>(options: BatchProcessorOptions<T>): (payload: EachBatchPayload) => Promise<void> {
  const { gate, logger } = options;

  const inFlight = options.inFlight ?? 1;

  return async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
    const { topic, partition } = batch;
    /** Records started, in offset order; the head is resolved once done. */
    const started: Started[] = [];
    /** The last unfinished record of each key: a key's records are handled one after another. */
    const byKey = new Map<string, Promise<Settlement>>();
    let running = 0;
    let halted = false;
    /** Wakes the loop waiting for a free slot (inFlight records running). */
    let slotFreed: (() => void) | undefined;
    let lastHeartbeat = Date.now();

    /** Resolves the done records at the head; a paused or backed-off one halts the batch there. */
    const settleHead = () => {
      while (!halted && started.length > 0 && started[0].settlement !== undefined) {
        const head = started.shift()!;
        if (head.settlement === 'done') {
          resolveOffset(head.offset);
          continue;
        }
        halted = true;
        if (head.settlement === 'pause') gate.pause([{ topic, partitions: [partition] }]);
        else gate.holdUntil(topic, partition, 'backoff', Date.now() + options.backoffMs);
      }
    };
    /** kafkajs sends a heartbeat only when one is due; asking once a second per record loop is plenty. */
    const heartbeatIfDue = async () => {
      const now = Date.now();
      if (now - lastHeartbeat < HEARTBEAT_CHECK_MS) return;
      lastHeartbeat = now;
      await heartbeat();
    };

    for (const message of batch.messages) {
      if (halted || !isRunning() || isStale()) break;
      if (gate.isHeld(topic, partition)) {
        gate.enforce(topic);
        break;
      }
      const delivery = readDelivery(message.headers);
      if (delivery.retryAt !== undefined && delivery.retryAt > Date.now()) {
        gate.holdUntil(topic, partition, 'due', delivery.retryAt);
        break;
      }
      while (running >= inFlight) await new Promise<void>((resolve) => (slotFreed = resolve));
      const key = message.key ? message.key.toString('latin1') : undefined;
      const before = key === undefined ? undefined : byKey.get(key);
      if (before) await before;
      if (halted) break;
      const received = receivedOf(topic, partition, message);
      const entry = { offset: message.offset } as Started;
      running++;
      entry.done = settle(received, delivery.attempt).then((settlement) => {
        entry.settlement = settlement;
        running--;
        if (key !== undefined && byKey.get(key) === entry.done) byKey.delete(key);
        const wake = slotFreed;
        slotFreed = undefined;
        wake?.();
        return settlement;
      });
      if (key !== undefined) byKey.set(key, entry.done);
      started.push(entry);
      if (inFlight === 1) await entry.done;
      settleHead();
      await heartbeatIfDue();
    }
    await Promise.all(started.map((s) => s.done));
    settleHead();
    if (options.beforeCommit) {
      try {
        await options.beforeCommit();
      } catch (error) {
        logger.warn({ err: error, topic, partition }, 'the before-commit step failed; the batch is committed all the same');
      }
    }
    await heartbeat();
  };

  async function settle(received: Received, attempt: number): Promise<Settlement> {
    let value: T | null = null;
    if (received.payload !== null) {
      try {
        value = await options.decode(received.payload);
      } catch (error) {
        if (error instanceof AvroDecodeError) return fail(received, attempt, reasonsOf(error));
        logger.warn({ err: error, topic: received.topic, partition: received.partition, offset: received.offset }, 'decoding failed (schema registry unreachable?); the record will be redelivered');
        return 'backoff';
      }
    }
    let outcome: HandlerOutcome | void;
    try {
      outcome = await options.handle(recordOf(received, value, attempt));
    } catch (error) {
      return fail(received, attempt, reasonsOf(error));
    }
    if (outcome === undefined || outcome.kind === 'dropped') return 'done';
    if (outcome.kind === 'pause') return 'pause';
    const reasons = outcome.reasons.length > 0 ? outcome.reasons.map(toErrorReason) : [{ code: 'RETRY', message: 'the handler asked for a retry', field: null }];
    if (attempt >= options.retry.maxAttempts) return fail(received, attempt, reasons);
    const delayMs = outcome.delayMs ?? retryDelayMs(attempt, options.retry);
    return publishing(received, 'retry', () =>
      sendToRetry(options.producer, options.retryTopicOf(received.topic), received, { attempt: attempt + 1, retryAt: Date.now() + delayMs }),
    );
  }

  function fail(received: ReceivedRecord, attempt: number, reasons: ReturnType<typeof reasonsOf>): Promise<Settlement> {
    return publishing(received, 'errors', () => sendToErrors(options.producer, options.errorTopicOf(received.topic), received, { stage: options.stage, reasons, attempt }));
  }

  /** A record is done only once its error or retry record is written; if that fails, it is tried again later. */
  async function publishing(received: ReceivedRecord, where: string, send: () => Promise<unknown>): Promise<Settlement> {
    try {
      await send();
      return 'done';
    } catch (error) {
      logger.error({ err: error, topic: received.topic, partition: received.partition, offset: received.offset }, `the record could not be sent to ${where}; it will be redelivered`);
      return 'backoff';
    }
  }
}

type Received = ReceivedRecord & Pick<ConsumedRecord<unknown>, 'headers' | 'timestamp'>;

function receivedOf(topic: string, partition: number, message: KafkaMessage): Received {
  return {
    topic,
    partition,
    offset: message.offset,
    timestamp: message.timestamp,
    keyBytes: message.key ?? null,
    payload: message.value ?? null,
    headers: message.headers ?? {},
    context: readRecordHeaders(message.headers),
  };
}

function recordOf<T>(received: Received, value: T | null, attempt: number): ConsumedRecord<T> {
  return {
    ...received,
    key: received.keyBytes === null ? null : received.keyBytes.toString('utf8'),
    value,
    attempt,
  };
}
