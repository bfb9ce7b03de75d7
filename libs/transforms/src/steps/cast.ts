import { z } from 'zod';
import { CoercionFailure, decimalConverter, toBoolean, toEpochDays, toEpochMillis, toFloating, toInteger, toText, type NumberFormat } from '../coercion/coerce-value';
import type { FieldType } from '../field-set';
import { compileUpdater } from '../path/path-write';
import { StepConfigError } from '../step-config-error';
import { compileDatePattern, DatePatternError } from '../time/date-pattern';
import { timeZoneOf } from '../time/time-zone';
import type { CompileContext, Reason, StepDefinition } from '../types';
import { fieldPathSchema, pathAt } from './config-path';
import { reason } from './reason';

const TYPES = ['string', 'int', 'long', 'float', 'double', 'decimal', 'boolean', 'date', 'timestamp'] as const;
const typeSchema = z.enum(TYPES);

const detailedSchema = z
  .object({
    type: typeSchema,
    scale: z.number().int().min(0).max(18).optional().meta({ description: 'decimal: digits after the point (default 2); values are rounded half away from zero.' }),
    precision: z.number().int().min(1).max(38).optional().meta({ description: 'decimal: total digits allowed; more is an error.' }),
    format: z.string().min(1).optional().meta({ description: "date/timestamp: input pattern such as 'dd.MM.yyyy HH:mm' (letters: y M d H h a m s S X Z, 'quoted text'), or 'iso' (default)." }),
    timeZone: z.string().min(1).optional().meta({ description: "date/timestamp: IANA zone ('Europe/Berlin') or offset ('+02:00') for text without an offset; default the pipeline's, else UTC." }),
    unit: z.enum(['millis', 'seconds']).optional().meta({ description: 'timestamp: the unit of numeric input (default millis).' }),
    decimalSeparator: z.string().length(1).optional().meta({ description: "Numbers from text: the decimal mark, default '.'." }),
    groupSeparator: z.string().length(1).optional().meta({ description: "Numbers from text: the thousands mark to ignore, e.g. ','." }),
  })
  .strict();

const config = z.record(fieldPathSchema, z.union([typeSchema, detailedSchema])).meta({
  description:
    "Field path to target type: { qty: int, total: double, price: { type: decimal, scale: 2 }, orderDate: { type: date, format: 'dd.MM.yyyy' } }. Dates become days since 1970-01-01 and timestamps epoch milliseconds (the Avro date and timestamp-millis values). Null stays null.",
});

type Spec = z.infer<typeof detailedSchema>;
type Converter = (v: unknown) => unknown;

const FIELD_TYPES: Record<Spec['type'], FieldType> = { string: 'string', int: 'int', long: 'long', float: 'float', double: 'double', decimal: 'decimal', boolean: 'boolean', date: 'date', timestamp: 'timestamp' };

function converterOf(spec: Spec, at: string[], ctx: CompileContext): Converter {
  const numeric = ['int', 'long', 'float', 'double', 'decimal'].includes(spec.type);
  const temporal = spec.type === 'date' || spec.type === 'timestamp';
  const misplaced = (Object.keys(spec) as (keyof Spec)[]).find(
    (k) =>
      ((k === 'scale' || k === 'precision') && spec.type !== 'decimal') ||
      ((k === 'format' || k === 'timeZone') && !temporal) ||
      (k === 'unit' && spec.type !== 'timestamp') ||
      ((k === 'decimalSeparator' || k === 'groupSeparator') && !numeric),
  );
  if (misplaced !== undefined) throw new StepConfigError(`'${misplaced}' does not apply to type ${spec.type}`, [...at, misplaced]);
  const format: NumberFormat = { decimalSeparator: spec.decimalSeparator, groupSeparator: spec.groupSeparator };
  switch (spec.type) {
    case 'string':
      return toText;
    case 'int':
    case 'long':
      return (v) => toInteger(v, spec.type as 'int' | 'long', format);
    case 'float':
    case 'double':
      return (v) => toFloating(v, spec.type as 'float' | 'double', format);
    case 'decimal': {
      const scale = spec.scale ?? 2;
      if (spec.precision !== undefined && spec.precision < scale) throw new StepConfigError(`precision ${spec.precision} is less than scale ${scale}`, [...at, 'precision']);
      return decimalConverter(scale, spec.precision, format);
    }
    case 'boolean':
      return toBoolean;
    case 'date':
    case 'timestamp': {
      let pattern;
      try {
        pattern = compileDatePattern(spec.format ?? 'iso');
      } catch (e) {
        if (e instanceof DatePatternError) throw new StepConfigError(e.message, [...at, 'format'], e.position);
        throw e;
      }
      const zoneName = spec.timeZone ?? ctx.timeZone ?? 'UTC';
      const zone = timeZoneOf(zoneName);
      if (zone === undefined) throw new StepConfigError(`unknown time zone '${zoneName}'`, spec.timeZone === undefined ? at : [...at, 'timeZone']);
      return spec.type === 'date' ? (v) => toEpochDays(v, pattern, zone) : (v) => toEpochMillis(v, pattern, zone, spec.unit);
    }
  }
}

export const castStep: StepDefinition<z.infer<typeof config>> = {
  name: 'cast',
  description: 'Converts fields to a type: numbers, decimals, booleans, strings, dates and timestamps from text.',
  config,
  compile(cfg, ctx) {
    let failure: Reason[] | undefined;
    const casts = Object.entries(cfg).map(([field, typeOrSpec]) => {
      const path = pathAt(field, [field]);
      const spec: Spec = typeof typeOrSpec === 'string' ? { type: typeOrSpec } : typeOrSpec;
      const convert = converterOf(spec, [field], ctx);
      // Built once per field: converts, or notes the first failure for this record.
      const update = (v: unknown): unknown => {
        if (v === null || v === undefined) return v;
        const out = convert(v);
        if (out instanceof CoercionFailure) {
          if (failure === undefined) failure = [reason('cast', out.message, path.text)];
          return v;
        }
        return out;
      };
      return { path, type: FIELD_TYPES[spec.type], update, apply: compileUpdater(path) };
    });
    return {
      reads: casts.map((c) => c.path.normalized),
      outputFields: (input) => casts.reduce((fields, c) => (fields.typeOf(c.path.text) === undefined ? fields : fields.with(c.path.text, c.type)), input),
      apply(record, emit) {
        failure = undefined;
        for (let i = 0; i < casts.length; i++) {
          casts[i].apply(record, casts[i].update);
          if (failure !== undefined) return failure;
        }
        emit(record);
        return undefined;
      },
    };
  },
};
