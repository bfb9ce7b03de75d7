// Properties of the expression language over generated input: the parser answers any text with a
// compiled expression or an ExpressionSyntaxError naming a position inside the text, and a
// compiled expression answers any record with a value or an ExpressionEvaluationError.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileExpression, type CompiledExpression } from './compile-expression';
import { ExpressionEvaluationError, ExpressionSyntaxError } from './expression-errors';
import { EXPRESSION_FUNCTIONS } from './functions/function-list';

/** The parser's whole contract: a compiled expression, or a syntax error located inside the text. */
function compileOrLocate(text: string): CompiledExpression | ExpressionSyntaxError {
  try {
    return compileExpression(text);
  } catch (e) {
    assert.ok(e instanceof ExpressionSyntaxError, `'${text}' threw ${String(e)}`);
    assert.ok(Number.isInteger(e.position) && e.position >= 0 && e.position <= text.length, `'${text}': position ${e.position}`);
    assert.ok(e.message.includes(`(at offset ${e.position})`));
    return e;
  }
}

/** Pieces of the language, so generated text gets past the tokenizer and deep into the parser. */
const TOKENS = [
  'a', 'b.c', 'xs[*].v', 'xs[0]', '`Inv Date`', "m['k.k']", '1', '2.5', '1e3', "'s'", '"2024-02-30"', "'dd/MM/yyyy'", 'true', 'false', 'null',
  '(', ')', '[', ']', ',', '.', '+', '-', '*', '/', '%', '==', '!=', '<', '<=', '>', '>=', '!', '&&', '||', '?', ':',
  'and', 'or', 'not', 'in', ...EXPRESSION_FUNCTIONS.map((f) => `${f.name}(`), 'nope(', '=', '&', '#', "'", '`', '\\',
];
const tokenText = fc.array(fc.tuple(fc.constantFrom(...TOKENS), fc.constantFrom('', ' ')), { maxLength: 40 }).map((parts) => parts.map(([t, s]) => t + s).join(''));

/** Well-formed expressions: every operator, function and literal kind, nested a few levels. */
const leaf = fc.oneof(
  fc.constantFrom('a', 'b', 'c.d', 'xs[*].v', 'xs[1]', 'missing', '`odd key`'),
  fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 })).map((n) => (n < 0 ? `(${n})` : String(n))),
  fc.constantFrom("'x'", "''", "'2024-03-05'", "'2024-02-30'", "'05/03/2024'", "'dd/MM/yyyy'", "'iso'", "'Europe/Berlin'", 'true', 'false', 'null'),
);
const BINARY = ['+', '-', '*', '/', '%', '==', '!=', '<', '<=', '>', '>=', 'and', 'or', 'in', 'not in'];
const { expression } = fc.letrec<{ expression: string }>((tie) => ({
  expression: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(tie('expression'), fc.constantFrom(...BINARY), tie('expression')).map(([l, op, r]) => `(${l} ${op} ${r})`),
    fc.tuple(fc.constantFrom('-', 'not ', '!'), tie('expression')).map(([op, e]) => `(${op}${e})`),
    fc.tuple(tie('expression'), tie('expression'), tie('expression')).map(([c, t, e]) => `(${c} ? ${t} : ${e})`),
    fc.array(tie('expression'), { maxLength: 3 }).map((items) => `[${items.join(', ')}]`),
    fc
      .constantFrom(...EXPRESSION_FUNCTIONS)
      .chain((f) => fc.array(tie('expression'), { minLength: f.minArgs, maxLength: Math.min(f.maxArgs, f.minArgs + 2) }).map((args) => `${f.name}(${args.join(', ')})`)),
  ),
}));

/** Records with every kind of value where the expressions look, absurd ones included. */
const anyValue = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 12 }),
  fc.constantFrom('2024-03-05', '2024-02-30', '99999-01-01', '05/03/2024', '1,234.50', 'EUR', ''),
  fc.boolean(),
  fc.constant(null),
  fc.date(),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 4 }), fc.constant(null)), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 3 }),
  fc.constantFrom(8.64e15, -8.64e15, Number.MAX_VALUE, -0),
);
const anyRecord = fc.record(
  {
    a: anyValue,
    b: anyValue,
    c: fc.oneof(anyValue, fc.record({ d: anyValue })),
    xs: fc.oneof(anyValue, fc.array(fc.record({ v: anyValue }), { maxLength: 4 })),
    'odd key': anyValue,
  },
  { requiredKeys: [] },
);

/** Whether the value sits somewhere in the record (a non-finite double of the generator, say). */
function holds(value: unknown, wanted: number): boolean {
  if (Object.is(value, wanted)) return true;
  return typeof value === 'object' && value !== null && Object.values(value).some((v) => holds(v, wanted));
}

describe('expression properties', () => {
  test('any text compiles or fails with a syntax error naming a position inside it', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 120 }), (text) => void compileOrLocate(text)), { numRuns: 3000 });
  });

  test('any sequence of the language tokens compiles or fails with a located syntax error', () => {
    fc.assert(fc.property(tokenText, (text) => void compileOrLocate(text)), { numRuns: 5000 });
  });

  test('generated well-formed expressions parse (bar constant-argument checks)', () => {
    fc.assert(
      fc.property(expression, (text) => {
        const result = compileOrLocate(text);
        if (result instanceof ExpressionSyntaxError) assert.match(result.message, /^\w+\(\): /, `'${text}' was rejected: ${result.message}`);
      }),
      { numRuns: 2000 },
    );
  });

  test('evaluation answers any record with a value or an ExpressionEvaluationError, never anything else', () => {
    fc.assert(
      fc.property(expression, anyRecord, (text, record) => {
        const compiled = compileOrLocate(text);
        fc.pre(!(compiled instanceof ExpressionSyntaxError));
        try {
          const out = (compiled as CompiledExpression).evaluate(record);
          assert.notEqual(out, undefined, `'${text}' gave undefined; a missing value is null`);
          // A read hands a record's value on as it is; anything computed is finite.
          if (typeof out === 'number') assert.ok(Number.isFinite(out) || holds(record, out), `'${text}' gave ${out}`);
        } catch (e) {
          assert.ok(e instanceof ExpressionEvaluationError, `'${text}' threw ${String(e)}`);
          assert.ok(Number.isInteger(e.position) && e.position >= 0 && e.position <= text.length);
        }
      }),
      { numRuns: 3000 },
    );
  });

  test('evaluation never changes the record', () => {
    fc.assert(
      fc.property(expression, anyRecord, (text, record) => {
        const compiled = compileOrLocate(text);
        fc.pre(!(compiled instanceof ExpressionSyntaxError));
        const before = fc.stringify(record); // exact text of every value: -0, NaN dates and all
        try {
          (compiled as CompiledExpression).evaluate(record);
        } catch {
          // failures are the previous property's concern
        }
        assert.equal(fc.stringify(record), before);
      }),
      { numRuns: 1000 },
    );
  });
});
