import { failedCheck } from '@tributary/connectors';
import { MongoBulkWriteError, MongoClient, type AnyBulkWriteOperation, type Collection, type Document } from 'mongodb';
import { DEFAULT_DATABASE, mongodbSinkConfigSchema, mongodbSinkSecretsSchema, type MongodbSinkConfig, type MongodbSinkSecrets } from './mongodb-sink-config';
import { DUPLICATE_KEY, isTransientCode, mongodbError } from './mongodb-errors';
import { newestPerKey, SINK_INDEXES, upsertOf } from './mongodb-upserts';
import type { SinkConnector, SinkRecord, SinkWriteOutcome, SinkWriter } from './sink-connector';

/**
 * MongoDB as a store sink: each record upserted into one collection by (tenant, pipeline, key)
 * with the official driver, a batch as one unordered bulkWrite of updateOne upserts, so one bad
 * document neither stops nor reorders the rest. Indexes are created at connect.
 */
export const mongodbSink: SinkConnector<MongodbSinkConfig, MongodbSinkSecrets> = {
  name: 'mongodb',
  description: 'Upserts each record by (tenant, pipeline, key) into a MongoDB collection; an older version never replaces a newer one',
  configSchema: mongodbSinkConfigSchema,
  secretsSchema: mongodbSinkSecretsSchema,

  async check(config, secrets) {
    const client = clientFor(secrets);
    try {
      await client.connect();
      await client.db(databaseOf(config, secrets)).command({ ping: 1 });
      return { ok: true };
    } catch (error) {
      return failedCheck(mongodbError(error, secrets.url));
    } finally {
      await client.close().catch(() => undefined);
    }
  },

  async connect(config, secrets) {
    const client = clientFor(secrets);
    try {
      await client.connect();
      const collection = client.db(databaseOf(config, secrets)).collection(config.collection);
      await collection.createIndexes(SINK_INDEXES.map((index) => ({ ...index, key: { ...index.key } })));
      return new MongodbWriter(client, collection, secrets.url);
    } catch (error) {
      await client.close().catch(() => undefined);
      throw mongodbError(error, secrets.url);
    }
  },
};

class MongodbWriter implements SinkWriter {
  constructor(
    private readonly client: MongoClient,
    private readonly collection: Collection,
    private readonly url: string,
  ) {}

  async write(batch: readonly SinkRecord[]): Promise<SinkWriteOutcome> {
    const { kept, dropped } = newestPerKey(batch);
    if (kept.length === 0) return { written: 0, skippedOlder: dropped, rejected: [] };
    const writtenAt = new Date();
    const first = await this.bulk(kept.map(({ record }) => upsertOf(record, writtenAt)));
    // E11000 is also what two writers racing to insert the same new key get (MongoDB documents
    // retrying such an upsert): once more, the key's document exists and the filter decides.
    const again = first.duplicates.map((i) => kept[i]);
    const second = again.length > 0 ? await this.bulk(again.map(({ record }) => upsertOf(record, writtenAt))) : undefined;
    const rejected = [
      ...first.rejected.map(({ index, reason }) => ({ index: kept[index].index, reason })),
      ...(second?.rejected ?? []).map(({ index, reason }) => ({ index: again[index].index, reason })),
    ];
    return {
      written: first.written + (second?.written ?? 0),
      skippedOlder: dropped + (second?.duplicates.length ?? 0),
      rejected: rejected.sort((a, b) => a.index - b.index),
    };
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  /** One unordered bulkWrite; write errors sorted into duplicates (E11000) and rejections, transient ones thrown. */
  private async bulk(operations: AnyBulkWriteOperation<Document>[]): Promise<{ written: number; duplicates: number[]; rejected: { index: number; reason: string }[] }> {
    try {
      const result = await this.collection.bulkWrite(operations, { ordered: false });
      return { written: result.upsertedCount + result.matchedCount, duplicates: [], rejected: [] };
    } catch (error) {
      if (!(error instanceof MongoBulkWriteError) || error.writeConcernError) throw mongodbError(error, this.url);
      const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors].filter(Boolean);
      // No write errors: the command as a whole failed (ok: 0), and its code says why.
      if (writeErrors.length === 0) throw mongodbError(error, this.url);
      const transient = writeErrors.find((e) => isTransientCode(e.code));
      if (transient) throw mongodbError(Object.assign(error, { code: transient.code }), this.url);
      const duplicates = writeErrors.filter((e) => e.code === DUPLICATE_KEY).map((e) => e.index);
      const rejected = writeErrors.filter((e) => e.code !== DUPLICATE_KEY).map((e) => ({ index: e.index, reason: `MongoDB refused the document (code ${e.code}): ${e.errmsg ?? ''}` }));
      return { written: error.result.upsertedCount + error.result.matchedCount, duplicates, rejected };
    }
  }
}

function clientFor(secrets: MongodbSinkSecrets): MongoClient {
  // No driver-side write retries beyond the one retryable-writes retry: retries and backoff live in the runtime.
  return new MongoClient(secrets.url, { connectTimeoutMS: secrets.connectTimeoutMs, serverSelectionTimeoutMS: secrets.connectTimeoutMs, appName: 'tributary-sink-mongodb' });
}

/** The configured database, else the connection string's, else 'tributary'. */
function databaseOf(config: MongodbSinkConfig, secrets: MongodbSinkSecrets): string {
  if (config.database) return config.database;
  const path = /^mongodb(?:\+srv)?:\/\/[^/]*\/([^?]+)/.exec(secrets.url)?.[1];
  return path ? decodeURIComponent(path) : DEFAULT_DATABASE;
}
