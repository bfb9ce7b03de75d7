import { compileRules, RuleCompileError, type RuleContext } from '@tributary/quality';
import { compileTransform, fieldSetOf, openFieldSet, TransformCompileError, type FieldSet } from '@tributary/transforms';
import type { DeploymentPlan, FieldList, RulePlan, StepPlan } from './deployment-plan';
import type { FaultTarget, LocateFault } from './issue-faults';
import { jsonPointer } from './json-pointer';
import type { PipelineSpec } from './pipeline-schema';
import { stagePlan } from './stage-plan';
import { PipelineSpecError, type SpecFault } from './spec-fault';

export interface CompileOptions {
  /** The raw record's fields when known from the source's schema; default: source.fields, else open (unchecked). */
  sourceFields?: FieldSet;
  /** Reference datasets, named Avro schemas and the clock the steps and rules compile with. */
  context?: RuleContext;
  /**
   * The source connector's own check of the source (its options), which this library cannot
   * make: the connectors live in connectors/ (connector-registry's sourceOptionFaults). Paths
   * are under `source`.
   */
  checkSource?: (source: PipelineSpec['source']) => readonly { readonly path: readonly (string | number)[]; readonly message: string }[];
}

export type CompileOutcome = { ok: true; plan: DeploymentPlan } | { ok: false; faults: SpecFault[] };

/**
 * The deployment plan of a valid pipeline: topics and their settings per stage, consumer groups,
 * subjects, and the output fields of every step. Compiling every step and rule here is what
 * turns "a step reads a field nothing produces" into an error at apply time, not at run time.
 * Throws PipelineSpecError listing every fault.
 */
export function compile(spec: PipelineSpec, options: CompileOptions = {}): DeploymentPlan {
  const outcome = compilePipeline(spec, options);
  if (!outcome.ok) throw new PipelineSpecError(outcome.faults);
  return outcome.plan;
}

/** compile, returning the faults (located when `locate` maps paths to the document's lines). */
export function compilePipeline(spec: PipelineSpec, options: CompileOptions = {}, locate: LocateFault = () => undefined): CompileOutcome {
  const faults: SpecFault[] = [];
  const fault = (path: (string | number)[], message: string, offset?: number) => {
    const target: FaultTarget = { path, at: 'value', ...(offset !== undefined && { offset }) };
    faults.push({ path: jsonPointer(path), ...locate(target), message: `${message} at ${jsonPointer(path)}` });
  };
  const context = options.context ?? {};
  const declared = spec.source.fields;
  const sourceFields = options.sourceFields ?? (declared ? fieldSetOf(Object.fromEntries(declared.map((field) => [field, 'unknown' as const]))) : openFieldSet());
  if (!sourceFields.has(spec.source.key)) fault(['source', 'key'], `the key '${spec.source.key}' is not a field of the source`);
  for (const problem of options.checkSource?.(spec.source) ?? []) fault(['source', ...problem.path], problem.message);

  const steps: StepPlan[] = [];
  let mapped: FieldSet = sourceFields;
  try {
    const transform = compileTransform(spec.transform as Array<Record<string, unknown>>, context);
    let fields = sourceFields;
    transform.steps.forEach(({ name, step }, index) => {
      for (const read of step.reads) {
        if (!fields.has(read)) fault(['transform', index, name], `reads '${read}', which neither the source nor an earlier step produces`);
      }
      fields = step.outputFields(fields);
      steps.push({ index, name, reads: [...step.reads], output: listOf(fields) });
    });
    mapped = fields;
  } catch (e) {
    if (!(e instanceof TransformCompileError)) throw e;
    for (const problem of e.problems) fault(['transform', problem.index, ...problem.path], problem.message, problem.position);
  }

  const rules: RulePlan[] = [];
  try {
    const compiled = compileRules(spec.validate as Array<Record<string, unknown>>, context);
    compiled.rules.forEach(({ name, rule }, index) => {
      for (const read of rule.reads) if (!mapped.has(read)) fault(['validate', index, name], `checks '${read}', which the mapped records do not have`);
      rules.push({ index, name, reads: [...rule.reads] });
    });
  } catch (e) {
    if (!(e instanceof RuleCompileError)) throw e;
    for (const problem of e.problems) fault(['validate', problem.index, ...problem.path], problem.message, problem.position);
  }

  const quality = spec.quality;
  if (quality) {
    const checked: Array<[(string | number)[], string]> = [
      ...Object.keys(quality.completeness).map((field): [(string | number)[], string] => [['quality', 'completeness', field], field]),
      ...Object.keys(quality.uniqueness).map((field): [(string | number)[], string] => [['quality', 'uniqueness', field], field]),
      ...quality.anomalies.fields.map((field, i): [(string | number)[], string] => [['quality', 'anomalies', 'fields', i], field]),
    ];
    for (const [path, field] of checked) if (!mapped.has(field)) fault(path, `measures '${field}', which the mapped records do not have`);
  }

  if (faults.length > 0) return { ok: false, faults };
  return { ok: true, plan: { ...stagePlan(spec), recordKey: spec.source.key, steps, rules, mappedFields: listOf(mapped), fieldsChecked: !sourceFields.open } };
}

function listOf(fields: FieldSet): FieldList {
  return fields.entries().map(([path, type]) => [path, type]);
}
