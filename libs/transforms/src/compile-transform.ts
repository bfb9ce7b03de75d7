// Compiles a pipeline's `transform:` list: each item is a one-key object { stepName: config }.
// Every item is checked (schema, then the step's own compile) and all problems are reported
// together, located by index and config path, so pipeline-spec can point at YAML lines.
import type { z } from 'zod';
import type { FieldSet } from './field-set';
import { StepConfigError } from './step-config-error';
import { STEP_DEFINITIONS } from './step-list';
import { TransformCompileError } from './transform-compile-error';
import { chainSteps } from './transform-run';
import type { CompileContext, CompiledStep, CompiledTransform, Reason, StepDefinition, TransformProblem } from './types';
import { closestName } from './closest-name';

const BY_NAME = new Map<string, StepDefinition>(STEP_DEFINITIONS.map((d) => [d.name, d]));

function zodProblems(index: number, step: string, error: z.ZodError): TransformProblem[] {
  return error.issues.map((issue) => ({ index, step, path: [step, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))], message: issue.message }));
}

/** Where an own '__proto__' key sits in a config, if anywhere: schema parsing would drop it unseen. */
function protoKeyAt(value: unknown, at: (string | number)[]): (string | number)[] | undefined {
  if (typeof value !== 'object' || value === null || at.length > 32) return undefined;
  if (!Array.isArray(value) && Object.prototype.hasOwnProperty.call(value, '__proto__')) return [...at, '__proto__'];
  for (const [key, child] of Object.entries(value)) {
    const found = protoKeyAt(child, [...at, Array.isArray(value) ? Number(key) : key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

function compileItem(item: unknown, index: number, ctx: CompileContext): { name: string; step: CompiledStep } | TransformProblem[] {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return [{ index, step: '', path: [], message: 'a step must be an object with one key, the step name: { rename: {...} }' }];
  }
  const keys = Object.keys(item);
  if (keys.length !== 1) {
    const message = keys.length === 0 ? 'empty step: expected one key, the step name' : `a step has one key, the step name; found ${keys.map((k) => `'${k}'`).join(', ')}`;
    return [{ index, step: '', path: [], message }];
  }
  const name = keys[0];
  const definition = BY_NAME.get(name);
  if (definition === undefined) {
    const hint = closestName(name, [...BY_NAME.keys()]);
    return [{ index, step: name, path: [name], message: `unknown step '${name}'${hint ? `; did you mean '${hint}'?` : ''}` }];
  }
  const raw = (item as Record<string, unknown>)[name];
  const hidden = protoKeyAt(raw, []);
  if (hidden !== undefined) return [{ index, step: name, path: [name, ...hidden], message: "'__proto__' cannot be a key in a step config: the config would lose it silently" }];
  const parsed = definition.config.safeParse(raw);
  if (!parsed.success) return zodProblems(index, name, parsed.error);
  try {
    return { name, step: definition.compile(parsed.data, ctx) };
  } catch (e) {
    if (e instanceof StepConfigError) return [{ index, step: name, path: [name, ...e.path], message: e.message, ...(e.position === undefined ? {} : { position: e.position }) }];
    return [{ index, step: name, path: [name], message: e instanceof Error ? e.message : String(e) }];
  }
}

/** Compiles the list once per pipeline; throws TransformCompileError listing every problem. */
export function compileTransform(steps: ReadonlyArray<Record<string, unknown>>, ctx: CompileContext = {}): CompiledTransform {
  if (!Array.isArray(steps)) throw new TransformCompileError([{ index: 0, step: '', path: [], message: 'transform must be a list of steps' }]);
  const compiled: { name: string; step: CompiledStep }[] = [];
  const problems: TransformProblem[] = [];
  steps.forEach((item, index) => {
    const result = compileItem(item, index, ctx);
    if (Array.isArray(result)) problems.push(...result);
    else compiled.push(result);
  });
  if (problems.length > 0) throw new TransformCompileError(problems);
  return {
    steps: compiled,
    run: chainSteps(compiled),
    outputFields: (input) => checkFields(compiled, input),
  };
}

function checkFields(steps: readonly { name: string; step: CompiledStep }[], input: FieldSet): { fields: FieldSet; errors: Reason[] } {
  const errors: Reason[] = [];
  let fields = input;
  steps.forEach(({ name, step }, index) => {
    for (const read of step.reads) {
      if (!fields.has(read)) errors.push({ step: name, index, field: read, message: `reads '${read}', which neither the source nor an earlier step produces` });
    }
    fields = step.outputFields(fields);
  });
  return { fields, errors };
}
