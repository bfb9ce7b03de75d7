import type { PartitionReader } from './subscription';
import type { Subscription } from './subscription';
import type { ReadRecord } from './topic-reader';

/** Opens the live reader of one pipeline's results topic, handing each fetch to `onRecords`. */
export type FeedOpener = (tenant: string, pipeline: string, onRecords: (records: readonly ReadRecord[]) => void, onError: (error: Error) => void) => Promise<PartitionReader>;

interface Feed {
  readonly subscribers: Set<Subscription>;
  reader: Promise<PartitionReader> | undefined;
  idleTimer: NodeJS.Timeout | undefined;
}

/**
 * The subscription registry: which subscriptions follow which pipeline, and one shared live
 * reader per pipeline with subscribers, each record decoded once and offered to all of them.
 * A feed left without subscribers stops after `idleMs` (a client reconnecting meanwhile finds
 * it still running), so readers exist only for pipelines someone watches.
 */
export class PipelineFeeds {
  private readonly feeds = new Map<string, Feed>();

  constructor(
    private readonly open: FeedOpener,
    private readonly idleMs: number,
    private readonly onFeedError: (tenant: string, pipeline: string, error: Error) => void,
  ) {}

  /** Adds the subscription to its pipeline's feed, starting the feed if it is not running. */
  async add(subscription: Subscription): Promise<void> {
    const { tenant, pipeline } = subscription;
    const key = `${tenant}/${pipeline}`;
    let feed = this.feeds.get(key);
    if (!feed) {
      feed = { subscribers: new Set(), reader: undefined, idleTimer: undefined };
      this.feeds.set(key, feed);
    }
    clearTimeout(feed.idleTimer);
    feed.idleTimer = undefined;
    feed.subscribers.add(subscription);
    if (!feed.reader) {
      const running = feed;
      feed.reader = this.open(tenant, pipeline, (records) => {
        for (const record of records) for (const subscriber of running.subscribers) subscriber.offer(record);
      }, (error) => this.failed(key, running, error));
      feed.reader.catch(() => {
        if (this.feeds.get(key) === running) this.feeds.delete(key);
      });
    }
    await feed.reader;
  }

  /** A feed whose reader stopped for good is dropped; its subscribers are told, and a new subscribe starts a new one. */
  private failed(key: string, feed: Feed, error: Error): void {
    this.onFeedError(key.split('/')[0], key.split('/')[1], error);
    if (this.feeds.get(key) === feed) this.feeds.delete(key);
    for (const subscriber of [...feed.subscribers]) subscriber.fail(error);
    feed.subscribers.clear();
    void feed.reader?.then((reader) => reader.stop()).catch(() => undefined);
  }

  remove(subscription: Subscription): void {
    const key = `${subscription.tenant}/${subscription.pipeline}`;
    const feed = this.feeds.get(key);
    if (!feed || !feed.subscribers.delete(subscription) || feed.subscribers.size > 0) return;
    feed.idleTimer = setTimeout(() => {
      if (feed.subscribers.size > 0 || this.feeds.get(key) !== feed) return;
      this.feeds.delete(key);
      void feed.reader?.then((reader) => reader.stop()).catch(() => undefined);
    }, this.idleMs);
    feed.idleTimer.unref();
  }

  stats(): { feeds: number; subscriptions: number } {
    let subscriptions = 0;
    for (const feed of this.feeds.values()) subscriptions += feed.subscribers.size;
    return { feeds: this.feeds.size, subscriptions };
  }

  async close(): Promise<void> {
    const feeds = [...this.feeds.values()];
    this.feeds.clear();
    await Promise.all(
      feeds.map(async (feed) => {
        clearTimeout(feed.idleTimer);
        await (await feed.reader?.catch(() => undefined))?.stop();
      }),
    );
  }
}
