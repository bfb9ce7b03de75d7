import type { LogEntry } from 'kafkajs';

/**
 * kafkajs's warning when an idempotent producer's retries are bounded. Ours are on purpose: a
 * send that fails after its retries fails to its caller, which leaves the record uncommitted to
 * be delivered again (at-least-once, every sink idempotent by key); the idempotence is there so a
 * retried request neither duplicates nor reorders a key's records, not for exactly-once. Logged
 * at every start of every service, it would read as a fault that is not one.
 */
const BOUNDED_RETRIES_WARNING = 'Limiting retries for the idempotent producer may invalidate EoS guarantees';

/** Whether a kafkajs log entry says something an operator should see (kafkajs's own level still applies). */
export function isTellingKafkaLog(entry: LogEntry): boolean {
  return entry.log.message !== BOUNDED_RETRIES_WARNING;
}
