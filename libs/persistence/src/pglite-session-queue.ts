import type { PGlite } from '@electric-sql/pglite';

interface Pending {
  readonly handlerId: number;
  readonly message: Uint8Array;
  readonly onData: (data: Uint8Array) => void;
  resolve(bytes: number): void;
  reject(error: unknown): void;
}

/** Extended-query messages: a client's Parse ... Sync must reach the one session uninterrupted. */
const EXTENDED = new Set(['P', 'B', 'D', 'E', 'C', 'H', 'F'].map((c) => c.charCodeAt(0)));

/**
 * The message queue pglite-socket multiplexes its connections through, with one fix: the one
 * it ships keeps a connection's messages together only inside a transaction, so two clients'
 * extended-query sequences (Parse, Bind, Execute, Sync: how `pg` sends every parameterised
 * query) interleave on the single PGlite session, and one client's Bind meets another's Parse
 * ("bind message supplies 2 parameters, but prepared statement requires 15"), as soon as the
 * control plane and the stage services use the embedded database at once. Here a connection
 * keeps the session from its first extended message until its Sync, and for as long as it is in
 * a transaction after that. Same interface as pglite-socket's QueryQueueManager, which the server
 * hands to its connections.
 */
export class PGliteSessionQueue {
  private queue: Pending[] = [];
  private processing = false;
  /** The connection that has the session, or null when any may take it. */
  private owner: number | null = null;

  constructor(private readonly db: PGlite) {}

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    return new Promise((resolve, reject) => {
      this.queue.push({ handlerId, message, onData, resolve, reject });
      void this.processQueue();
    });
  }

  getQueueLength(): number {
    return this.queue.length;
  }

  /** A connection went away: its queued messages fail, and it gives up the session. */
  clearQueueForHandler(handlerId: number): void {
    this.queue = this.queue.filter((entry) => {
      if (entry.handlerId !== handlerId) return true;
      entry.reject(new Error('Handler disconnected'));
      return false;
    });
  }

  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.owner !== handlerId) return;
    this.owner = null;
    if (this.db.isInTransaction()) await this.db.exec('ROLLBACK');
    await this.processQueue();
  }

  private async processQueue(): Promise<void> {
    if (this.processing) return;
    this.processing = true;
    try {
      for (;;) {
        const index = this.owner === null ? 0 : this.queue.findIndex((entry) => entry.handlerId === this.owner);
        if (index === -1 || this.queue.length === 0) break;
        const [entry] = this.queue.splice(index, 1);
        let bytes = 0;
        try {
          await this.db.runExclusive(() =>
            this.db.execProtocolRawStream(entry.message, {
              onRawData: (data: Uint8Array) => {
                bytes += data.length;
                entry.onData(data);
              },
            }),
          );
        } catch (error) {
          this.owner = null;
          entry.reject(error);
          continue;
        }
        const type = entry.message[0];
        if (EXTENDED.has(type)) this.owner = entry.handlerId;
        // After a Sync or a simple query the session is free again, unless a transaction is open.
        else this.owner = this.db.isInTransaction() ? entry.handlerId : null;
        entry.resolve(bytes);
      }
    } finally {
      this.processing = false;
    }
  }
}
