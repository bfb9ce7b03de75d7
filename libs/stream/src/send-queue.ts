import type { Message, Producer, RecordMetadata } from 'kafkajs';

interface Entry {
  readonly topic: string;
  readonly messages: Message[];
  readonly bytes: number;
  resolve(metadata: RecordMetadata[]): void;
  reject(error: Error): void;
}

/**
 * About how much one produce request carries: well under a broker's default message.max.bytes
 * (1 MB per partition batch) even when every record lands on one partition.
 */
const MAX_REQUEST_BYTES = 512 * 1024;

/**
 * Sends that arrive while a produce request is in flight go out together in the next one. A
 * stage handles many records at once (ConsumerRunner's inFlight), each awaiting its own publish;
 * one produce request (and one fsync at the broker) per record would cap a stage at a few
 * hundred records a second. Order is kept: entries leave in the order they came, a topic's
 * messages in one request stay in order, and requests go one after the other (the idempotent
 * producer allows one in flight anyway). A request that fails is retried entry by entry, so one
 * bad entry (an unknown topic) fails alone rather than taking its neighbours down with it.
 */
export function createSendQueue(producer: Producer): (topic: string, messages: Message[]) => Promise<RecordMetadata[]> {
  const pending: Entry[] = [];
  let flushing = false;

  async function flush(): Promise<void> {
    while (pending.length > 0) {
      const batch: Entry[] = [];
      let bytes = 0;
      while (pending.length > 0 && (batch.length === 0 || bytes + pending[0].bytes <= MAX_REQUEST_BYTES)) {
        const entry = pending.shift()!;
        bytes += entry.bytes;
        batch.push(entry);
      }
      if (batch.length === 1) {
        await sendOne(batch[0]);
        continue;
      }
      try {
        const metadata = await producer.sendBatch({ topicMessages: topicMessagesOf(batch) });
        for (const entry of batch) entry.resolve(metadata.filter((m) => m.topicName === entry.topic));
      } catch {
        for (const entry of batch) await sendOne(entry);
      }
    }
    flushing = false;
  }

  async function sendOne(entry: Entry): Promise<void> {
    try {
      entry.resolve(await producer.send({ topic: entry.topic, messages: entry.messages }));
    } catch (error) {
      entry.reject(error as Error);
    }
  }

  return (topic, messages) =>
    new Promise<RecordMetadata[]>((resolve, reject) => {
      pending.push({ topic, messages, bytes: sizeOf(messages), resolve, reject });
      if (!flushing) {
        flushing = true;
        // One turn of the event loop lets the other handlers of this batch add theirs first.
        setImmediate(() => void flush());
      }
    });
}

/** The entries' messages grouped by topic, each topic's in arrival order. */
function topicMessagesOf(batch: readonly Entry[]): { topic: string; messages: Message[] }[] {
  const byTopic = new Map<string, Message[]>();
  for (const entry of batch) {
    const list = byTopic.get(entry.topic);
    if (list) list.push(...entry.messages);
    else byTopic.set(entry.topic, [...entry.messages]);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

function sizeOf(messages: readonly Message[]): number {
  let bytes = 0;
  for (const m of messages) bytes += 64 + (m.value ? (m.value as Buffer).length : 0) + (m.key ? (m.key as Buffer | string).length : 0);
  return bytes;
}
