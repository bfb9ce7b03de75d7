import type { RuleProblem } from './types';

/**
 * A rule config that passed its schema but cannot be compiled (a malformed path, regex or
 * expression). `path` locates the fault inside the rule's config; `position` is the offset
 * inside the string found there.
 */
export class RuleConfigError extends Error {
  override readonly name = 'RuleConfigError';

  constructor(
    message: string,
    readonly path: readonly (string | number)[] = [],
    readonly position?: number,
  ) {
    super(message);
  }
}

/** Thrown by compileRules with every problem of a `validate:` list, not just the first. */
export class RuleCompileError extends Error {
  override readonly name = 'RuleCompileError';

  constructor(readonly problems: readonly RuleProblem[]) {
    super(
      `validate has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n` +
        problems.map((p) => `  [${p.index}] ${p.path.join('.')}: ${p.message}`).join('\n'),
    );
  }
}
