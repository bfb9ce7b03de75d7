import { z } from 'zod';
import { fieldReader } from '../field-reader';
import type { RuleDefinition, RuleReason } from '../types';
import { isMissing } from '../value-reading';

const fieldList = z.array(z.string().min(1)).min(1);
const config = z
  .union([
    fieldList,
    z.strictObject({
      fields: fieldList,
      blankIsValue: z.boolean().default(false).describe('Count empty or whitespace-only text as a value rather than as missing'),
    }),
  ])
  .meta({ description: 'Fields that must have a value: [orderId, total, shipTo.country], or { fields, blankIsValue }', examples: [['orderId', 'shipTo.country']] });

type NotNullConfig = z.infer<typeof config>;

export const notNullRule: RuleDefinition<NotNullConfig> = {
  name: 'notNull',
  description: 'Fails a record where a field is missing, null or blank text (ERP exports write "" for nothing).',
  config,
  compile(cfg) {
    const fields = Array.isArray(cfg) ? cfg : cfg.fields;
    const blankIsValue = Array.isArray(cfg) ? false : cfg.blankIsValue;
    const readers = fields.map((field, i) => fieldReader(field, Array.isArray(cfg) ? [i] : ['fields', i]));
    return {
      reads: readers.map((reader) => reader.normalized),
      check(record) {
        let reasons: RuleReason[] | undefined;
        for (let r = 0; r < readers.length; r++) {
          const reader = readers[r];
          // A plain path's value is read without the array, and a present one needs nothing more.
          if (reader.read !== undefined && !isMissing(reader.read(record), blankIsValue)) continue;
          const values = reader.values(record);
          for (let k = 0; k < values.length; k++) {
            if (!isMissing(values[k], blankIsValue)) continue;
            const field = reader.labelOf(record, k);
            const what = values[k] === undefined ? 'missing' : values[k] === null ? 'null' : 'blank';
            (reasons ??= []).push({ rule: 'notNull', index: -1, field, message: `${field} is ${what}` });
          }
        }
        return reasons;
      },
    };
  },
};
