import { z } from 'zod';
import { fieldSetOf, type FieldType } from '../field-set';
import { compileGetter } from '../path/path-read';
import { compileSetter } from '../path/path-write';
import { StepConfigError } from '../step-config-error';
import type { DataRecord, StepDefinition } from '../types';
import { asList, fieldPathListSchema, pathAt } from './config-path';
import { reason } from './reason';

const config = fieldPathListSchema.meta({
  description: 'Paths to keep, everything else goes: [orderId, total, shipTo.country]. Nested paths keep their parents; arrays are kept whole. Missing fields stay missing.',
});

export const selectStep: StepDefinition<z.infer<typeof config>> = {
  name: 'select',
  description: 'Keeps only the listed fields.',
  config,
  compile(cfg) {
    const paths = asList(cfg).map((p, i) => {
      const at = typeof cfg === 'string' ? [] : [i];
      const path = pathAt(p, at, { wildcard: false });
      // Keeping lines[1] alone would leave a hole at lines[0]; keep the whole array instead.
      const index = path.segments.findIndex((s) => s.kind === 'index');
      if (index >= 0) throw new StepConfigError(`'${p}' names an array element; select keeps whole fields and fields of records (name the array to keep it)`, at, p.indexOf('['));
      return path;
    });
    const picks = paths.map((path) => ({ path, get: compileGetter(path), set: compileSetter(path) }));
    return {
      reads: paths.map((p) => p.normalized),
      outputFields(input) {
        const kept: Record<string, FieldType> = {};
        for (const p of paths) {
          kept[p.normalized] = input.typeOf(p.text) ?? 'unknown';
          for (const [k, t] of input.entries()) if (k.startsWith(p.normalized + '.') || k.startsWith(p.normalized + '[')) kept[k] = t;
        }
        return fieldSetOf(kept);
      },
      apply(record, emit) {
        const out: DataRecord = {};
        for (let i = 0; i < picks.length; i++) {
          const value = picks[i].get(record);
          if (value === undefined) continue;
          const failure = picks[i].set(out, value);
          if (failure !== undefined) return [reason('select', failure, picks[i].path.text)];
        }
        emit(out);
        return undefined;
      },
    };
  },
};
