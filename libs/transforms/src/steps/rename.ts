import { z } from 'zod';
import { compileDeleter, compileGetter, compileSetter } from '../path/path-access';
import type { StepDefinition } from '../types';
import { fieldPathSchema, pathAt } from './config-path';
import { reason } from './reason';

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
      return { source, target, get: compileGetter(source), remove: compileDeleter(source), set: compileSetter(target) };
    });
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
        // Read every source before moving any, so moves do not see each other's results.
        for (let i = 0; i < moves.length; i++) values[i] = moves[i].get(record);
        for (let i = 0; i < moves.length; i++) if (values[i] !== undefined) moves[i].remove(record);
        for (let i = 0; i < moves.length; i++) {
          if (values[i] === undefined) continue;
          const failure = moves[i].set(record, values[i]);
          if (failure !== undefined) return [reason('rename', failure, moves[i].target.text)];
        }
        values.fill(undefined);
        emit(record);
        return undefined;
      },
    };
  },
};
