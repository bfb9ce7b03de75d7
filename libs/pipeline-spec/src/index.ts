// @tributary/pipeline-spec: the pipeline document (YAML or JSON) — one zod schema that gives
// parsing, validation, the TypeScript types and the exported JSON Schema — and `compile`, which
// turns a valid pipeline into its deployment plan. Pure: no I/O. This file is the library's only
// public API.

/** The document's schema, composed from the step, rule and sink registries. */
export { pipelineSchema, stepItemSchema, ruleItemSchema, sinkItemSchema, pipelineJsonSchema, type PipelineSpec, type PipelineDocument } from './pipeline-schema';
export { metadataSchema, resourceName, type PipelineMetadata } from './metadata';
export { sourceSchema, locationOf, type PipelineSource } from './source';
export { settingsSchema, retentionOf, STAGES, DEFAULT_RETENTION_MS, type Stage, type PipelineSettings } from './settings';
export { SINK_DEFINITIONS, PLATFORM_TABLES, type SinkDefinition } from './sinks';

/** Text (YAML or JSON) or a value to a validated PipelineSpec, with every fault located. */
export { parsePipeline, validatePipeline, loadPipeline, type ParseOutcome, type ParseOptions } from './parse-pipeline';
export { PipelineSpecError, formatFault, type SpecFault } from './spec-fault';

/** A PipelineSpec to its deployment plan: topics, groups, subjects, every step's output fields. */
export { compile, compilePipeline, type CompileOptions, type CompileOutcome } from './compile-pipeline';
/** Text straight to a plan, the way `apply` does it. */
export { planPipeline, loadPlan, type PlanOutcome } from './plan-pipeline';
export type { DeploymentPlan, TopicPlan, ConsumerGroupPlan, StepPlan, RulePlan, FieldList } from './deployment-plan';
export { parseAnnouncement, type PipelineAnnouncement } from './pipeline-announcement';
export { pipelinePrefix, stageTopic, valueSubject, consumerGroup, INTERNAL_TOPICS } from './topic-names';

export { cronProblem } from './cron';
export { nearestName } from './nearest-name';
