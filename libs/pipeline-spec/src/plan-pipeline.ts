import { compilePipeline, type CompileOptions } from './compile-pipeline';
import type { DeploymentPlan } from './deployment-plan';
import { parsePipeline, type ParseOptions } from './parse-pipeline';
import type { PipelineSpec } from './pipeline-schema';
import { PipelineSpecError, type SpecFault } from './spec-fault';

export type PlanOutcome = { ok: true; spec: PipelineSpec; plan: DeploymentPlan } | { ok: false; faults: SpecFault[] };

/**
 * What `apply` runs: parse, validate and compile a pipeline document, every fault (schema or
 * plan) located at its line and column.
 */
export function planPipeline(text: string, options: ParseOptions & CompileOptions = {}): PlanOutcome {
  const parsed = parsePipeline(text, options);
  if (!parsed.ok) return parsed;
  const compiled = compilePipeline(parsed.spec, options, parsed.locate);
  if (!compiled.ok) return compiled;
  return { ok: true, spec: parsed.spec, plan: compiled.plan };
}

/** planPipeline that throws PipelineSpecError instead of returning faults. */
export function loadPlan(text: string, options: ParseOptions & CompileOptions & { file?: string } = {}): { spec: PipelineSpec; plan: DeploymentPlan } {
  const outcome = planPipeline(text, options);
  if (!outcome.ok) throw new PipelineSpecError(outcome.faults, options.file);
  return { spec: outcome.spec, plan: outcome.plan };
}
