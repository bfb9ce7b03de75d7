// Recursive-descent (Pratt) parser for the expression language.
//
//   expression  := test ('?' expression ':' expression)?            right-associative
//   or          := and (('or' | '||') and)*
//   and         := not (('and' | '&&') not)*
//   not         := 'not' not | equality                              so `not a == b` is not (a == b)
//   equality    := comparison (('==' | '!=') comparison)?             no chaining: a == b == c is an error
//   comparison  := sum (('<' | '<=' | '>' | '>=' | 'in' | 'not in') sum)?
//   sum         := product (('+' | '-') product)*
//   product     := unary (('*' | '/' | '%') unary)*
//   unary       := ('-' | '!') unary | primary
//   primary     := number | string | true | false | null | '(' expression ')' | '[' list ']'
//                | name '(' arguments ')' | path
//   path        := (name | `quoted name`) ('.' (name | `quoted`) | '[' (digits | '*' | string) ']')*
//
// Nesting is capped (MAX_DEPTH) so hostile input fails with a syntax error, not a stack overflow.
import { closestName } from '../closest-name';
import { fieldPathOf, formatSegments, type PathSegment } from '../path/field-path';
import type { BinaryOperator, ExpressionNode } from './ast';
import { ExpressionSyntaxError } from './expression-errors';
import { FUNCTIONS_BY_NAME } from './functions/function-list';
import { tokenize, type Token } from './tokenizer';

/** Deepest nesting of the syntax tree (parentheses, operators, calls) an expression may have. */
export const MAX_DEPTH = 100;

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'true', 'false', 'null']);

type Level = { bp: number; operator: BinaryOperator | 'and' | 'or' | '?' };

/** Binding powers, loosest first. */
function infixLevel(t: Token, next: Token): Level | undefined {
  const text = t.text;
  if (t.kind === 'operator') {
    if (text === '?') return { bp: 1, operator: '?' };
    if (text === '||') return { bp: 2, operator: 'or' };
    if (text === '&&') return { bp: 3, operator: 'and' };
    if (text === '==' || text === '!=') return { bp: 5, operator: text };
    if (text === '<' || text === '<=' || text === '>' || text === '>=') return { bp: 6, operator: text };
    if (text === '+' || text === '-') return { bp: 7, operator: text };
    if (text === '*' || text === '/' || text === '%') return { bp: 8, operator: text };
  } else if (t.kind === 'name') {
    if (text === 'or') return { bp: 2, operator: 'or' };
    if (text === 'and') return { bp: 3, operator: 'and' };
    if (text === 'in' || (text === 'not' && next.kind === 'name' && next.text === 'in')) return { bp: 6, operator: 'in' };
  }
  return undefined;
}

function describeToken(t: Token): string {
  if (t.kind === 'end') return 'the end of the expression';
  if (t.kind === 'string') return 'a string';
  return `'${t.text}'`;
}

class Parser {
  private at = 0;
  private readonly depths = new WeakMap<ExpressionNode, number>();

  constructor(private readonly tokens: Token[]) {}

