// Expressions inside step configs: compiled once, with syntax errors located in the config.
import { z } from 'zod';
import { compileExpression, type CompiledExpression } from '../expression/compile-expression';
import { ExpressionEvaluationError, ExpressionSyntaxError } from '../expression/expression-errors';
import { StepConfigError } from '../step-config-error';
import type { CompileContext, Reason } from '../types';
import { reason } from './reason';

export const expressionSchema = z.string().min(1).meta({ description: "An expression: 'round(net + shipping, 2)', \"upper(currency)\", 'total > 0 and currency in [\\'USD\\', \\'EUR\\']'." });

export function expressionAt(text: string, at: readonly (string | number)[], ctx: CompileContext): CompiledExpression {
  try {
    return compileExpression(text, { now: ctx.now, timeZone: ctx.timeZone });
  } catch (e) {
    if (e instanceof ExpressionSyntaxError) throw new StepConfigError(`invalid expression '${text}': ${e.message}`, at, e.position);
    throw e;
  }
}

/** The reason for a failed evaluation; anything but an ExpressionEvaluationError is a bug and rethrown. */
export function evaluationReason(step: string, error: unknown, expression: CompiledExpression, field?: string): Reason[] {
  if (!(error instanceof ExpressionEvaluationError)) throw error;
  return [reason(step, `${error.message} (in '${expression.source}' at offset ${error.position})`, field)];
}
