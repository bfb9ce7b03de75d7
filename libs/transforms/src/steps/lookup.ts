import { z } from 'zod';
import { describeValue } from '../expression/values';
import { compileGetter } from '../path/path-read';
import { compileSetter } from '../path/path-write';
import { deepCopy } from '../record/deep-copy';
import { StepConfigError } from '../step-config-error';
import type { CompileContext, StepDefinition } from '../types';
import { fieldPathSchema, pathAt } from './config-path';
import { reason } from './reason';

const config = z
  .object({
    key: fieldPathSchema.meta({ description: 'The field whose value is looked up (strings and numbers match by their text: 7 finds "7").' }),
    table: z.record(z.string(), z.unknown()).optional().meta({ description: 'A static table: key to value or row, e.g. { DE: { name: Germany, vatRate: 0.19 } }.' }),
    reference: z.string().min(1).optional().meta({ description: 'Or the name of a reference dataset the pipeline is compiled with (rows matched on its key column).' }),
    target: fieldPathSchema.optional().meta({ description: 'Store the whole value or row here.' }),
    fields: z.record(fieldPathSchema, z.string().min(1)).optional().meta({ description: 'Or copy row columns: target path to column, e.g. { countryName: name, vatRate: vatRate }.' }),
    onMissing: z.enum(['error', 'null', 'keep']).optional().meta({ description: "Key null or not found: fail the record ('error', default), store null, or leave the targets as they are ('keep')." }),
  })
  .strict()
  .meta({ description: 'Enriches records from a table: { key: shipTo.country, table: { DE: Germany, FR: France }, target: shipTo.countryName }.' });

function tableOf(cfg: z.infer<typeof config>, ctx: CompileContext): Map<string, unknown> {
  if ((cfg.table === undefined) === (cfg.reference === undefined)) throw new StepConfigError('give exactly one of table (static) or reference (a named dataset)', []);
  if (cfg.table !== undefined) return new Map(Object.entries(cfg.table));
  const name = cfg.reference as string;
  const dataset = ctx.references && Object.prototype.hasOwnProperty.call(ctx.references, name) ? ctx.references[name] : undefined;
  if (dataset === undefined) {
    const known = Object.keys(ctx.references ?? {});
    throw new StepConfigError(`unknown reference dataset '${name}'${known.length ? `; known: ${known.join(', ')}` : '; none were provided'}`, ['reference']);
  }
  const rows = new Map<string, unknown>();
  dataset.rows.forEach((row, i) => {
    const k = Object.prototype.hasOwnProperty.call(row, dataset.key) ? row[dataset.key] : undefined;
    if (typeof k !== 'string' && typeof k !== 'number') throw new StepConfigError(`reference '${name}' row ${i} has no usable '${dataset.key}' key (got ${describeValue(k)})`, ['reference']);
    if (rows.has(String(k))) throw new StepConfigError(`reference '${name}' has the key '${k}' twice`, ['reference']);
    rows.set(String(k), row);
  });
  return rows;
}

export const lookupStep: StepDefinition<z.infer<typeof config>> = {
  name: 'lookup',
  description: 'Adds values from a static table or a named reference dataset, matched on a key field.',
  config,
  compile(cfg, ctx) {
    const rows = tableOf(cfg, ctx);
    if (cfg.target === undefined && cfg.fields === undefined) throw new StepConfigError('give target (the whole row) and/or fields (columns to copy)', []);
    const key = pathAt(cfg.key, ['key'], { wildcard: false });
    const getKey = compileGetter(key);
    const whole = cfg.target === undefined ? undefined : pathAt(cfg.target, ['target'], { wildcard: false });
    const setWhole = whole === undefined ? undefined : compileSetter(whole);
    const columns = Object.entries(cfg.fields ?? {}).map(([targetText, column]) => {
      const target = pathAt(targetText, ['fields', targetText], { wildcard: false });
      return { target, column, set: compileSetter(target) };
    });
    const onMissing = cfg.onMissing ?? 'error';
    const hasOwn = Object.prototype.hasOwnProperty;
    return {
      reads: [key.normalized],
      outputFields(input) {
        let fields = whole === undefined ? input : input.with(whole.text, 'unknown');
        for (const c of columns) fields = fields.with(c.target.text, 'unknown');
        return fields;
      },
      apply(record, emit) {
        const k = getKey(record);
        const found = typeof k === 'string' || typeof k === 'number' ? rows.get(String(k)) : undefined;
        if (found === undefined) {
          if (k !== null && k !== undefined && typeof k !== 'string' && typeof k !== 'number') return [reason('lookup', `expected a string or number key, got ${describeValue(k)}`, key.text)];
          if (onMissing === 'error') return [reason('lookup', k === null || k === undefined ? 'the key is null' : `no entry for ${describeValue(k)}`, key.text)];
          if (onMissing === 'keep') {
            emit(record);
            return undefined;
          }
        }
        const row = found === undefined ? null : found;
        if (setWhole !== undefined) {
          const failure = setWhole(record, deepCopy(row));
          if (failure !== undefined) return [reason('lookup', failure, whole?.text)];
        }
        for (let i = 0; i < columns.length; i++) {
          const c = columns[i];
          const value = typeof row === 'object' && row !== null && hasOwn.call(row, c.column) ? (row as Record<string, unknown>)[c.column] : null;
          const failure = c.set(record, deepCopy(value));
          if (failure !== undefined) return [reason('lookup', failure, c.target.text)];
        }
        emit(record);
        return undefined;
      },
    };
  },
};
