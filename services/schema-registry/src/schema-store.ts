import type { CompatibilityLevel } from './compatibility-level';
import { decodeRecord, encodeKey, encodeSchemaValue, type SchemaLogKey } from './log/schema-log-records';
import type { SchemaLog, SchemaLogRecord } from './log/schema-log';
import { RegistryError, registryErrors } from './registry-errors';
import type { RegistryMode } from './registry-mode';
import { RegistryState } from './registry-state';

/** What a write operation returns when its record lost to a concurrent writer's: run it again on the new state. */
export const LOST = Symbol('lost to a concurrent writer');

/** How many times a write operation runs before giving up on a busy subject (Confluent's kafkastore.write.max.retries). */
const WRITE_ATTEMPTS = 20;
/**
 * Two instances that lose to each other retry at once, pick the same next id again and can keep
 * colliding; a random pause that grows with each loss (full jitter, capped) breaks the lockstep.
 */
function pauseAfterLoss(attempt: number): Promise<void> {
  const ceiling = Math.min(250, 5 * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceiling));
}

/** Lost offsets kept for their writers; other instances' losses are never asked for, so old ones are dropped. */
const LOST_OFFSETS_KEPT = 10_000;

export interface SchemaStoreOptions {
  /** How long a write, or a catch-up before one, may take (Confluent's kafkastore.timeout.ms). */
  readonly timeoutMs: number;
  readonly defaults: { readonly compatibilityLevel: CompatibilityLevel; readonly mode: RegistryMode };
  readonly logger: { warn(obj: object, msg: string): void };
}

/**
 * The registry state kept equal to the `_schemas` log: every record is applied in log order as
 * it is read; a write is acknowledged only once it has been read back and applied here, so an
 * instance answers with what the log decided (which may be that a concurrent writer won).
 */
export class SchemaStore {
  readonly state: RegistryState;
  private position = 0;
  private readonly waiters = new Set<{ readonly offset: number; readonly resolve: () => void }>();
  /** Offsets of records that lost a conflict, until their writer (if it is this instance) asks. */
  private readonly lostOffsets = new Set<number>();
  private writeQueue: Promise<unknown> = Promise.resolve();
  /** Whether the log has delivered anything yet (a consumer first joins its group). */
  private delivering = false;

  constructor(private readonly log: SchemaLog, private readonly options: SchemaStoreOptions) {
    this.state = new RegistryState(options.defaults);
  }

  /** Reads the whole log, then restores any subject-version whose newest record lost (a writer that died mid-retry). */
  async start(initTimeoutMs: number): Promise<void> {
    await this.log.start((records, nextOffset) => this.receive(records, nextOffset));
    await this.catchUp(initTimeoutMs);
    await this.exclusive(() => this.repairLostVersions()).catch((error: unknown) => {
      this.options.logger.warn({ err: (error as Error).message }, 'could not write back the winners of earlier races; a later lost write will try again');
    });
  }

  /** The next offset to apply: everything before it is in the state. */
  get offset(): number {
    return this.position;
  }

  /** Brings the state up to every write acknowledged (by any instance) before the call. */
  async catchUp(timeoutMs = this.options.timeoutMs): Promise<void> {
    let end: number;
    try {
      end = await within(this.log.endOffset(), timeoutMs, 'Reading the end offset of the _schemas log');
    } catch (error) {
      if (error instanceof RegistryError) throw error;
      throw registryErrors.store(`Reading the end offset of the _schemas log failed: ${(error as Error).message}`, error);
    }
    const deadline = Date.now() + timeoutMs;
    let seen = this.position;
    let stalledSince = Date.now();
    while (this.position < end) {
      const left = deadline - Date.now();
      if (left <= 0) {
        throw registryErrors.timeout(`Catching up with the _schemas log timed out after ${timeoutMs} ms: read up to offset ${this.position} of ${end}`);
      }
      await this.waitFor(end, Math.min(left, 500));
      if (this.position !== seen) {
        seen = this.position;
        stalledSince = Date.now();
        continue;
      }
      // Compaction can remove the very last records (an expired tombstone), leaving nothing to
      // read up to `end`. When reading stalls short of it, a NOOP marker of our own (Confluent
      // writes the same) is read back for certain. A reader that never delivered may still be joining.
      if (Date.now() - stalledSince >= (this.delivering ? 3000 : 15_000)) end = (await this.append({ keytype: 'NOOP' }, null)) + 1;
    }
  }

