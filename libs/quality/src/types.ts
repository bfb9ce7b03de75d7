// The contract between the data-quality rules and whoever runs them: libs/pipeline-spec composes
// a pipeline's `validate:` list from RULE_DEFINITIONS, services/validator checks every record
// with the compiled list. Same shape as the transform steps of @tributary/transforms.
import type { z } from 'zod';
import type { CompileContext, DataRecord } from '@tributary/transforms';

export type { DataRecord };

/**
 * Why a record failed a rule; the record then goes to `<p>.errors` with these reasons. `index`
 * is the rule's position in the pipeline's `validate:` list (0-based).
 */
export interface RuleReason {
  rule: string;
  index: number;
  field?: string;
  message: string;
}

/** What compiling a rule may need; the clock drives `unique` windows and `now` in bounds and expressions. */
export interface RuleContext extends CompileContext {
  /** Epoch milliseconds; default Date.now. */
  readonly now?: () => number;
}

/** One kind of rule: the YAML key, its config schema, and how to compile a config. */
export interface RuleDefinition<C = unknown> {
  /** The YAML key: 'notNull', 'range', ... */
  readonly name: string;
  /** One sentence for docs and the console. */
  readonly description: string;
  /** Its config schema (JSON-Schema expressible for the console's editor). */
  readonly config: z.ZodType<C>;
  /** Compiles a config that passed `config`; throws RuleConfigError naming the problem. */
  compile(config: C, ctx: RuleContext): CompiledRule;
}

/** A rule ready to check records: built once per pipeline. */
export interface CompiledRule {
  /** Field paths it reads, normalized ('lines[].sku'), for apply-time checks against the mapped fields. */
  readonly reads: readonly string[];
  /** Undefined when the record passes, else why not (`index` is filled in by compileRules). Never throws. */
  check(record: DataRecord): RuleReason[] | undefined;
}

/** One problem found while compiling a `validate:` list, located like a TransformProblem. */
export interface RuleProblem {
  index: number;
  rule: string;
  /** Path inside the item, starting with the rule name: ['range', 'min']. */
  path: (string | number)[];
  message: string;
  /** 0-based offset inside the string at `path`, for path and expression errors. */
  position?: number;
}
