import type { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { PipelineEntity, PipelineVersionEntity } from '@tributary/persistence';
import type { ConsumerGroupPlan, DeploymentPlan } from '@tributary/pipeline-spec';
import type { Admin } from 'kafkajs';
import type { AuditLog } from '../audit/audit-log';
import type { Actor } from '../auth/principal';
import { ApiError } from '../common/api-error';
import type { PlatformStream } from '../pipelines/platform-stream';
import { commitGroupOffsets, type OffsetTarget } from './group-offsets';

export interface ReplayRequest {
  /** The stage's consumer: transformer, validator, tax-sink, sink.<n>.<name>. */
  readonly stage: string;
  /** From the first record at or after this time, in every partition. */
  readonly fromTimestamp?: Date;
  /** From this offset (clamped to what the partition holds), in every partition or in `partition`. */
  readonly fromOffset?: number;
  readonly partition?: number;
  /** One of the topics the stage reads (tax-sink reads valid and retry); default all of them. */
  readonly topic?: string;
}

export interface PartitionMove {
  topic: string;
  partition: number;
  /** The group's committed offset before; null when it had none. */
  before: string | null;
  after: string;
}

export interface ReplayOutcome {
  pipeline: string;
  stage: string;
  groupId: string;
  moved: PartitionMove[];
}

/** Stage names people use for the consumers that run them. */
const ALIASES: Record<string, string> = { transform: 'transformer', validate: 'validator', 'tax-api': 'tax-sink', taxApi: 'tax-sink' };

/**
 * Replay: moves a stage's consumer group back (or forward) to an offset or a time, so the stage
 * reprocesses from there when its consumers start; sinks upsert by key, so results stay
 * idempotent. Kafka only moves the offsets of a group without members, so the stage must not be
 * consuming: pausing the pipeline makes every stage service leave its groups (or its consumers
 * are stopped), and a group with members is a 409 that says so. Audited with every partition moved.
 */
export class StageReplay {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLog,
    private readonly stream: PlatformStream,
    private readonly logger: Logger,
  ) {}

  async replay(actor: Actor, tenantId: string, pipeline: string, request: ReplayRequest): Promise<ReplayOutcome> {
    const group = await this.consumerGroup(tenantId, pipeline, request);
    const topics = request.topic ? [request.topic] : group.reads;
    const admin = await this.stream.admin();
    await this.requireEmpty(admin, group.groupId, pipeline);
    const committed = await admin.fetchOffsets({ groupId: group.groupId, topics });
    const targets: OffsetTarget[] = [];
    for (const topic of topics) targets.push({ topic, partitions: await this.targets(admin, topic, request) });
    try {
      await commitGroupOffsets(this.stream.kafka!, group.groupId, targets);
    } catch (err) {
      this.logger.warn({ tenant: tenantId, pipeline, groupId: group.groupId, err: (err as Error).message }, 'could not move consumer offsets');
      throw new ApiError('unavailable', `Kafka did not move the offsets of '${group.groupId}'; try again`);
    }
    const moved: PartitionMove[] = targets.flatMap(({ topic, partitions }) => {
      const before = committed.find((c) => c.topic === topic)?.partitions ?? [];
      return partitions.map(({ partition, offset }) => {
        const old = before.find((p) => p.partition === partition)?.offset;
        return { topic, partition, before: old === undefined || old === '-1' ? null : old, after: offset };
      });
    });
    const from = request.fromTimestamp ? { timestamp: request.fromTimestamp.toISOString() } : { offset: request.fromOffset, partition: request.partition ?? null };
    await this.dataSource.transaction((manager) =>
      this.audit.record(manager, actor, { tenantId, action: 'pipeline.replay', target: `pipeline:${pipeline}`, after: { stage: group.consumer, groupId: group.groupId, from, moved } }),
    );
    return { pipeline, stage: group.consumer, groupId: group.groupId, moved };
  }

  private async consumerGroup(tenantId: string, pipeline: string, request: ReplayRequest): Promise<ConsumerGroupPlan> {
    const p = await this.dataSource.getRepository(PipelineEntity).findOneBy({ tenantId, name: pipeline });
    if (!p || p.status === 'deleted') throw new ApiError('not-found', `no pipeline '${pipeline}' in tenant '${tenantId}'`);
    const version = await this.dataSource.getRepository(PipelineVersionEntity).findOneByOrFail({ pipelineId: p.id, version: p.currentVersion });
    const groups = (version.plan as DeploymentPlan).consumerGroups;
    const stage = ALIASES[request.stage] ?? request.stage;
    const group = groups.find((g) => g.consumer === stage);
    if (!group) {
      throw new ApiError('invalid', 'the request body is invalid', [
        { path: 'body.stage', message: `pipeline '${pipeline}' has no stage '${request.stage}'; its stages are ${groups.map((g) => g.consumer).join(', ')}` },
      ]);
    }
    if (request.topic && !group.reads.includes(request.topic)) {
      throw new ApiError('invalid', 'the request body is invalid', [{ path: 'body.topic', message: `stage '${stage}' reads ${group.reads.join(' and ')}, not '${request.topic}'` }]);
    }
    return group;
  }

  private async requireEmpty(admin: Admin, groupId: string, pipeline: string): Promise<void> {
    const { groups } = await admin.describeGroups([groupId]);
    const members = groups[0]?.members ?? [];
    if (members.length > 0) {
      const who = [...new Set(members.map((m) => `${m.clientId}@${m.clientHost}`))].join(', ');
      throw busy(groupId, pipeline, `it has ${members.length} active member${members.length === 1 ? '' : 's'} (${who})`);
    }
  }

  private async targets(admin: Admin, topic: string, request: ReplayRequest): Promise<{ partition: number; offset: string }[]> {
    if (request.fromTimestamp) {
      return (await admin.fetchTopicOffsetsByTimestamp(topic, request.fromTimestamp.getTime())).map(({ partition, offset }) => ({ partition, offset }));
    }
    const partitions = await admin.fetchTopicOffsets(topic);
    if (request.partition !== undefined && !partitions.some((p) => p.partition === request.partition)) {
      throw new ApiError('invalid', 'the request body is invalid', [{ path: 'body.partition', message: `${topic} has partitions 0 to ${partitions.length - 1}` }]);
    }
    return partitions
      .filter((p) => request.partition === undefined || p.partition === request.partition)
      .map((p) => ({ partition: p.partition, offset: String(clamp(request.fromOffset!, Number(p.low), Number(p.high))) }));
  }
}

function busy(groupId: string, pipeline: string, why: string): ApiError {
  return new ApiError(
    'conflict',
    `cannot replay while consumer group '${groupId}' is running: ${why}; pause the pipeline ('tributary pause ${pipeline}' or POST .../pipelines/${pipeline}/pause) so its stages leave their groups, or stop the stage's consumers, then replay and resume`,
  );
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}
