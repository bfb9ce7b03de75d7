// trim, upper and lower: one string function applied at each path (wildcards allowed:
// `lines[*].sku`). Null and missing values stay as they are; a non-string is a reason.
import type { z } from 'zod';
import { describeValue } from '../expression/values';
import { compileUpdater } from '../path/path-write';
import type { FieldPath } from '../path/field-path';
import type { CompiledStep, Reason, StepDefinition } from '../types';
import { asList, fieldPathListSchema, pathAt } from './config-path';
import { reason } from './reason';

type Config = z.infer<typeof fieldPathListSchema>;

function stringFieldStep(name: string, description: string, f: (s: string) => string): StepDefinition<Config> {
  return {
    name,
    description,
    config: fieldPathListSchema.meta({ description: `Paths whose strings to ${name}: [customerName, 'lines[*].sku'].` }),
    compile(cfg) {
      const paths = asList(cfg).map((p, i) => pathAt(p, typeof cfg === 'string' ? [] : [i]));
      return compileStringUpdate(name, paths, f);
    },
  };
}

/**
 * The compiled step that applies `f` to the string at each path (replace shares it). The update
 * closure is built once; a bad value is noted in `failure` instead of thrown.
 */
export function compileStringUpdate(step: string, paths: readonly FieldPath[], f: (s: string) => string): CompiledStep {
  let failure: Reason[] | undefined;
  let current = '';
  const update = (v: unknown): unknown => {
    if (typeof v === 'string') return f(v);
    if (v !== null && v !== undefined && failure === undefined) failure = [reason(step, `expected a string, got ${describeValue(v)}`, current)];
    return v;
  };
  const updaters = paths.map((path) => ({ path: path.text, update: compileUpdater(path) }));
  return {
    reads: paths.map((p) => p.normalized),
    outputFields: (input) => input,
    apply(record, emit) {
      failure = undefined;
      for (let i = 0; i < updaters.length; i++) {
        current = updaters[i].path;
        updaters[i].update(record, update);
        if (failure !== undefined) return failure;
      }
      emit(record);
      return undefined;
    },
  };
}

/**
 * s itself when it is ASCII without a letter in [from, to]; else convert(s). Codes and ids are
 * mostly in the wanted case already, and a scan of a few characters is cheaper than the
 * conversion, which builds a new string every time.
 */
function unlessAsciiOutside(from: number, to: number, convert: (s: string) => string): (s: string) => string {
  return (s) => {
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if ((c >= from && c <= to) || c > 127) return convert(s);
    }
    return s;
  };
}

export const trimStep = stringFieldStep('trim', 'Removes leading and trailing white space.', (s) => s.trim());
export const upperStep = stringFieldStep('upper', 'Turns strings to upper case.', unlessAsciiOutside(97, 122, (s) => s.toUpperCase()));
export const lowerStep = stringFieldStep('lower', 'Turns strings to lower case.', unlessAsciiOutside(65, 90, (s) => s.toLowerCase()));
