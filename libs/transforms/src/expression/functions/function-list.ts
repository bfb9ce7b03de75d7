// Every built-in function of the expression language, in one literal list.
import { CONVERSION_FUNCTIONS } from './conversion-functions';
import { DATE_FUNCTIONS } from './date-functions';
import type { ExpressionFunction } from './expression-function';
import { MATH_FUNCTIONS } from './math-functions';
import { NULL_FUNCTIONS } from './null-functions';
import { STRING_FUNCTIONS } from './string-functions';

export const EXPRESSION_FUNCTIONS: readonly ExpressionFunction[] = [...STRING_FUNCTIONS, ...MATH_FUNCTIONS, ...NULL_FUNCTIONS, ...DATE_FUNCTIONS, ...CONVERSION_FUNCTIONS];

/** Lookup by name; a Map, so a name like 'constructor' finds nothing rather than a prototype. */
export const FUNCTIONS_BY_NAME: ReadonlyMap<string, ExpressionFunction> = new Map(EXPRESSION_FUNCTIONS.map((f) => [f.name, f]));
