import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ExpressionNode } from './ast';
import { ExpressionSyntaxError } from './expression-errors';
import { MAX_DEPTH, parseExpression } from './parser';

/** The tree as compact text: (op left right), fields as their path, calls as name(args). */
function show(node: ExpressionNode): string {
  switch (node.kind) {
    case 'literal':
      return JSON.stringify(node.value);
    case 'field':
      return node.path.text;
    case 'list':
      return `[${node.items.map(show).join(' ')}]`;
    case 'unary':
      return `(${node.operator} ${show(node.operand)})`;
    case 'binary':
    case 'logical':
      return `(${node.operator} ${show(node.left)} ${show(node.right)})`;
    case 'conditional':
      return `(? ${show(node.test)} ${show(node.then)} ${show(node.otherwise)})`;
    case 'call':
      return `${node.name}(${node.args.map(show).join(' ')})`;
  }
}

const parsed = (text: string) => show(parseExpression(text));

/** The syntax error for text: its message and position. */
function syntaxError(text: string): { message: string; position: number } {
  try {
    parseExpression(text);
  } catch (e) {
    assert.ok(e instanceof ExpressionSyntaxError, `expected ExpressionSyntaxError, got ${String(e)}`);
    return { message: e.message, position: e.position };
  }
  assert.fail(`'${text}' parsed`);
}

