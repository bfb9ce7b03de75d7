import { z } from 'zod';
import { describeValue } from '../expression/values';
import { roundDecimal } from '../number/round-decimal';
import { compileGetter } from '../path/path-read';
import { compileSetter } from '../path/path-write';
import type { StepDefinition } from '../types';
import { fieldPathSchema, pathAt } from './config-path';
import { reason } from './reason';

const CURRENCY_CODE = /^[A-Z]{3}$/;

const currencySchema = z.string().min(1).meta({ description: "A currency code ('EUR': three capitals) or the path of a field holding one ('currency')." });

const config = z
  .object({
    amount: fieldPathSchema.meta({ description: 'The field with the amount (a number).' }),
    from: currencySchema,
    to: currencySchema,
    rates: z.record(z.string().regex(CURRENCY_CODE), z.number().positive()).meta({ description: 'Units of each currency per one unit of a common base: { USD: 1, EUR: 0.92, GBP: 0.79 }.' }),
    target: fieldPathSchema.optional().meta({ description: 'Where to store the converted amount; default: amount itself.' }),
    currencyField: fieldPathSchema.optional().meta({ description: 'Also store the target currency code here, e.g. currency.' }),
    scale: z.number().int().min(0).max(10).optional().meta({ description: 'Decimals to round to, half away from zero (default 2).' }),
  })
  .strict()
  .meta({ description: 'Converts an amount between currencies with a rate table: { amount: total, from: currency, to: EUR, rates: { USD: 1, EUR: 0.92 }, currencyField: currency }.' });

function currencyReader(text: string, at: string) {
  if (CURRENCY_CODE.test(text)) return { reads: [] as string[], get: () => text };
  const path = pathAt(text, [at], { wildcard: false });
  return { reads: [path.normalized], get: compileGetter(path) };
}

export const convertCurrencyStep: StepDefinition<z.infer<typeof config>> = {
  name: 'convertCurrency',
  description: 'Converts an amount from one currency to another using a rate table.',
  config,
  compile(cfg) {
    const amount = pathAt(cfg.amount, ['amount'], { wildcard: false });
    const target = pathAt(cfg.target ?? cfg.amount, [cfg.target === undefined ? 'amount' : 'target'], { wildcard: false });
    const currencyField = cfg.currencyField === undefined ? undefined : pathAt(cfg.currencyField, ['currencyField'], { wildcard: false });
    const from = currencyReader(cfg.from, 'from');
    const to = currencyReader(cfg.to, 'to');
    const rates = new Map(Object.entries(cfg.rates));
    const scale = cfg.scale ?? 2;
    const getAmount = compileGetter(amount);
    const setTarget = compileSetter(target);
    const setCurrency = currencyField === undefined ? undefined : compileSetter(currencyField);
    const rateOf = (v: unknown, side: string): number | string => {
      if (typeof v !== 'string') return `the ${side} currency must be a code, got ${describeValue(v)}`;
      return rates.get(v) ?? `no rate for ${side} currency ${describeValue(v)}`;
    };
    return {
      reads: [amount.normalized, ...from.reads, ...to.reads],
      outputFields(input) {
        const fields = input.with(target.text, 'decimal');
        return currencyField === undefined ? fields : fields.with(currencyField.text, 'string');
      },
      apply(record, emit) {
        const value = getAmount(record);
        if (value === null || value === undefined) {
          emit(record);
          return undefined;
        }
        if (typeof value !== 'number') return [reason('convertCurrency', `expected a number, got ${describeValue(value)} (cast it first)`, amount.text)];
        const fromCode = from.get(record);
        const toCode = to.get(record);
        const fromRate = rateOf(fromCode, 'source');
        if (typeof fromRate === 'string') return [reason('convertCurrency', fromRate, cfg.from)];
        const toRate = rateOf(toCode, 'target');
        if (typeof toRate === 'string') return [reason('convertCurrency', toRate, cfg.to)];
        const converted = roundDecimal((value / fromRate) * toRate, scale);
        const failure = setTarget(record, converted) ?? setCurrency?.(record, toCode);
        if (failure !== undefined) return [reason('convertCurrency', failure, target.text)];
        emit(record);
        return undefined;
      },
    };
  },
};
