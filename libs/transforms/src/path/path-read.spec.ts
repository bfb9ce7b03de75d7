import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFieldPath } from './field-path';
import { compileGetter, plainTopKey } from './path-read';

const read = (path: string, record: unknown) => compileGetter(parseFieldPath(path))(record);

describe('compileGetter', () => {
  const order = {
    orderId: 'SO-1',
    shipTo: { country: 'DE', geo: { lat: 52.5 } },
    lines: [
      { sku: 'A', discounts: [{ amount: 1 }, { amount: 2 }] },
      { sku: 'B', discounts: [] },
      { sku: 'C', discounts: [{ amount: 3 }] },
      { note: 'no sku' },
    ],
  };

  test('reads keys and indexes at any depth', () => {
    assert.equal(read('orderId', order), 'SO-1');
    assert.equal(read('shipTo.country', order), 'DE');
    assert.equal(read('shipTo.geo.lat', order), 52.5);
    assert.equal(read('lines[2].sku', order), 'C');
    assert.equal(read('lines[0].discounts[1].amount', order), 2);
  });

  test('a missing step anywhere gives undefined', () => {
    for (const path of ['nope', 'shipTo.nope', 'shipTo.geo.nope.deeper', 'lines[9].sku', 'orderId.length', 'lines.sku', 'shipTo[0]', 'a.b.c.d.e']) {
      assert.equal(read(path, order), undefined, path);
    }
    assert.equal(read('x.y', { x: null }), undefined);
    assert.equal(read('x', null), undefined);
    assert.equal(read('x', 'string'), undefined);
  });

  test('wildcards collect every match, skip missing leaves and flatten nested wildcards', () => {
    assert.deepEqual(read('lines[*].sku', order), ['A', 'B', 'C']);
    assert.deepEqual(read('lines[*].discounts[*].amount', order), [1, 2, 3]);
    assert.deepEqual(read('lines[*]', order), order.lines);
    assert.equal(read('missing[*].sku', order), undefined);
    assert.deepEqual(read('lines[*].nope', order), []);
  });

  test('only own data is read: no prototype members, no functions', () => {
    assert.equal(read('constructor', {}), undefined);
    assert.equal(read('toString', { a: 1 }), undefined);
    assert.equal(read('__proto__', {}), undefined);
    assert.equal(read('f', { f: () => 1 }), undefined);
    assert.equal(read('x.constructor', { x: [] }), undefined);
    class Decoded {
      total = 5;
      method() {
        return 1;
      }
    }
    assert.equal(read('method', new Decoded()), undefined);
    assert.equal(read('total', new Decoded()), 5);
    assert.equal(read('constructor', JSON.parse('{"constructor": 7}')), 7);
  });
});

describe('plainTopKey', () => {
  test('names the key of a one-key path that is safe to access directly', () => {
    assert.equal(plainTopKey(parseFieldPath('total')), 'total');
    assert.equal(plainTopKey(parseFieldPath('Inv Date')), 'Inv Date');
    assert.equal(plainTopKey(parseFieldPath('a.b')), undefined);
    assert.equal(plainTopKey(parseFieldPath('a[0]')), undefined);
    assert.equal(plainTopKey(parseFieldPath('constructor')), undefined);
    assert.equal(plainTopKey(parseFieldPath('__proto__')), undefined);
  });
});
