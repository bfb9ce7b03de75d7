import type { DataSource } from 'typeorm';
import { taxResultProblems, upsertResults, type TaxResultDocument } from '@tributary/persistence';
import { writeSplittingRefused } from './refused-rows';
import type { ResultStore, ResultToStore } from './result-store';

/**
 * The platform's results store (the `results` table the control plane's results API, downloads
 * and `tail` read), through libs/persistence's upsertResults: idempotent by (tenant, pipeline,
 * order key), never rolling a newer version back, one transaction per batch. Tombstones are
 * passed over: the results API keeps an order's last result.
 *
 * A malformed result is refused before the batch by the same checks upsertResults makes; a batch
 * PostgreSQL refuses for its data is split until the refused results are alone (refused-rows.ts).
 */
export class PostgresResultStore implements ResultStore {
  readonly name = 'postgres';

  constructor(private readonly dataSource: DataSource) {}

  async write(tenant: string, pipeline: string, batch: readonly ResultToStore[]): Promise<Map<number, string>> {
    const rejected = new Map<number, string>();
    const valid: number[] = [];
    batch.forEach((entry, index) => {
      if (entry.result === null) return;
      const problems = taxResultProblems(entry.result, tenant, pipeline);
      if (problems.length > 0) rejected.set(index, `the result is invalid: ${problems.join('; ')}`);
      else valid.push(index);
    });
    await writeSplittingRefused(
      this.name,
      valid,
      (indices) =>
        upsertResults(
          this.dataSource,
          tenant,
          pipeline,
          indices.map((i) => ({ result: batch[i].result as TaxResultDocument, sourceOffset: batch[i].sourceOffset ?? null })),
        ).then(() => undefined),
      rejected,
    );
    return rejected;
  }
}
