import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Kafka, logLevel, Partitioners, type LogEntry } from 'kafkajs';
import { isTellingKafkaLog } from './kafkajs-log';

test("kafkajs's warning about an idempotent producer's bounded retries is not passed on; its other warnings are", () => {
  const entries: LogEntry[] = [];
  // No broker is needed: kafkajs warns when the producer is made.
  const kafka = new Kafka({ brokers: ['127.0.0.1:1'], retry: { retries: 10 }, logLevel: logLevel.WARN, logCreator: () => (entry) => void entries.push(entry) });
  kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true, maxInFlightRequests: 1 });
  assert.ok(entries.length > 0, 'kafkajs still warns about bounded retries: if not, this filter can go');
  assert.deepEqual(entries.filter(isTellingKafkaLog), []);
  const other = { namespace: 'Connection', level: logLevel.WARN, label: 'WARN', log: { timestamp: '', message: 'Connection timeout' } } as LogEntry;
  assert.equal(isTellingKafkaLog(other), true);
});
