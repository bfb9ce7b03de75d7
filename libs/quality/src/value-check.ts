import type { FieldReader } from './field-reader';
import type { CompiledRule, RuleReason } from './types';
import { isMissing } from './value-reading';

/**
 * The check of a single-field rule: `test` each value the path points at and turn each problem
 * into a reason naming where it sits. Missing values (null, undefined, blank text) pass: they
 * are notNull's concern, as a SQL CHECK passes on NULL, so every rule stays about one thing.
 */
export function eachValue(rule: string, reader: FieldReader, test: (value: unknown) => string | undefined): CompiledRule['check'] {
  const read = reader.read;
  if (read !== undefined) {
    return (record) => {
      const value = read(record);
      if (isMissing(value)) return undefined;
      const problem = test(value);
      if (problem === undefined) return undefined;
      const field = reader.labelOf(record, 0);
      return [{ rule, index: -1, field, message: `${field} ${problem}` }];
    };
  }
  return (record) => {
    const values = reader.values(record);
    let reasons: RuleReason[] | undefined;
    for (let k = 0; k < values.length; k++) {
      const value = values[k];
      if (isMissing(value)) continue;
      const problem = test(value);
      if (problem === undefined) continue;
      const field = reader.labelOf(record, k);
      (reasons ??= []).push({ rule, index: -1, field, message: `${field} ${problem}` });
    }
    return reasons;
  };
}
