// A user's expression sees the record it is given and the built-in functions, nothing else:
// no globals, no prototypes, no methods, and no way to write outside the record.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { compileTransform } from '../compile-transform';
import { compileExpression } from './compile-expression';
import { ExpressionSyntaxError } from './expression-errors';

const value = (text: string, record: Record<string, unknown> = {}) => compileExpression(text).evaluate(record);

describe('expression safety', () => {
  test('names are field paths into the record, never globals', () => {
    for (const name of ['process', 'globalThis', 'this', 'require', 'module', 'Function', 'eval', 'window', 'console', 'Object', 'Math']) {
      assert.equal(value(name), null, name);
      assert.equal(value(`${name}.env`), null, `${name}.env`);
    }
    assert.equal(value('process', { process: 'a field called process' }), 'a field called process');
  });

  test('prototype members are not fields of a record', () => {
    const record = { a: 1, s: 'text', xs: [1, 2] };
    for (const path of ['constructor', 'constructor.constructor', '__proto__', '__proto__.constructor', 'toString', 'hasOwnProperty', 'valueOf', 's.length', 's.constructor', 'xs.length', 'xs.map', 'xs.constructor', 'a.toFixed', "a['constructor']", '`__proto__`']) {
      assert.equal(value(path, record), null, path);
    }
  });

  test('own fields with prototype names are read as data', () => {
    const record = JSON.parse('{"constructor": "C-1", "__proto__": {"x": 1}, "toString": "ts"}') as Record<string, unknown>;
    assert.equal(value('constructor', record), 'C-1');
    assert.equal(value('__proto__.x', record), 1);
    assert.equal(value('toString', record), 'ts');
  });

  test('functions in a record are never returned or called', () => {
    assert.equal(value('f', { f: () => 'called' }), null);
    assert.equal(value('o.f', { o: { f: () => 'called' } }), null);
  });

  test('calls reach only the built-in functions', () => {
    for (const text of ['constructor()', 'toString()', '__proto__()', 'eval("1")', 'Function("return 1")', 'process()', 'require("fs")', 'hasOwnProperty("a")', 'x.y()']) {
      assert.throws(() => compileExpression(text), ExpressionSyntaxError, text);
    }
  });

  test('there is no assignment, statement or template syntax', () => {
    for (const text of ['a = 1', 'a; b', 'a => a', 'new Date()', 'x.y = 1', '{a: 1}', 'a++', 'typeof a']) {
      assert.throws(() => compileExpression(text), ExpressionSyntaxError, text);
    }
    assert.equal(value('`${process.env}`'), null, 'backquotes name a field; they do not interpolate');
  });

  test('a step writing to __proto__ stores data and pollutes no prototype', () => {
    const transform = compileTransform([{ set: { '__proto__.polluted': "'yes'", 'constructor.prototype.polluted': "'yes'" } }]);
    const { records, reasons } = transform.run({});
    assert.deepEqual(reasons, []);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.getPrototypeOf(records[0]), Object.prototype);
    assert.equal(JSON.stringify(records[0]), '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}');
  });
});
