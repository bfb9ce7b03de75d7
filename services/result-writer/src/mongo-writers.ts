import { mongodbSink, type SinkRecord, type SinkWriter } from '@tributary/sink-mongodb';
import type { Logger } from 'pino';

/**
 * One MongoDB writer per (database, collection), shared by the pipelines that write there. Each
 * connects (and creates its indexes) when a pipeline first needs it, and again on the next
 * write after a failed connect, so a MongoDB that is down at start does not stop the service.
 */
export class MongoWriters {
  private readonly writers = new Map<string, Promise<SinkWriter>>();

  constructor(
    private readonly url: string,
    private readonly logger: Logger,
  ) {}

  /** A writer for the collection, connecting in the background now. */
  writerFor(collection: string, database?: string): SinkWriter {
    const id = `${database ?? ''}/${collection}`;
    const connect = (): Promise<SinkWriter> => {
      let pending = this.writers.get(id);
      if (!pending) {
        pending = mongodbSink.connect({ collection, database }, { url: this.url, connectTimeoutMs: 10_000 });
        pending.catch((err: Error) => {
          this.writers.delete(id);
          this.logger.warn({ collection, database, err: err.message }, 'MongoDB not reached; trying again at the next write');
        });
        this.writers.set(id, pending);
      }
      return pending;
    };
    void connect().catch(() => undefined);
    return {
      write: async (batch: readonly SinkRecord[]) => (await connect()).write(batch),
      close: async () => undefined,
    };
  }

  async close(): Promise<void> {
    const writers = [...this.writers.values()];
    this.writers.clear();
    await Promise.all(writers.map((w) => w.then((writer) => writer.close()).catch(() => undefined)));
  }
}
