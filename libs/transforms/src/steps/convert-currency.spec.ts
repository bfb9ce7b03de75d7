import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTransform } from '../compile-transform';

const RATES = { USD: 1, EUR: 0.92, GBP: 0.79, JPY: 151.2 };
const convert = (config: Record<string, unknown>) => compileTransform([{ convertCurrency: { rates: RATES, ...config } }]);

describe('convertCurrency', () => {
  test('converts through the common base and rounds half away from zero to the scale', () => {
    assert.deepEqual(convert({ amount: 'total', from: 'EUR', to: 'USD' }).run({ total: 92 }).records, [{ total: 100 }]);
    assert.deepEqual(convert({ amount: 'total', from: 'GBP', to: 'JPY', scale: 0, target: 'yen' }).run({ total: 10 }).records, [{ total: 10, yen: 1914 }]);
    assert.deepEqual(convert({ amount: 'total', from: 'USD', to: 'EUR' }).run({ total: 0.005 }).records, [{ total: 0 }]);
  });

  test('currencies may come from fields, and the target currency can be stored', () => {
    const step = convert({ amount: 'total', from: 'currency', to: 'EUR', target: 'totalEur', currencyField: 'reportCurrency' });
    assert.deepEqual(step.run({ total: 100, currency: 'USD' }).records, [{ total: 100, currency: 'USD', totalEur: 92, reportCurrency: 'EUR' }]);
  });

  test('a null or missing amount is left alone', () => {
    assert.deepEqual(convert({ amount: 'total', from: 'EUR', to: 'USD' }).run({ total: null }).records, [{ total: null }]);
    assert.deepEqual(convert({ amount: 'total', from: 'EUR', to: 'USD' }).run({}).records, [{}]);
  });

  test('text amounts, unknown currencies and non-code currencies fail the record', () => {
    assert.deepEqual(convert({ amount: 'total', from: 'EUR', to: 'USD' }).run({ total: '12.50' }).reasons, [{ step: 'convertCurrency', index: 0, field: 'total', message: "expected a number, got '12.50' (cast it first)" }]);
    assert.deepEqual(convert({ amount: 'total', from: 'currency', to: 'USD' }).run({ total: 1, currency: 'CHF' }).reasons, [{ step: 'convertCurrency', index: 0, field: 'currency', message: "no rate for source currency 'CHF'" }]);
    assert.deepEqual(convert({ amount: 'total', from: 'currency', to: 'USD' }).run({ total: 1 }).reasons[0].message, 'the source currency must be a code, got null');
    assert.deepEqual(convert({ amount: 'total', from: 'USD', to: 'target' }).run({ total: 1, target: 'XXX' }).reasons[0].message, "no rate for target currency 'XXX'");
  });

  test('bad rate tables are refused when the pipeline compiles', () => {
    assert.throws(() => convert({ amount: 'total', from: 'EUR', to: 'USD', rates: { usd: 1 } }), /\[0\] convertCurrency\.rates/);
    assert.throws(() => convert({ amount: 'total', from: 'EUR', to: 'USD', rates: { USD: 0 } }), /\[0\] convertCurrency\.rates\.USD: /);
    assert.throws(() => convert({ amount: 'total', from: 'EUR', to: 'USD', scale: 11 }), /\[0\] convertCurrency\.scale: /);
  });
});
