// Compiles a pipeline's `validate:` list: each item is a one-key object { ruleName: config }.
// Every item is checked (schema, then the rule's own compile) and all problems are reported
// together, located by index and config path, so pipeline-spec can point at YAML lines.
import type { z } from 'zod';
import { RuleCompileError, RuleConfigError } from './rule-config-error';
import { RULE_DEFINITIONS } from './rule-list';
import type { CompiledRule, DataRecord, RuleContext, RuleDefinition, RuleProblem, RuleReason } from './types';

const BY_NAME = new Map<string, RuleDefinition>(RULE_DEFINITIONS.map((definition) => [definition.name, definition]));
const PASSED: readonly RuleReason[] = Object.freeze([]);

/** A whole `validate:` list compiled once. */
export interface CompiledRules {
  readonly rules: readonly { readonly name: string; readonly rule: CompiledRule }[];
  /**
   * Every rule runs, so a failing record's reasons name all its faults at once. Returns the same
   * frozen empty array for every passing record (no allocation on the common path).
   */
  check(record: DataRecord): readonly RuleReason[];
}

function zodProblems(index: number, rule: string, error: z.ZodError): RuleProblem[] {
  return error.issues.map((issue) => ({ index, rule, path: [rule, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))], message: issue.message }));
}

function compileItem(item: unknown, index: number, ctx: RuleContext): { name: string; rule: CompiledRule } | RuleProblem[] {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return [{ index, rule: '', path: [], message: 'a rule is an object with one key, the rule name: { notNull: [...] }' }];
  }
  const keys = Object.keys(item);
  if (keys.length !== 1) return [{ index, rule: '', path: [], message: `a rule has one key, the rule name; found ${keys.length}` }];
  const name = keys[0];
  const definition = BY_NAME.get(name);
  if (!definition) return [{ index, rule: name, path: [name], message: `unknown rule '${name}'; one of ${[...BY_NAME.keys()].join(', ')}` }];
  const parsed = definition.config.safeParse((item as Record<string, unknown>)[name]);
  if (!parsed.success) return zodProblems(index, name, parsed.error);
  try {
    return { name, rule: definition.compile(parsed.data, ctx) };
  } catch (e) {
    if (e instanceof RuleConfigError) return [{ index, rule: name, path: [name, ...e.path], message: e.message, ...(e.position !== undefined && { position: e.position }) }];
    return [{ index, rule: name, path: [name], message: e instanceof Error ? e.message : String(e) }];
  }
}

/** Compiles the list once per pipeline; throws RuleCompileError listing every problem. */
export function compileRules(items: ReadonlyArray<Record<string, unknown>>, ctx: RuleContext = {}): CompiledRules {
  const rules: { name: string; rule: CompiledRule }[] = [];
  const problems: RuleProblem[] = [];
  items.forEach((item, index) => {
    const result = compileItem(item, index, ctx);
    if (Array.isArray(result)) problems.push(...result);
    else rules.push(result);
  });
  if (problems.length > 0) throw new RuleCompileError(problems);
  return {
    rules,
    check(record) {
      let reasons: RuleReason[] | undefined;
      for (let i = 0; i < rules.length; i++) {
        let found: RuleReason[] | undefined;
        try {
          found = rules[i].rule.check(record);
        } catch (e) {
          // A rule must not throw; if one does, the record fails instead of the partition.
          found = [{ rule: rules[i].name, index: i, message: `internal error: ${e instanceof Error ? e.message : String(e)}` }];
        }
        if (found === undefined) continue;
        for (const reason of found) reason.index = i;
        if (reasons) reasons.push(...found);
        else reasons = found;
      }
      return reasons ?? PASSED;
    },
  };
}
