import type { Admin } from 'kafkajs';

export type TopicSubscription = string | RegExp;

/** The existing topics a subscription covers, with their partition counts, sorted by name. */
export type TopicSet = ReadonlyMap<string, number>;

/** Topics that `subscriptions` name or match, among `existing` (name to partition count). */
export function matchTopics(subscriptions: readonly TopicSubscription[], existing: ReadonlyMap<string, number>): TopicSet {
  const matched = [...existing].filter(([name]) =>
    subscriptions.some((s) => {
      if (typeof s === 'string') return s === name;
      s.lastIndex = 0; // a /g or /y pattern keeps state between test() calls
      return s.test(name);
    }),
  );
  return new Map(matched.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function sameTopicSet(a: TopicSet, b: TopicSet): boolean {
  return a.size === b.size && [...a].every(([name, partitions]) => b.get(name) === partitions);
}

/**
 * The topics a subscription covers right now, from one Metadata request for all topics. Named
 * topics count only once they exist, so a consumer never subscribes to (or, on a broker that
 * auto-creates, creates) a topic nobody has made yet; it picks it up when it appears.
 */
export async function currentTopics(admin: Admin, subscriptions: readonly TopicSubscription[]): Promise<TopicSet> {
  const { topics } = await admin.fetchTopicMetadata();
  return matchTopics(subscriptions, new Map(topics.map((t) => [t.name, t.partitions.length])));
}

/**
 * Polls `read` every `intervalMs` and calls `onChange` when the set differs from the last one
 * reported. Polling the cluster's metadata rather than watching `_tributary.pipelines` was chosen
 * because it sees every way a topic comes to be (the control plane, an upstream producer's
 * topic, an operator's CLI, a partition count raised) with no event contract to keep; the cost is
 * one Metadata request per interval and up to one interval of delay. A service that does watch
 * `_tributary.pipelines` calls `check()` on each event to pick changes up at once.
 */
export class TopicWatch {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private next: Promise<void> | null = null;

  constructor(
    private readonly read: () => Promise<TopicSet>,
    private readonly onChange: (topics: TopicSet) => Promise<void>,
    private readonly onError: (error: unknown) => void,
    private readonly intervalMs: number,
    private last: TopicSet = new Map(),
  ) {}

  start(): void {
    if (this.timer !== null || this.intervalMs <= 0) return;
    this.timer = setInterval(() => void this.check(), this.intervalMs);
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /** Makes the next check report the topics even if unchanged (to rebuild a consumer that died). */
  forget(): void {
    this.last = new Map();
  }

  /**
   * One check. A call during a check gets one more check after it (which sees what changed
   * since), shared by every call made meanwhile.
   */
  check(): Promise<void> {
    if (this.running === null) {
      this.running = this.checkOnce().finally(() => (this.running = null));
      return this.running;
    }
    this.next ??= this.running.then(() => {
      this.next = null;
      return this.check();
    });
    return this.next;
  }

  private async checkOnce(): Promise<void> {
    try {
      const topics = await this.read();
      if (sameTopicSet(topics, this.last)) return;
      await this.onChange(topics);
      this.last = topics;
    } catch (error) {
      this.onError(error);
    }
  }
}
