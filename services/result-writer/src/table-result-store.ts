import { taxResultProblems } from '@tributary/persistence';
import { writeSplittingRefused } from './refused-rows';
import { StoreUnavailableError, type ResultStore, type ResultToStore } from './result-store';
import type { SinkDatabase, SqlQuery } from './sink-databases';
import { SINK_TABLE_COLUMNS, SinkTable } from './sink-table';
import { OnceUntilFailed } from './once-until-failed';

/** SQLSTATEs of a CREATE that lost a race with another writer creating the same thing. */
const ALREADY_CREATED = new Set(['42P06', '42P07', '23505']);

/**
 * A postgres sink's own table (`postgres: { table, connection? }`), in the platform database or
 * in a tenant's. The table is created when the pipeline's consumer starts (and again after a
 * failure), and a table found in place is written only if it has the sink's columns, so a name
 * that happens to be some other table is never written into.
 *
 * Within a batch each order key ends as its last record says: a tombstone deletes the row, a
 * result is upserted (the newest version of the order, as upsertResults does); the upsert never
 * rolls a row back to an older version, so redeliveries and replays leave one row per order.
 * Failures are the platform store's: a result refused for its data fails alone, anything else
 * (the database down, a wrong password, a missing secret) is StoreUnavailableError and the batch
 * waits in Kafka, the secret read again at the next try.
 */
export class TableResultStore implements ResultStore {
  readonly name: string;
  private readonly prepared = new OnceUntilFailed(() => this.prepare());

  constructor(
    private readonly table: SinkTable,
    private readonly database: SinkDatabase,
  ) {
    this.name = database.label === 'platform' ? `postgres:${table.name}` : `postgres:${database.label}/${table.name}`;
    // Created at start; a failure here is tried again, and reported, at the first write.
    void this.prepared.get().catch(() => undefined);
  }

  async write(tenant: string, pipeline: string, batch: readonly ResultToStore[]): Promise<Map<number, string>> {
    const rejected = new Map<number, string>();
    const last = new Map<string, number>();
    batch.forEach((entry, index) => {
      if (entry.result === null) {
        if (entry.key !== null) last.set(entry.key, index);
        return;
      }
      const problems = taxResultProblems(entry.result, tenant, pipeline);
      if (problems.length > 0) return void rejected.set(index, `the result is invalid: ${problems.join('; ')}`);
      const kept = last.get(entry.result.orderId);
      const keptResult = kept === undefined ? null : batch[kept].result;
      if (keptResult === null || Date.parse(keptResult.orderUpdatedAt) <= Date.parse(entry.result.orderUpdatedAt)) last.set(entry.result.orderId, index);
    });
    const upserts = [...last.values()].filter((i) => batch[i].result !== null);
    const deletes = [...last.entries()].filter(([, i]) => batch[i].result === null).map(([key]) => key);
    if (upserts.length === 0 && deletes.length === 0) return rejected;
    try {
      const query = await this.prepared.get().catch((error: unknown) => Promise.reject(new StoreUnavailableError(this.name, error)));
      await writeSplittingRefused(this.name, upserts, (indices) => this.upsert(query, tenant, pipeline, batch, indices), rejected);
      if (deletes.length > 0) await query(this.table.deleteStatement(), [tenant, pipeline, deletes]).catch((error: unknown) => Promise.reject(new StoreUnavailableError(this.name, error)));
    } catch (error) {
      this.prepared.forget();
      this.database.failed();
      throw error;
    }
    return rejected;
  }

  private async upsert(query: SqlQuery, tenant: string, pipeline: string, batch: readonly ResultToStore[], indices: readonly number[]): Promise<void> {
    const rows = indices.map((i) => batch[i].result!);
    await query(this.table.upsertStatement(), [
      tenant,
      pipeline,
      rows.map((r) => r.orderId),
      rows.map((r) => JSON.stringify(r)),
      rows.map((r) => r.totalTax),
      rows.map((r) => r.currency),
      rows.map((r) => r.calculatedAt),
      rows.map((r) => r.orderUpdatedAt),
    ]);
  }

  private async prepare(): Promise<SqlQuery> {
    const query = await this.database.connect();
    const [schema] = await query(SinkTable.SCHEMA_EXISTS, [this.table.schema]);
    if (!schema?.present) await query(this.table.createSchemaStatement()).catch(unlessAlreadyCreated);
    await query(this.table.createStatement()).catch(unlessAlreadyCreated);
    const found = new Map((await query(SinkTable.COLUMNS, [this.table.schema, this.table.table])).map((c) => [c.name, c.type]));
    const wrong = Object.entries(SINK_TABLE_COLUMNS)
      .filter(([column, type]) => found.get(column) !== type)
      .map(([column, type]) => `${column} ${type}`);
    if (wrong.length > 0) {
      throw new Error(`table ${this.table.name} exists and is not a postgres sink's table (it lacks ${wrong.join(', ')}); name another table in the pipeline, or give this one those columns`);
    }
    return query;
  }
}

function unlessAlreadyCreated(error: unknown): void {
  if (!ALREADY_CREATED.has(String((error as { code?: unknown }).code))) throw error;
}
