import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { RunQualityFigures } from '@tributary/avro';
import { SKETCH_BYTES } from './distinct-counter';
import type { RunQualityState } from './run-quality-state';

/** Figures that cannot be a run's: the message names the part at fault. */
export class RunQualityWireError extends Error {
  override readonly name = 'RunQualityWireError';
}

/**
 * A RunQualityState as RunEvents carry it (schemas/run-event.avsc, RunQualityFigures): each
 * sketch raw-DEFLATEd (a run of a few thousand values leaves most of its 16 KiB of registers
 * empty), each sum as number text (no floating point in platform records).
 */
export function runQualityToWire(state: RunQualityState): RunQualityFigures {
  return {
    ...state,
    uniqueness: state.uniqueness.map((field) => ({ ...field, sketch: deflateRawSync(field.sketch) })),
    sums: state.sums.map((field) => ({ ...field, sum: String(field.sum) })),
  };
}

/** The state back from the wire, every count and sketch checked: a reporter's bad figures must not spoil the run's report. */
export function runQualityFromWire(wire: RunQualityFigures): RunQualityState {
  const count = (value: number, at: string) => {
    if (!Number.isSafeInteger(value) || value < 0) throw new RunQualityWireError(`${at} must be a count, got ${value}`);
    return value;
  };
  count(wire.records, 'records');
  if (count(wire.failed, 'failed') > wire.records) throw new RunQualityWireError(`failed (${wire.failed}) is more than records (${wire.records})`);
  wire.rules.forEach((rule, i) => count(rule.failures, `rules[${i}].failures`));
  for (const field of wire.completeness) {
    if (count(field.present, `completeness ${field.field} present`) > count(field.total, `completeness ${field.field} total`)) {
      throw new RunQualityWireError(`completeness ${field.field}: present (${field.present}) is more than total (${field.total})`);
    }
  }
  return {
    ...wire,
    uniqueness: wire.uniqueness.map((field) => {
      count(field.present, `uniqueness ${field.field} present`);
      count(field.distinct, `uniqueness ${field.field} distinct`);
      let sketch: Buffer;
      try {
        sketch = inflateRawSync(field.sketch, { maxOutputLength: SKETCH_BYTES + 1 });
      } catch (error) {
        throw new RunQualityWireError(`uniqueness ${field.field}: the sketch is not raw DEFLATE data (${(error as Error).message})`);
      }
      if (sketch.length !== SKETCH_BYTES) throw new RunQualityWireError(`uniqueness ${field.field}: the sketch has ${sketch.length} registers, not ${SKETCH_BYTES}`);
      return { ...field, sketch: new Uint8Array(sketch.buffer, sketch.byteOffset, sketch.length) };
    }),
    sums: wire.sums.map((field) => {
      const sum = Number(field.sum);
      if (field.sum.trim() === '' || !Number.isFinite(sum)) throw new RunQualityWireError(`sums ${field.field}: '${field.sum}' is not a finite number`);
      return { field: field.field, sum, count: count(field.count, `sums ${field.field} count`) };
    }),
  };
}