  parse(): ExpressionNode {
    const node = this.expression(0, 0);
    const t = this.peek();
    if (t.kind !== 'end') throw new ExpressionSyntaxError(`expected an operator or the end of the expression, found ${describeToken(t)}`, t.position);
    return node;
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.at + offset, this.tokens.length - 1)];
  }

  private take(): Token {
    const t = this.peek();
    if (this.at < this.tokens.length - 1) this.at++;
    return t;
  }

  private isOperator(text: string): boolean {
    const t = this.peek();
    return t.kind === 'operator' && t.text === text;
  }

  private expect(text: string, what: string): Token {
    const t = this.peek();
    if (t.kind !== 'operator' || t.text !== text) throw new ExpressionSyntaxError(`expected '${text}' ${what}, found ${describeToken(t)}`, t.position);
    return this.take();
  }

  /** Records a node's depth in the tree and rejects trees deeper than MAX_DEPTH. */
  private node(node: ExpressionNode, ...children: ExpressionNode[]): ExpressionNode {
    let depth = 1;
    for (const c of children) depth = Math.max(depth, (this.depths.get(c) ?? 1) + 1);
    if (depth > MAX_DEPTH) throw new ExpressionSyntaxError(`expression nested too deeply (more than ${MAX_DEPTH} levels)`, node.position);
    this.depths.set(node, depth);
    return node;
  }

  private expression(minBp: number, depth: number): ExpressionNode {
    if (depth > MAX_DEPTH) throw new ExpressionSyntaxError(`expression nested too deeply (more than ${MAX_DEPTH} levels)`, this.peek().position);
    let left = this.prefix(depth);
    for (;;) {
      const t = this.peek();
      const level = infixLevel(t, this.peek(1));
      if (level === undefined || level.bp < minBp) return left;
      this.take();
      if (level.operator === '?') {
        const then = this.expression(0, depth + 1);
        this.expect(':', "after the '?' branch of a conditional");
        const otherwise = this.expression(level.bp, depth + 1);
        left = this.node({ kind: 'conditional', test: left, then, otherwise, position: t.position }, left, then, otherwise);
        continue;
      }
      const negated = t.kind === 'name' && t.text === 'not';
      if (negated) this.take();
      const right = this.expression(level.bp + 1, depth + 1);
      if (level.operator === 'and' || level.operator === 'or') {
        left = this.node({ kind: 'logical', operator: level.operator, left, right, position: t.position }, left, right);
      } else {
        left = this.node({ kind: 'binary', operator: level.operator, left, right, position: t.position }, left, right);
        if (negated) left = this.node({ kind: 'unary', operator: 'not', operand: left, position: t.position }, left);
      }
      if (level.bp === 5 || level.bp === 6) {
        const after = this.peek();
        const following = infixLevel(after, this.peek(1));
        if (following?.bp === level.bp) throw new ExpressionSyntaxError(`comparisons cannot be chained: combine them with 'and'`, after.position);
      }
    }
  }

  private prefix(depth: number): ExpressionNode {
    const t = this.take();
    if (t.kind === 'number') return this.node({ kind: 'literal', value: t.value as number, position: t.position });
    if (t.kind === 'string') return this.node({ kind: 'literal', value: t.text, position: t.position });
    if (t.kind === 'operator') {
      if (t.text === '-' || t.text === '!') {
        const operand = this.expression(9, depth + 1);
        return this.node({ kind: 'unary', operator: t.text === '-' ? '-' : 'not', operand, position: t.position }, operand);
      }
      if (t.text === '(') {
        const inner = this.expression(0, depth + 1);
        this.expect(')', 'to close the parenthesis');
        return inner;
      }
      if (t.text === '[') return this.list(t, depth);
    }
    if (t.kind === 'quotedName') return this.path(t);
    if (t.kind === 'name') {
      if (t.text === 'true' || t.text === 'false') return this.node({ kind: 'literal', value: t.text === 'true', position: t.position });
      if (t.text === 'null') return this.node({ kind: 'literal', value: null, position: t.position });
      if (t.text === 'not') {
        const operand = this.expression(4, depth + 1);
        return this.node({ kind: 'unary', operator: 'not', operand, position: t.position }, operand);
      }
      if (KEYWORDS.has(t.text)) throw new ExpressionSyntaxError(`expected a value before '${t.text}'`, t.position);
      if (this.isOperator('(')) return this.call(t, depth);
      return this.path(t);
    }
    throw new ExpressionSyntaxError(`expected a value (a field, number, string or function call), found ${describeToken(t)}`, t.position);
  }

  private list(open: Token, depth: number): ExpressionNode {
    const items: ExpressionNode[] = [];
    while (!this.isOperator(']')) {
      items.push(this.expression(0, depth + 1));
      if (!this.isOperator(',')) break;
      this.take();
    }
    this.expect(']', 'to close the list');
    return this.node({ kind: 'list', items, position: open.position }, ...items);
  }

  private call(name: Token, depth: number): ExpressionNode {
    const fn = FUNCTIONS_BY_NAME.get(name.text);
    if (fn === undefined) {
      const hint = closestName(name.text, [...FUNCTIONS_BY_NAME.keys()]);
      throw new ExpressionSyntaxError(`unknown function '${name.text}'${hint ? `; did you mean '${hint}'?` : ''}`, name.position);
    }
    this.take();
    const args: ExpressionNode[] = [];
    while (!this.isOperator(')')) {
      args.push(this.expression(0, depth + 1));
      if (!this.isOperator(',')) break;
      this.take();
    }
    this.expect(')', `to close the arguments of ${name.text}()`);
    if (args.length < fn.minArgs || args.length > fn.maxArgs) {
      const wanted = fn.minArgs === fn.maxArgs ? `${fn.minArgs}` : fn.maxArgs === Infinity ? `at least ${fn.minArgs}` : `${fn.minArgs} to ${fn.maxArgs}`;
      throw new ExpressionSyntaxError(`${name.text}() takes ${wanted} argument${wanted === '1' ? '' : 's'}, got ${args.length}`, name.position);
    }
    return this.node({ kind: 'call', name: name.text, args, position: name.position }, ...args);
  }

  private path(first: Token): ExpressionNode {
    const segments: PathSegment[] = [{ kind: 'key', key: first.text }];
    for (;;) {
      if (this.isOperator('.')) {
        this.take();
        const t = this.take();
        if (t.kind !== 'name' && t.kind !== 'quotedName') throw new ExpressionSyntaxError(`expected a field name after '.', found ${describeToken(t)}`, t.position);
        segments.push({ kind: 'key', key: t.text });
      } else if (this.isOperator('[')) {
        this.take();
        const t = this.take();
        if (t.kind === 'operator' && t.text === '*') segments.push({ kind: 'all' });
        else if (t.kind === 'string') segments.push({ kind: 'key', key: t.text });
        else if (t.kind === 'number' && Number.isInteger(t.value) && /^\d{1,9}$/.test(t.text)) segments.push({ kind: 'index', index: t.value as number });
        else throw new ExpressionSyntaxError(`expected an index, '*' or a quoted key inside [ ], found ${describeToken(t)}`, t.position);
        this.expect(']', 'after the index');
      } else break;
    }
    return this.node({ kind: 'field', path: fieldPathOf(formatSegments(segments), segments), position: first.position });
  }
}

/** Parses expression text into a syntax tree; throws ExpressionSyntaxError (with position) and nothing else. */
export function parseExpression(source: string): ExpressionNode {
  if (typeof source !== 'string') throw new ExpressionSyntaxError('an expression must be a string', 0);
  return new Parser(tokenize(source)).parse();
}
