import { z } from 'zod';
import { compileSafeRegex, UnsafeRegexError } from '../regex/safe-regex';
import { StepConfigError } from '../step-config-error';

export const regexSchema = z.string().min(1).meta({ description: 'A JavaScript regular expression, without slashes. Nested repetition like (a+)+ is rejected.' });
export const regexFlagsSchema = z.string().regex(/^[imsu]*$/).meta({ description: 'Regex flags: any of i (ignore case), m, s, u.' });

export function regexAt(source: string, flags: string | undefined, extraFlags: string, at: readonly (string | number)[]): RegExp {
  try {
    return compileSafeRegex(source, flags ?? '', extraFlags);
  } catch (e) {
    if (e instanceof UnsafeRegexError) throw new StepConfigError(e.message, at, e.position);
    throw e;
  }
}
