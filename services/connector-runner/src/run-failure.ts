import { AvroEncodeError, SchemaRegistryError } from '@tributary/avro';
import { ConnectorError, withoutSecrets } from '@tributary/connectors';
import { redactText } from '@tributary/security';
import { PublishError } from '@tributary/stream';

/**
 * A run stopped before its end for a reason that is not the run's fault: the runner is
 * stopping, its consumer lost the run's partition (a rebalance), or Kafka went away. No FAILED
 * event is sent: the request was not committed, so it is delivered again (to this runner or
 * another) and the run resumes from its last committed cursor.
 */
export class RunInterrupted extends Error {
  override readonly name = 'RunInterrupted';
}

/** The run was cancelled (a FAILED event for it on `_tributary.runs`): it stops, and says nothing more. */
export class RunCancelled extends Error {
  override readonly name = 'RunCancelled';
}

/** A failure of the run as a whole, with a message meant for the person who started it. */
export class RunFailure extends Error {
  override readonly name = 'RunFailure';
}

/**
 * Kafka or registry failures that trying again cannot fix: a value that does not fit its
 * schema, a schema the subject's compatibility refuses. Everything else Kafka throws (a broker
 * restarting, a leader moving, a timeout) is worth another try.
 */
export function isPermanentPublishFailure(error: unknown): boolean {
  if (error instanceof PublishError || error instanceof AvroEncodeError) return true;
  return error instanceof SchemaRegistryError && (error.type === 'INCOMPATIBLE_SCHEMA' || error.type === 'INVALID_SCHEMA');
}

/**
 * Why the run failed, for RunEvent.error: named by where it happened, with every secret value
 * of the connection cut out (a driver may echo a connection string) and embedded credentials
 * (URL passwords, tokens) redacted besides.
 */
export function failureMessage(error: unknown, secretValues: readonly string[] = []): string {
  const text = describe(error);
  return redactText(withoutSecrets(text, secretValues)).slice(0, 2000);
}

function describe(error: unknown): string {
  if (error instanceof RunFailure) return error.message;
  if (error instanceof ConnectorError) return `source ${error.code}: ${error.message}`;
  if (error instanceof SchemaRegistryError && error.type === 'INCOMPATIBLE_SCHEMA') {
    return `the source's schema is not compatible with the schema registered for the raw topic: ${error.message}`;
  }
  if (isPermanentPublishFailure(error)) return `a record could not be published: ${(error as Error).message}`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
