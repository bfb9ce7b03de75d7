import { ConnectorError } from '@tributary/connectors';
import { isPermanentPublishFailure } from './run-failure';

/**
 * How a run rides out failures (connectors/README.md: retries and backoff live in the runtime,
 * never in a connector). Backoff doubles from `initialMs` up to `maxMs`, with jitter so runners
 * that failed together do not come back together.
 */
export interface RunRetryPolicy {
  /** Tries of a source step after a retriable ConnectorError (unreachable, source-error); default 5. */
  readonly sourceAttempts: number;
  /** How long to keep trying a batch Kafka does not take (a broker restarting); default 120 s. */
  readonly kafkaBudgetMs: number;
  readonly initialMs: number;
  readonly maxMs: number;
}

export const DEFAULT_RUN_RETRY: RunRetryPolicy = { sourceAttempts: 5, kafkaBudgetMs: 120_000, initialMs: 1000, maxMs: 30_000 };

export function backoffMs(attempt: number, policy: RunRetryPolicy): number {
  const ceiling = Math.min(policy.maxMs, policy.initialMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it is aborted. */
export function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** True when a source step that threw this deserves another try (and tries are left). */
export function sourceRetriable(error: unknown, attempt: number, policy: RunRetryPolicy): boolean {
  return error instanceof ConnectorError && error.retriable && attempt < policy.sourceAttempts;
}

/**
 * Runs a Kafka step (publish a batch, commit a cursor) until it succeeds, a permanent failure
 * (a value or schema the registry refuses) is thrown at once, or the budget is spent and the
 * last error is thrown. A step in flight is not abandoned on abort (a batch being published is
 * finished, so its cursor can still be committed); only the waits between tries are.
 */
export async function untilKafkaTakes<T>(step: () => Promise<T>, policy: RunRetryPolicy, onRetry: (error: unknown, attempt: number) => void, signal?: AbortSignal): Promise<T> {
  const deadline = Date.now() + policy.kafkaBudgetMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (isPermanentPublishFailure(error) || Date.now() >= deadline) throw error;
      // Stopping while Kafka is away: the step is left undone, and the run's redelivery repeats it.
      signal?.throwIfAborted();
      onRetry(error, attempt);
      await pause(Math.min(backoffMs(attempt, policy), Math.max(0, deadline - Date.now())), signal);
    }
  }
}
