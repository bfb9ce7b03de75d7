import type { FieldType } from '@tributary/transforms';
import type { Stage } from './settings';

/** What `compile` gives: everything a deployer creates or configures for one pipeline. */
export interface DeploymentPlan {
  tenant: string;
  pipeline: string;
  /** `tributary.<tenant>.<pipeline>`: the prefix of every topic and consumer group. */
  prefix: string;
  /** The field whose value keys every record (one order's versions share a partition). */
  recordKey: string;
  topics: TopicPlan[];
  consumerGroups: ConsumerGroupPlan[];
  /** Registry subjects, one per stage topic (topic-name strategy). */
  subjects: string[];
  /** Platform topics the pipeline also uses (run events, cursors, pipeline changes). */
  internalTopics: string[];
  /** The output schema of every transform step, in order. */
  steps: StepPlan[];
  rules: RulePlan[];
  /** The fields of a record on `<p>.mapped` (the last step's output). */
  mappedFields: FieldList;
  /** False when the source declares no fields: reads of source fields could not be checked. */
  fieldsChecked: boolean;
}

/** [normalized path, type], parents before children. */
export type FieldList = Array<[string, FieldType]>;

export interface TopicPlan {
  stage: Stage;
  name: string;
  partitions: number;
  /** Undefined: the broker's default.replication.factor. */
  replicationFactor?: number;
  /** Topic configs as CreateTopics takes them. */
  config: Record<string, string>;
  subject: string;
  /** What the values are: the source's raw records, the mapped fields, or a platform schema. */
  valueSchema: 'raw' | 'mapped' | 'TaxResult' | 'ErrorRecord';
}

export interface ConsumerGroupPlan {
  /** The stage service that runs in this group: transformer, validator, tax-sink, sink.<n>.<name>. */
  consumer: string;
  groupId: string;
  reads: string[];
  writes: string[];
}

export interface StepPlan {
  index: number;
  name: string;
  reads: string[];
  /** The fields a record has after this step. */
  output: FieldList;
}

export interface RulePlan {
  index: number;
  name: string;
  reads: string[];
}
