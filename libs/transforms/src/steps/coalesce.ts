import { z } from 'zod';
import { compileSetter } from '../path/path-write';
import type { StepDefinition } from '../types';
import { fieldPathSchema, pathAt } from './config-path';
import { evaluationReason, expressionAt, expressionSchema } from './config-expression';
import { reason } from './reason';

const config = z.record(fieldPathSchema, z.array(expressionSchema).min(1)).meta({
  description:
    "Target path to candidates (fields or expressions), tried in order; the first non-null value is stored, else null: { customerName: [name, \"concat(first, ' ', last)\", \"'unknown'\"] }. Later candidates are not evaluated.",
});

export const coalesceStep: StepDefinition<z.infer<typeof config>> = {
  name: 'coalesce',
  description: 'Sets a field from the first non-null of several fields or expressions.',
  config,
  compile(cfg, ctx) {
    const targets = Object.entries(cfg).map(([field, candidates]) => {
      const target = pathAt(field, [field], { wildcard: false });
      return { target, candidates: candidates.map((text, i) => expressionAt(text, [field, i], ctx)), set: compileSetter(target) };
    });
    return {
      reads: [...new Set(targets.flatMap((t) => t.candidates.flatMap((c) => c.reads)))],
      outputFields: (input) => targets.reduce((fields, t) => fields.with(t.target.text, 'unknown'), input),
      apply(record, emit) {
        for (let i = 0; i < targets.length; i++) {
          const t = targets[i];
          let value: unknown = null;
          for (let j = 0; j < t.candidates.length; j++) {
            try {
              value = t.candidates[j].evaluate(record);
            } catch (e) {
              return evaluationReason('coalesce', e, t.candidates[j], t.target.text);
            }
            if (value !== null) break;
          }
          const failure = t.set(record, value);
          if (failure !== undefined) return [reason('coalesce', failure, t.target.text)];
        }
        emit(record);
        return undefined;
      },
    };
  },
};
