import { z } from 'zod';
import { durationSchema, formatDuration } from '../duration';
import { fieldReader } from '../field-reader';
import { KeyWindow } from '../key-window';
import type { RuleDefinition, RuleReason } from '../types';
import { describeValue, isMissing } from '../value-reading';

const config = z
  .strictObject({
    field: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).describe('The key field, or several fields that together form the key'),
    window: durationSchema.describe('How long a key is remembered: a second record with the same key within it fails'),
    maxKeys: z.number().int().min(1).max(50_000_000).default(1_000_000).describe('Memory bound: keys remembered at most (about 100 bytes each)'),
  })
  .meta({ description: 'No two records with the same key within a time window', examples: [{ field: 'orderId', window: '24h' }] });

/**
 * The state lives in the compiled rule: one validator instance sees the partitions it owns,
 * and records with one key share a partition, so per-instance windows catch every duplicate
 * of keys the pipeline partitions by. The clock is the context's (default Date.now), so a
 * redelivered record (at-least-once) inside the window is reported as a duplicate too.
 */
export const uniqueRule: RuleDefinition<z.infer<typeof config>> = {
  name: 'unique',
  description: 'Fails a record whose key was already seen within a time window (duplicate orders).',
  config,
  compile(cfg, ctx) {
    const fields = typeof cfg.field === 'string' ? [cfg.field] : cfg.field;
    const readers = fields.map((field, i) => fieldReader(field, typeof cfg.field === 'string' ? ['field'] : ['field', i]));
    const window = new KeyWindow(cfg.window, cfg.maxKeys);
    const now = ctx.now ?? Date.now;
    const label = fields.join(', ');
    return {
      reads: readers.map((reader) => reader.normalized),
      check(record): RuleReason[] | undefined {
        let key = '';
        for (let i = 0; i < readers.length; i++) {
          const read = readers[i].read;
          let part: unknown;
          if (read !== undefined) part = read(record);
          else {
            const values = readers[i].values(record);
            if (values.length !== 1) return undefined;
            part = values[0];
          }
          // a key with a missing part is no key: notNull reports it
          if (isMissing(part)) return undefined;
          key += (i === 0 ? '' : '\u0000') + (typeof part === 'string' ? part : describeValue(part));
        }
        if (!window.seen(key, now())) return undefined;
        return [{ rule: 'unique', index: -1, field: label, message: `${label} ${JSON.stringify(key.replace(/\u0000/g, ', '))} was already seen within the last ${formatDuration(cfg.window)}` }];
      },
    };
  },
};
