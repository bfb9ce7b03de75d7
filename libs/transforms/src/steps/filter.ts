import type { z } from 'zod';
import { describeValue } from '../expression/values';
import type { StepDefinition } from '../types';
import { evaluationReason, expressionAt, expressionSchema } from './config-expression';
import { reason } from './reason';

const config = expressionSchema.meta({
  description: "A condition: records for which it is true go on; false or null drops the record (a choice, not an error): \"status != 'cancelled'\".",
});

export const filterStep: StepDefinition<z.infer<typeof config>> = {
  name: 'filter',
  description: 'Keeps only the records for which a condition holds.',
  config,
  compile(cfg, ctx) {
    const condition = expressionAt(cfg, [], ctx);
    return {
      reads: condition.reads,
      outputFields: (input) => input,
      apply(record, emit) {
        let keep: unknown;
        try {
          keep = condition.evaluate(record);
        } catch (e) {
          return evaluationReason('filter', e, condition);
        }
        if (keep === true) emit(record);
        else if (keep !== false && keep !== null) return [reason('filter', `the condition '${condition.source}' must give true, false or null, got ${describeValue(keep)}`)];
        return undefined;
      },
    };
  },
};
