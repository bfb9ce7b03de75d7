import { z } from 'zod';
import { compileGetter, plainTopKey } from '../path/path-read';
import { compileDeleter } from '../path/path-write';
import { compileTargetWriters } from '../path/target-writers';
import type { Reason, StepDefinition } from '../types';
import { fieldPathSchema, pathAt } from './config-path';
import { reason } from './reason';
import { wholeRecordMove } from './whole-record-move';

const config = z.record(fieldPathSchema, fieldPathSchema).meta({
  description:
    'Old path to new path: { order_id: orderId, ship_country: shipTo.country }. All fields move at once (so { a: b, b: a } swaps); a moved field replaces a field already at its new path. A missing field is left missing.',
});

export const renameStep: StepDefinition<z.infer<typeof config>> = {
  name: 'rename',
  description: 'Moves fields to new names or paths.',
  config,
  compile(cfg) {
    const moves = Object.entries(cfg).map(([from, to]) => {
      const source = pathAt(from, [from], { wildcard: false });
      const target = pathAt(to, [from], { wildcard: false });
      // `from` holds the key of a one-key source, which apply reads directly.
      return { source, target, from: plainTopKey(source), get: compileGetter(source), remove: compileDeleter(source) };
    });
    const writers = compileTargetWriters(moves.map((m) => m.target));
    const movesWholeRecord = wholeRecordMove(moves.map((m) => m.from), moves.map((m) => m.target));
    const values: unknown[] = new Array(moves.length);
    return {
      reads: moves.map((m) => m.source.normalized),
      outputFields(input) {
        // Moves happen at once: take every source's type before placing any.
        const types = moves.map((m) => input.typeOf(m.source.text));
        let fields = moves.reduce((f, m) => f.without(m.source.text), input);
        moves.forEach((m, i) => {
          const type = types[i];
          if (type === undefined) return;
          fields = fields.with(m.target.text, type);
          for (const [k, t] of input.entries()) if (k.startsWith(`${m.source.normalized}.`) || k.startsWith(`${m.source.normalized}[`)) fields = fields.with(m.target.normalized + k.slice(m.source.normalized.length), t);
        });
        return fields;
      },
      apply(record, emit) {
        let moved = record;
        // Read every source before moving any, so moves do not see each other's results.
        if (movesWholeRecord !== undefined && movesWholeRecord(record, values)) moved = {};
        else {
          for (let i = 0; i < moves.length; i++) {
            const m = moves[i];
            values[i] = m.from === undefined ? m.get(record) : record[m.from];
          }
          for (let i = 0; i < moves.length; i++) {
            if (values[i] === undefined || typeof values[i] === 'function') continue;
            const m = moves[i];
            if (m.from === undefined) m.remove(record);
            else record[m.from] = undefined;
          }
        }
        let failed: Reason[] | undefined;
        for (let i = 0; i < moves.length && failed === undefined; i++) {
          const v = values[i];
          // a function is no value (see path-read.ts): the source counts as missing
          if (v === undefined || typeof v === 'function') continue;
          const failure = writers.set(moved, i, v);
          if (failure !== undefined) failed = [reason('rename', failure, moves[i].target.text)];
        }
        writers.reset();
        for (let i = 0; i < values.length; i++) values[i] = undefined; // holds no record past its step
        if (failed !== undefined) return failed;
        emit(moved);
        return undefined;
      },
    };
  },
};
