import { z } from 'zod';
import { compileExpression, ExpressionEvaluationError, ExpressionSyntaxError, type CompiledExpression } from '@tributary/transforms';
import { RuleConfigError } from '../rule-config-error';
import type { RuleDefinition, RuleReason } from '../types';

const config = z
  .union([
    z.string().min(1),
    z.strictObject({
      check: z.string().min(1).describe('An expression of the transforms language that must be true'),
      message: z.string().min(1).optional().describe('What a failing record is told; default: the expression'),
      field: z.string().min(1).optional().describe('The field a failure is reported against'),
    }),
  ])
  .meta({
    description: 'A cross-field consistency check in the expression language (never eval)',
    examples: [{ check: 'abs(sum(lines[*].amount) - totals.total) <= 0.01', message: 'line amounts must add up to the order total' }],
  });

/**
 * True passes, false fails. Null (a field it reads is missing) passes: missing values are
 * notNull's concern, as a SQL CHECK passes on NULL. Any other result, or an evaluation error
 * (a type mismatch, a division by zero), fails the record with what went wrong.
 */
export const expressionRule: RuleDefinition<z.infer<typeof config>> = {
  name: 'expression',
  description: 'Fails a record for which an expression is false: cross-field consistency such as line totals adding up to the order total.',
  config,
  compile(cfg, ctx) {
    const check = typeof cfg === 'string' ? cfg : cfg.check;
    const at = typeof cfg === 'string' ? [] : ['check'];
    let expression: CompiledExpression;
    try {
      expression = compileExpression(check, { ...(ctx.now && { now: ctx.now }), ...(ctx.timeZone && { timeZone: ctx.timeZone }) });
    } catch (e) {
      if (e instanceof ExpressionSyntaxError) throw new RuleConfigError(e.message, at, e.position);
      throw e;
    }
    const message = typeof cfg === 'string' || cfg.message === undefined ? `${check} is false` : cfg.message;
    const field = typeof cfg === 'string' ? undefined : cfg.field;
    const fail = (text: string): RuleReason[] => [field === undefined ? { rule: 'expression', index: -1, message: text } : { rule: 'expression', index: -1, field, message: text }];
    return {
      reads: expression.reads,
      check(record) {
        const result = expression.attempt(record);
        if (result instanceof ExpressionEvaluationError) return fail(`${check} could not be evaluated: ${result.message}`);
        if (result === true || result === null || result === undefined) return undefined;
        if (result === false) return fail(message);
        return fail(`${check} gave ${JSON.stringify(result)}, not true or false`);
      },
    };
  },
};