describe('parseExpression', () => {
  test('multiplication binds tighter than addition, which binds tighter than comparison', () => {
    assert.equal(parsed('a + b * c'), '(+ a (* b c))');
    assert.equal(parsed('a * b + c % d'), '(+ (* a b) (% c d))');
    assert.equal(parsed('a + b > c - d'), '(> (+ a b) (- c d))');
    assert.equal(parsed('(a + b) * c'), '(* (+ a b) c)');
  });

  test('arithmetic is left-associative', () => {
    assert.equal(parsed('a - b - c'), '(- (- a b) c)');
    assert.equal(parsed('a / b / c'), '(/ (/ a b) c)');
  });

  test('and binds tighter than or; not binds looser than comparison', () => {
    assert.equal(parsed('a or b and c'), '(or a (and b c))');
    assert.equal(parsed('a || b && c'), '(or a (and b c))');
    assert.equal(parsed('not a == b'), '(not (== a b))');
    assert.equal(parsed('not a and b'), '(and (not a) b)');
    assert.equal(parsed('!a == b'), '(== (not a) b)');
  });

  test('the conditional is loosest and right-associative', () => {
    assert.equal(parsed('a ? b : c ? d : e'), '(? a b (? c d e))');
    assert.equal(parsed('x > 1 or y ? 1 + 2 : 3'), '(? (or (> x 1) y) (+ 1 2) 3)');
  });

  test('unary minus applies to the operand before any binary operator', () => {
    assert.equal(parsed('-a * b'), '(* (- a) b)');
    assert.equal(parsed('- -a'), '(- (- a))');
    assert.equal(parsed('2 * -3'), '(* 2 (- 3))');
  });

  test('in and not in test membership in a list', () => {
    assert.equal(parsed("currency in ['USD', 'EUR']"), '(in currency ["USD" "EUR"])');
    assert.equal(parsed('x not in [1, 2]'), '(not (in x [1 2]))');
    assert.equal(parsed('[]'), '[]');
  });

  test('literals: numbers, strings with escapes, booleans and null', () => {
    assert.equal(parsed('12.5e2'), '1250');
    assert.equal(parsed("'it\\'s'"), '"it\'s"');
    assert.equal(parsed('"tab\\there"'), '"tab\\there"');
    assert.equal(parsed("'\\u00e9'"), '"é"');
    assert.equal(parsed('true and false or null'), '(or (and true false) null)');
  });

  test('field paths: dots, indexes, wildcards, quoted keys and backquoted names', () => {
    assert.equal(parsed('shipTo.country'), 'shipTo.country');
    assert.equal(parsed('lines[0].sku'), 'lines[0].sku');
    assert.equal(parsed('lines[*].amount'), 'lines[*].amount');
    assert.equal(parsed("attrs['odd.key']"), 'attrs["odd.key"]');
    assert.equal(parsed('`Inv Date`'), '["Inv Date"]');
    const node = parseExpression('lines[*].amount');
    assert.ok(node.kind === 'field' && node.path.hasWildcard && node.path.normalized === 'lines[].amount');
  });

  test('function calls take their arguments in order', () => {
    assert.equal(parsed("round(net + shipping, 2)"), 'round((+ net shipping) 2)');
    assert.equal(parsed('coalesce(a, b, "x")'), 'coalesce(a b "x")');
    assert.equal(parsed('now()'), 'now()');
  });

  test('every node records the offset of its first character (the operator for binary nodes)', () => {
    const node = parseExpression('  a + round(b, 2)');
    assert.ok(node.kind === 'binary');
    assert.equal(node.position, 4);
    assert.equal(node.left.position, 2);
    assert.equal(node.right.position, 6);
  });

  test('errors name what was expected and where', () => {
    assert.deepEqual(syntaxError('a +'), { message: 'expected a value (a field, number, string or function call), found the end of the expression (at offset 3)', position: 3 });
    assert.equal(syntaxError('(a + b').position, 6);
    assert.match(syntaxError('(a + b').message, /expected '\)' to close the parenthesis/);
    assert.deepEqual(syntaxError('a b').position, 2);
    assert.match(syntaxError('a = 1').message, /unexpected character '='.*use '=='/);
    assert.match(syntaxError('a & b').message, /use '&&'/);
    assert.equal(syntaxError("'open").position, 0);
    assert.match(syntaxError("'open").message, /unterminated string/);
    assert.match(syntaxError("'\\q'").message, /unknown escape '\\q'/);
    assert.match(syntaxError("'\\u12'").message, /4 hex digits/);
    assert.match(syntaxError('1e').message, /digits after the exponent/);
    assert.match(syntaxError('12abc').message, /expected an operator after the number/);
    assert.match(syntaxError('1e999').message, /out of range/);
    assert.match(syntaxError('`unclosed').message, /closing backtick/);
    assert.match(syntaxError('a.').message, /expected a field name after '.'/);
    assert.match(syntaxError('a[x]').message, /expected an index, '\*' or a quoted key/);
    assert.match(syntaxError('a[1.5]').message, /expected an index/);
    assert.match(syntaxError('#').message, /unexpected character '#'/);
    assert.match(syntaxError('').message, /found the end of the expression/);
  });

  test('unknown functions are rejected with the nearest name, and arity is checked', () => {
    assert.deepEqual(syntaxError('uper(x)'), { message: "unknown function 'uper'; did you mean 'upper'? (at offset 0)", position: 0 });
    assert.match(syntaxError('x + frobnicate(1)').message, /unknown function 'frobnicate'(?!;)/);
    assert.deepEqual(syntaxError('x + round()'), { message: 'round() takes 1 to 2 arguments, got 0 (at offset 4)', position: 4 });
    assert.match(syntaxError('upper(a, b)').message, /upper\(\) takes 1 argument, got 2/);
    assert.match(syntaxError('coalesce()').message, /takes at least 1 argument/);
  });

  test('comparisons cannot be chained', () => {
    assert.match(syntaxError('1 < x < 3').message, /cannot be chained: combine them with 'and'/);
    assert.equal(syntaxError('a == b == c').position, 7);
    assert.equal(parsed('1 < x and x < 3'), '(and (< 1 x) (< x 3))');
  });

  test('keywords are not values', () => {
    assert.match(syntaxError('and').message, /expected a value before 'and'/);
    assert.match(syntaxError('a + in').message, /expected a value before 'in'/);
  });

  test('nesting deeper than MAX_DEPTH is a syntax error, not a stack overflow', () => {
    const depth = MAX_DEPTH + 5;
    assert.match(syntaxError('('.repeat(depth) + '1' + ')'.repeat(depth)).message, /nested too deeply/);
    assert.match(syntaxError('-'.repeat(10_000) + '1').message, /nested too deeply/);
    assert.match(syntaxError('abs('.repeat(depth) + '1' + ')'.repeat(depth)).message, /nested too deeply/);
    assert.match(syntaxError('1' + ' + 1'.repeat(depth)).message, /nested too deeply/);
    assert.match(syntaxError('['.repeat(100_000)).message, /nested too deeply/);
    assert.equal(parsed('('.repeat(MAX_DEPTH - 2) + '1' + ')'.repeat(MAX_DEPTH - 2)), '1');
  });

  test('non-string input is a syntax error at offset 0', () => {
    assert.throws(() => parseExpression(42 as unknown as string), (e: unknown) => e instanceof ExpressionSyntaxError && e.position === 0);
  });
});
