import type { DataSource } from 'typeorm';
import { taxResultProblems, type TaxResultDocument } from './tax-result-document';

export interface ResultToWrite {
  readonly result: TaxResultDocument;
  /** The record's `tributary-source-offset` header, if it had one. */
  readonly sourceOffset?: string | null;
}

export interface UpsertOutcome {
  /** Rows inserted or replaced. */
  readonly written: number;
  /** Results older (by the order's updatedAt) than the one already stored, left alone. */
  readonly skippedOlder: number;
}

/** Thrown before anything is written when a result in the batch is malformed. */
export class InvalidTaxResultError extends Error {
  override readonly name = 'InvalidTaxResultError';

  constructor(
    readonly index: number,
    readonly problems: readonly string[],
  ) {
    super(`result ${index} of the batch is invalid: ${problems.join('; ')}`);
  }
}

/** First half of the two-int advisory lock key: "results of one pipeline". Must differ from other users' namespaces. */
const RESULTS_LOCK_NAMESPACE = 5_470_010;

/**
 * Upserts a batch of one pipeline's results by (tenant, pipeline, order key), idempotently: a
 * replayed or redelivered result replaces the stored one only if it is for the same or a newer
 * version of the order (TaxResult.orderUpdatedAt), so a late duplicate never rolls a row back.
 *
 * Every insert and update takes a new `revision` from one sequence. Writers of one pipeline
 * serialize on a transaction-scoped advisory lock taken before the first revision is drawn, so
 * within a pipeline revisions become visible in increasing order: a reader that has seen
 * revision N and asks for "after N" never misses a row committed later with a smaller one
 * (the guarantee `tributary tail` relies on). Batches keep the lock short.
 */
export async function upsertResults(dataSource: DataSource, tenant: string, pipeline: string, batch: readonly ResultToWrite[]): Promise<UpsertOutcome> {
  batch.forEach(({ result }, index) => {
    const problems = taxResultProblems(result, tenant, pipeline);
    if (problems.length > 0) throw new InvalidTaxResultError(index, problems);
  });
  const rows = newestPerKey(batch);
  if (rows.length === 0) return { written: 0, skippedOlder: 0 };
  return dataSource.transaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [RESULTS_LOCK_NAMESPACE, `${tenant}/${pipeline}`]);
    const written: unknown[] = await manager.query(
      `INSERT INTO results AS r (tenant_id, pipeline, order_key, run_id, calculated_at, order_updated_at, total_tax, currency, source_offset, result)
       SELECT $1, $2, t.* FROM unnest($3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[], $7::numeric[], $8::text[], $9::text[], $10::jsonb[]) AS t
       ON CONFLICT (tenant_id, pipeline, order_key) DO UPDATE SET
         run_id = EXCLUDED.run_id, calculated_at = EXCLUDED.calculated_at, order_updated_at = EXCLUDED.order_updated_at,
         total_tax = EXCLUDED.total_tax, currency = EXCLUDED.currency, source_offset = EXCLUDED.source_offset,
         result = EXCLUDED.result, revision = nextval('results_revision_seq'), written_at = now()
       WHERE r.order_updated_at <= EXCLUDED.order_updated_at
       RETURNING 1`,
      [
        tenant,
        pipeline,
        rows.map((r) => r.result.orderId),
        rows.map((r) => r.result.runId),
        rows.map((r) => r.result.calculatedAt),
        rows.map((r) => r.result.orderUpdatedAt),
        rows.map((r) => r.result.totalTax),
        rows.map((r) => r.result.currency),
        rows.map((r) => r.sourceOffset ?? null),
        rows.map((r) => JSON.stringify(r.result)),
      ],
    );
    return { written: written.length, skippedOlder: batch.length - written.length };
  });
}

/**
 * One row per order key (ON CONFLICT may not touch a row twice in one statement): the newest
 * version of the order, and of equal versions the later in the batch (the later calculation).
 */
function newestPerKey(batch: readonly ResultToWrite[]): ResultToWrite[] {
  const byKey = new Map<string, ResultToWrite>();
  for (const entry of batch) {
    const kept = byKey.get(entry.result.orderId);
    if (!kept || Date.parse(kept.result.orderUpdatedAt) <= Date.parse(entry.result.orderUpdatedAt)) byKey.set(entry.result.orderId, entry);
  }
  return [...byKey.values()];
}
