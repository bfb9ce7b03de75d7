import { z } from 'zod';
import { compileDeleter } from '../path/path-write';
import type { StepDefinition } from '../types';
import { asList, fieldPathListSchema, pathAt } from './config-path';

const config = fieldPathListSchema.meta({ description: "Paths to remove: [internalNote, 'lines[*].cost']. Missing fields are ignored." });

export const dropStep: StepDefinition<z.infer<typeof config>> = {
  name: 'drop',
  description: 'Removes fields.',
  config,
  compile(cfg) {
    const paths = asList(cfg).map((p, i) => pathAt(p, typeof cfg === 'string' ? [] : [i]));
    const removers = paths.map(compileDeleter);
    return {
      reads: [],
      outputFields: (input) => paths.reduce((fields, p) => fields.without(p.text), input),
      apply(record, emit) {
        for (let i = 0; i < removers.length; i++) removers[i](record);
        emit(record);
        return undefined;
      },
    };
  },
};
