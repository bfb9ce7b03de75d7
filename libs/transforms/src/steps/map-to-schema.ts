import { z } from 'zod';
import { AvroSchemaError } from '../avro/avro-type';
import { fieldSetOfAvroType } from '../avro/avro-field-set';
import { CoercionTrail } from '../avro/coercion-trail';
import { compileAvroSchema } from '../avro/compile-avro-schema';
import { formatKey } from '../path/field-path';
import { StepConfigError } from '../step-config-error';
import type { CompileContext, DataRecord, StepDefinition } from '../types';
import { reason } from './reason';

const config = z
  .object({
    schema: z
      .union([z.string().min(1), z.record(z.string(), z.unknown())])
      .meta({ description: 'An Avro record schema (JSON), or the name of a schema the pipeline is compiled with.' }),
    extraFields: z.enum(['drop', 'error']).optional().meta({ description: "Fields the schema does not name: 'drop' them (default) or fail the record." }),
  })
  .strict()
  .meta({
    description:
      "Coerces the record to an Avro schema: fields in schema order, '12' to int 12, ISO text to date/timestamp, decimals rounded to their scale, defaults for missing fields; every misfit is a reason like \"lines[2].quantity: expected int, got 'abc'\".",
  });

function schemaOf(schema: string | Record<string, unknown>, ctx: CompileContext): unknown {
  if (typeof schema !== 'string') return schema;
  const named = ctx.schemas && Object.prototype.hasOwnProperty.call(ctx.schemas, schema) ? ctx.schemas[schema] : undefined;
  if (named === undefined) throw new StepConfigError(`unknown schema '${schema}'${ctx.schemas ? `; known: ${Object.keys(ctx.schemas).join(', ')}` : '; none were provided'}`, ['schema']);
  return named;
}

export const mapToSchemaStep: StepDefinition<z.infer<typeof config>> = {
  name: 'mapToSchema',
  description: 'Coerces records to an Avro schema, reporting every field that does not fit.',
  config,
  compile(cfg, ctx) {
    const schema = schemaOf(cfg.schema, ctx);
    let type;
    try {
      type = compileAvroSchema(schema);
    } catch (e) {
      if (e instanceof AvroSchemaError) throw new StepConfigError(`invalid Avro schema: ${e.message}`, typeof cfg.schema === 'string' ? ['schema'] : ['schema', ...e.path]);
      throw e;
    }
    if (type.fieldType !== 'record') throw new StepConfigError(`the schema must be a record, not ${type.label}`, ['schema']);
    const fields = fieldSetOfAvroType(type);
    const children = type.children?.() ?? [];
    const known = new Set(children.map((c) => c.key));
    const rejectExtra = cfg.extraFields === 'error';
    const trail = new CoercionTrail();
    const coerce = type;
    return {
      // Required fields (no default, not nullable) must come from somewhere: a static check.
      reads: children.filter((c) => c.required).map((c) => formatKey(c.key, true)),
      outputFields: () => fields,
      apply(record, emit) {
        trail.reset();
        const out = coerce.coerce(record, trail) as DataRecord;
        const errors = trail.errors ?? [];
        if (rejectExtra) for (const k of Object.keys(record)) if (!known.has(k) && record[k] !== undefined) errors.push({ field: formatKey(k, true), message: 'not in the schema' });
        if (errors.length > 0) return errors.map((e) => reason('mapToSchema', e.field === '' ? e.message : `${e.field}: ${e.message}`, e.field === '' ? undefined : e.field));
        emit(out);
        return undefined;
      },
    };
  },
};
