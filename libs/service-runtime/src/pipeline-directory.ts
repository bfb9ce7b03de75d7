import { randomUUID } from 'node:crypto';
import { platformSchemasByName } from '@tributary/avro';
import { compilePipeline, formatFault, INTERNAL_TOPICS, parseAnnouncement, validatePipeline, type DeploymentPlan, type PipelineAnnouncement, type PipelineSpec } from '@tributary/pipeline-spec';
import type { Consumer, Kafka } from 'kafkajs';
import type { Logger } from 'pino';

/** A pipeline that is running: its validated spec and compiled plan at one version. */
export interface ActivePipeline {
  readonly tenant: string;
  readonly pipeline: string;
  readonly version: number;
  readonly prefix: string;
  readonly spec: PipelineSpec;
  readonly plan: DeploymentPlan;
}

export type DirectoryListener = (prefix: string, pipeline: ActivePipeline | undefined) => void;

/**
 * This process's view of `_tributary.pipelines`: every active pipeline's spec and plan, kept up
 * to date by reading the compacted topic from its start. Each process reads all of it (its own
 * throwaway consumer group, nothing committed), because every instance of a stage service needs
 * every pipeline. An announcement that does not parse or compile is logged and leaves the
 * pipeline as it was: a bad message must not stop the pipelines that are fine.
 */
export class PipelineDirectory {
  private readonly pipelines = new Map<string, ActivePipeline>();
  private readonly listeners: DirectoryListener[] = [];
  private consumer: Consumer | undefined;
  private caughtUp!: Promise<void>;

  constructor(
    private readonly kafka: Kafka,
    private readonly service: string,
    private readonly logger: Logger,
  ) {}

  /** Starts reading; resolves once the topic has been read up to where it ended at start. */
  async start(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    const ends = await admin.fetchTopicOffsets(INTERNAL_TOPICS.pipelines).finally(() => admin.disconnect());
    const pending = new Map(ends.filter((e) => Number(e.high) > Number(e.low)).map((e) => [e.partition, Number(e.high)]));
    let markCaughtUp!: () => void;
    this.caughtUp = new Promise((resolve) => (markCaughtUp = resolve));
    if (pending.size === 0) markCaughtUp();

    this.consumer = this.kafka.consumer({ groupId: `_tributary.directory.${this.service}.${randomUUID()}`, maxWaitTimeInMs: 500 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: INTERNAL_TOPICS.pipelines, fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        this.apply(parseAnnouncement(message.value), message.offset);
        const end = pending.get(partition);
        if (end !== undefined && Number(message.offset) + 1 >= end) {
          pending.delete(partition);
          if (pending.size === 0) markCaughtUp();
        }
      },
    });
    await this.caughtUp;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }

  /** Every active pipeline now. */
  active(): ActivePipeline[] {
    return [...this.pipelines.values()];
  }

  get(prefix: string): ActivePipeline | undefined {
    return this.pipelines.get(prefix);
  }

  find(tenant: string, pipeline: string): ActivePipeline | undefined {
    return this.active().find((p) => p.tenant === tenant && p.pipeline === pipeline);
  }

  /** Called with (prefix, pipeline) when one starts or changes, and (prefix, undefined) when it stops. */
  onChange(listener: DirectoryListener): void {
    this.listeners.push(listener);
  }

  private apply(announcement: PipelineAnnouncement | string, offset: string): void {
    if (typeof announcement === 'string') {
      this.logger.warn({ topic: INTERNAL_TOPICS.pipelines, offset, err: announcement }, 'passed over a pipeline announcement');
      return;
    }
    const { prefix } = announcement;
    if (announcement.status !== 'active') {
      if (this.pipelines.delete(prefix)) this.tell(prefix, undefined);
      return;
    }
    const current = this.pipelines.get(prefix);
    if (current && current.version === announcement.version) return;
    const active = activePipelineOf(announcement);
    if (typeof active === 'string') {
      this.logger.error({ tenant: announcement.tenant, pipeline: announcement.pipeline, version: announcement.version, err: active }, 'pipeline version not taken up');
      return;
    }
    this.pipelines.set(prefix, active);
    this.tell(prefix, active);
  }

  private tell(prefix: string, pipeline: ActivePipeline | undefined): void {
    for (const listener of this.listeners) {
      try {
        listener(prefix, pipeline);
      } catch (err) {
        this.logger.error({ prefix, err: (err as Error).message }, 'a pipeline change listener failed');
      }
    }
  }
}

/** The spec validated and compiled as the control plane did on apply (same platform schemas). */
export function activePipelineOf(announcement: PipelineAnnouncement): ActivePipeline | string {
  if (!announcement.spec) return 'the announcement carries no spec';
  const parsed = validatePipeline(announcement.spec);
  if (!parsed.ok) return parsed.faults.map((f) => formatFault(f)).join('; ');
  const compiled = compilePipeline(parsed.spec, { context: { schemas: platformSchemasByName() } });
  if (!compiled.ok) return compiled.faults.map((f) => formatFault(f)).join('; ');
  const { tenant, pipeline, version, prefix } = announcement;
  return { tenant, pipeline, version, prefix, spec: parsed.spec, plan: compiled.plan };
}
