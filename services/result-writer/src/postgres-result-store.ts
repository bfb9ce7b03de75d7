import type { DataSource } from 'typeorm';
import { taxResultProblems, upsertResults } from '@tributary/persistence';
import { StoreUnavailableError, type ResultStore, type ResultToStore } from './result-store';

/**
 * The platform's results store (the `results` table the control plane's results API, downloads
 * and `tail` read), through libs/persistence's upsertResults: idempotent by (tenant, pipeline,
 * order key), never rolling a newer version back, one transaction per batch.
 *
 * A malformed result is refused before the batch by the same checks upsertResults makes. A batch
 * PostgreSQL refuses for its data (SQLSTATE classes 22 and 23: a value out of range, a tenant
 * that does not exist) is split in halves until the refused results are alone, so one poison
 * result costs its batch a few round trips and never stops the others. Any other failure
 * (connection, shutdown, lock timeout) is StoreUnavailableError: the batch waits.
 */
export class PostgresResultStore implements ResultStore {
  readonly name = 'postgres';

  constructor(private readonly dataSource: DataSource) {}

  async write(tenant: string, pipeline: string, batch: readonly ResultToStore[]): Promise<Map<number, string>> {
    const rejected = new Map<number, string>();
    const valid: number[] = [];
    batch.forEach((entry, index) => {
      const problems = taxResultProblems(entry.result, tenant, pipeline);
      if (problems.length > 0) rejected.set(index, `the result is invalid: ${problems.join('; ')}`);
      else valid.push(index);
    });
    await this.upsert(tenant, pipeline, batch, valid, rejected);
    return rejected;
  }

  private async upsert(tenant: string, pipeline: string, batch: readonly ResultToStore[], indices: number[], rejected: Map<number, string>): Promise<void> {
    if (indices.length === 0) return;
    try {
      await upsertResults(
        this.dataSource,
        tenant,
        pipeline,
        indices.map((i) => ({ result: batch[i].result, sourceOffset: batch[i].sourceOffset ?? null })),
      );
    } catch (error) {
      if (!isDataError(error)) throw new StoreUnavailableError(this.name, error);
      if (indices.length === 1) {
        rejected.set(indices[0], `PostgreSQL refused the result: ${(error as Error).message}`);
        return;
      }
      const half = Math.ceil(indices.length / 2);
      await this.upsert(tenant, pipeline, batch, indices.slice(0, half), rejected);
      await this.upsert(tenant, pipeline, batch, indices.slice(half), rejected);
    }
  }
}

/** SQLSTATE class 22 (data exception) or 23 (integrity constraint violation): about the rows, not the server. */
function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown; driverError?: { code?: unknown } }).driverError?.code ?? (error as { code?: unknown }).code;
  return typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code);
}
