import { z } from 'zod';
import { ExpressionEvaluationError } from '../expression/expression-errors';
import { compileTargetWriters } from '../path/target-writers';
import type { StepDefinition } from '../types';
import { fieldPathSchema, pathAt } from './config-path';
import { evaluationReason, expressionAt, expressionSchema } from './config-expression';
import { reason } from './reason';

const config = z.record(fieldPathSchema, expressionSchema).meta({
  description: "Field path to expression, evaluated in order (a later entry sees an earlier one's result): { currency: 'upper(currency)', total: 'round(net + shipping, 2)' }. A null result stores null.",
});

export const setStep: StepDefinition<z.infer<typeof config>> = {
  name: 'set',
  description: 'Sets fields to the values of expressions.',
  config,
  compile(cfg, ctx) {
    const assignments = Object.entries(cfg).map(([field, text]) => {
      const target = pathAt(field, [field], { wildcard: false });
      return { target, expression: expressionAt(text, [field], ctx) };
    });
    const writers = compileTargetWriters(assignments.map((a) => a.target));
    const produced = new Set<string>();
    const reads = new Set<string>();
    for (const a of assignments) {
      for (const read of a.expression.reads) if (!produced.has(read)) reads.add(read);
      produced.add(a.target.normalized);
    }
    return {
      reads: [...reads],
      outputFields: (input) => assignments.reduce((fields, a) => fields.with(a.target.text, 'unknown'), input),
      apply(record, emit) {
        for (let i = 0; i < assignments.length; i++) {
          const a = assignments[i];
          const value = a.expression.attempt(record);
          if (value instanceof ExpressionEvaluationError) {
            writers.reset();
            return evaluationReason('set', value, a.expression, a.target.text);
          }
          const failure = writers.set(record, i, value);
          if (failure !== undefined) {
            writers.reset();
            return [reason('set', failure, a.target.text)];
          }
        }
        writers.reset();
        emit(record);
        return undefined;
      },
    };
  },
};
