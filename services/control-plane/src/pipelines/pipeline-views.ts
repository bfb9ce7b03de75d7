import type { PipelineEntity, PipelineVersionEntity } from '@tributary/persistence';
import type { DeploymentPlan } from '@tributary/pipeline-spec';

export interface PipelineView {
  tenant: string;
  name: string;
  status: PipelineEntity['status'];
  version: number;
  lastAction: PipelineEntity['lastAction'];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export interface VersionSummary {
  version: number;
  specHash: string;
  format: 'yaml' | 'json';
  appliedBy: string;
  appliedAt: string;
}

export interface VersionDetail extends VersionSummary {
  /** The validated spec, defaults filled in. */
  spec: object;
  /** The document as applied. */
  document: string;
  plan: Pick<DeploymentPlan, 'prefix' | 'recordKey' | 'topics' | 'consumerGroups' | 'subjects' | 'internalTopics'>;
}

export interface PipelineDetail extends PipelineView {
  current: VersionDetail;
}

export function pipelineView(p: PipelineEntity): PipelineView {
  return {
    tenant: p.tenantId,
    name: p.name,
    status: p.status,
    version: p.currentVersion,
    lastAction: p.lastAction,
    createdBy: p.createdBy,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
    deletedAt: p.deletedAt?.toISOString() ?? null,
  };
}

export function versionSummary(v: PipelineVersionEntity): VersionSummary {
  return { version: v.version, specHash: v.specHash, format: v.format, appliedBy: v.appliedBy, appliedAt: v.appliedAt.toISOString() };
}

export function versionDetail(v: PipelineVersionEntity): VersionDetail {
  const plan = v.plan as DeploymentPlan;
  return {
    ...versionSummary(v),
    spec: v.spec,
    document: v.document,
    plan: {
      prefix: plan.prefix,
      recordKey: plan.recordKey,
      topics: plan.topics,
      consumerGroups: plan.consumerGroups,
      subjects: plan.subjects,
      internalTopics: plan.internalTopics,
    },
  };
}

/** What the audit log keeps of a pipeline's state (the spec is in its version row). */
export function auditImage(p: PipelineEntity, specHash?: string): object {
  return { status: p.status, version: p.currentVersion, ...(specHash && { specHash }) };
}
