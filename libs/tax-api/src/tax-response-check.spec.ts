import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkedTaxResponse } from './tax-response-check';
import { taxResponseSchema } from './taxman-contract';

const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));
const decimal = (whole: number, scale: number) => fc.tuple(fc.boolean(), digits(1, whole), fc.option(digits(1, scale), { nil: undefined })).map(([minus, w, f]) => `${minus ? '-' : ''}${w}${f === undefined ? '' : `.${f}`}`);
const AMOUNT_MISSES = ['', '1.', '.5', '+1', '1e3', '1.12345', '123456789012345', ' 1', '1,5', 12.5, '−1', '0x10', null];
const RATE_MISSES = ['1234.5', '0.1234567', '', '5%', 0.0625, null];
const TEXT_MISSES = ['', 7, null, true, ['x']];

/**
 * Answers to TAXMAN calls. `faults` is how often (in 100) a field is not what the contract asks:
 * a near miss, any JSON value, or missing. 0 makes only good answers.
 */
function answers(faults: number) {
  const field = (good: fc.Arbitrary<unknown>, nearMisses: unknown[]) =>
    faults === 0
      ? good
      : fc.oneof(
          { weight: 100 - faults, arbitrary: good },
          { weight: faults, arbitrary: fc.oneof(fc.constantFrom(...nearMisses), fc.jsonValue({ maxDepth: 1 }), fc.constant(undefined)) },
        );
  const amount = field(decimal(14, 4), AMOUNT_MISSES);
  const text = field(fc.string({ minLength: 1, maxLength: 12 }), TEXT_MISSES);
  const anyString = field(fc.string({ maxLength: 12 }), [7, null, {}]);
  const nullableText = field(fc.oneof(fc.string({ maxLength: 12 }), fc.constant(null), fc.constant(undefined)), [7, false, {}]);
  const extra = fc.dictionary(fc.constantFrom('note', 'extra', 'x-vendor'), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 1 });
  const withExtra = <T extends object>(fields: fc.Arbitrary<T>) => fields.chain((f) => extra.map((more) => ({ ...more, ...f })));
  const list = <T,>(item: fc.Arbitrary<T>) => field(fc.array(item, { maxLength: 3 }), [{}, 'lines', null, [null], [[]]]);

  const jurisdiction = withExtra(
    fc.record({
      level: field(fc.constantFrom('COUNTRY', 'STATE', 'COUNTY', 'CITY', 'SPECIAL', 'TRANSIT_DISTRICT', ''), [1, null]),
      code: text,
      name: text,
      taxName: nullableText,
      rate: field(decimal(3, 6), RATE_MISSES),
      taxableAmount: amount,
      tax: amount,
    }),
  );
  const line = withExtra(
    fc.record({
      lineNumber: field(fc.integer({ min: -5, max: 1_000 }), [1.5, '1', 2 ** 53, -(2 ** 53), 1e300, null]),
      sku: anyString,
      amount,
      taxableAmount: amount,
      exemptAmount: amount,
      tax: amount,
      taxCode: nullableText,
      jurisdictions: list(jurisdiction),
    }),
  );
  return withExtra(
    fc.record({
      calculationId: text,
      orderId: text,
      currency: anyString,
      calculatedAt: anyString,
      totalAmount: amount,
      totalTaxable: amount,
      totalExempt: amount,
      totalTax: amount,
      lines: list(line),
      jurisdictions: list(jurisdiction),
    }),
  );
}

/** Mostly good answers, and answers with a few faults and with many. */
const answer = fc.oneof(answers(0), answers(2), answers(20));

/** As TAXMAN's answer reaches the client: JSON text parsed (undefined fields gone). */
const asParsedJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? 'null');

describe('the hand-written check of a calculation', () => {
  it('gives the schema verdict and output on answers as JSON.parse makes them, good and bad', () => {
    let accepted = 0;
    fc.assert(
      fc.property(answer.map(asParsedJson), (body) => {
        const checked = checkedTaxResponse(body);
        const parsed = taxResponseSchema.safeParse(body);
        assert.equal(checked !== undefined, parsed.success, parsed.success ? 'zod accepts it' : `zod refuses it: ${JSON.stringify(parsed.error.issues[0])}`);
        if (parsed.success) {
          accepted += 1;
          assert.deepStrictEqual(checked, parsed.data);
        }
      }),
      { numRuns: 3_000 },
    );
    assert.ok(accepted > 300, `only ${accepted} good answers generated`);
  });

  it('never passes what the schema refuses, whatever the value', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), answer, answer.map((a) => Object.assign(Object.create({ totalTax: '1' }), a))), (body) => {
        const checked = checkedTaxResponse(body);
        if (checked === undefined) return;
        const parsed = taxResponseSchema.safeParse(body);
        assert.ok(parsed.success);
        assert.deepStrictEqual(checked, parsed.data);
      }),
      { numRuns: 2_000 },
    );
  });

  it('fills in null for a missing tax code and tax name, and drops fields the contract does not know', () => {
    const jurisdiction = { level: 'STATE', code: '06', name: 'CALIFORNIA', rate: '0.0625', taxableAmount: '10', tax: '0.625', note: 'x' };
    const body = { calculationId: 'c', orderId: 'SO-1', currency: 'USD', calculatedAt: 't', totalAmount: '10', totalTaxable: '10', totalExempt: '0', totalTax: '0.625', extra: 1,
      lines: [{ lineNumber: 1, sku: 'A', amount: '10', taxableAmount: '10', exemptAmount: '0', tax: '0.625', jurisdictions: [jurisdiction] }], jurisdictions: [jurisdiction] };
    const checked = checkedTaxResponse(body)!;
    assert.equal(checked.lines[0].taxCode, null);
    assert.equal(checked.jurisdictions[0].taxName, null);
    assert.ok(!('extra' in checked) && !('note' in checked.jurisdictions[0]));
  });
});