  /**
   * Catch-up for reads: when Kafka does not answer, reads are served from what has been read
   * so far, as Confluent's followers serve them from their cache.
   */
  async catchUpForRead(): Promise<void> {
    try {
      await this.catchUp();
    } catch (error) {
      this.options.logger.warn({ err: (error as Error).message, offset: this.position }, 'serving a read from possibly stale state');
    }
  }

  /** Runs `work` alone among this instance's writes, so the instance never races itself. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.writeQueue.then(work, work);
    this.writeQueue = run.catch(() => undefined);
    return run;
  }

  /**
   * Runs a write operation alone among this instance's writes, on state caught up with every
   * instance's writes, and again while its record loses to a concurrent writer's.
   */
  transact<T>(operation: () => Promise<T | typeof LOST>): Promise<T> {
    return this.exclusive(async () => {
      for (let attempt = 1; ; attempt++) {
        await this.catchUp();
        const result = await operation();
        if (result !== LOST) return result;
        await this.repairLostVersions();
        if (attempt >= WRITE_ATTEMPTS) {
          throw registryErrors.store(`Gave up after ${attempt} attempts, each lost to a concurrent write by another registry instance`);
        }
        await pauseAfterLoss(attempt);
      }
    });
  }

  /** Appends a record, waits until it is applied here, and says whether it won (false: a concurrent writer's record came first). */
  async write(key: SchemaLogKey, value: Buffer | null): Promise<boolean> {
    const offset = await this.append(key, value);
    if (!(await this.waitFor(offset + 1, this.options.timeoutMs))) {
      throw registryErrors.timeout(`Reading back a write to the _schemas log timed out after ${this.options.timeoutMs} ms: read up to offset ${this.position} of ${offset + 1}`);
    }
    return !this.lostOffsets.delete(offset);
  }

  private async append(key: SchemaLogKey, value: Buffer | null): Promise<number> {
    try {
      return await within(this.log.append(encodeKey(key), value), this.options.timeoutMs, 'Writing to the _schemas log');
    } catch (error) {
      if (error instanceof RegistryError) throw error;
      throw registryErrors.store(`Write to the _schemas log failed: ${(error as Error).message}`, error);
    }
  }

  /**
   * Compaction keeps only a key's newest record, so a losing record must not stay the newest:
   * write the winner again after it. Subject-versions that lost to an id clash and hold nothing
   * are left to the loser's retry, which writes the same key again.
   */
  async repairLostVersions(): Promise<void> {
    for (const { subject, version } of this.state.lostVersions()) {
      const winner = this.state.version(subject, version, true);
      if (!winner) continue;
      const { id, schema, schemaType, references } = winner.schema;
      const value = encodeSchemaValue({ subject, version, id, schema, schemaType, references, deleted: winner.deleted });
      await this.write({ keytype: 'SCHEMA', subject, version }, value);
    }
  }

  private receive(records: readonly SchemaLogRecord[], nextOffset: number): void {
    this.delivering = true;
    for (const record of records) {
      if (record.offset < this.position) continue; // delivered again after the consumer rejoined
      try {
        if (!this.state.apply(decodeRecord(record.key, record.value))) {
          this.lostOffsets.add(record.offset);
          if (this.lostOffsets.size > LOST_OFFSETS_KEPT) this.lostOffsets.delete(this.lostOffsets.values().next().value!);
        }
      } catch (error) {
        this.options.logger.warn({ offset: record.offset, err: (error as Error).message }, 'skipped a _schemas record it cannot read');
      }
      this.position = record.offset + 1;
    }
    this.position = Math.max(this.position, nextOffset);
    for (const waiter of this.waiters) {
      if (waiter.offset <= this.position) waiter.resolve();
    }
  }

  /** Resolves true once every record before `offset` is applied, false if `timeoutMs` passes first. */
  private waitFor(offset: number, timeoutMs: number): Promise<boolean> {
    if (this.position >= offset) return Promise.resolve(true);
    return new Promise((resolve) => {
      const waiter = {
        offset,
        resolve: () => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve(true);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        resolve(false);
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }
}

function within<T>(promise: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(registryErrors.timeout(`${what} timed out after ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
