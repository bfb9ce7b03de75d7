// Splits expression text into tokens. Hand-written, one pass, no regex backtracking.
import { ExpressionSyntaxError } from './expression-errors';

export type TokenKind = 'number' | 'string' | 'name' | 'quotedName' | 'operator' | 'end';

export interface Token {
  readonly kind: TokenKind;
  /** The number's value, the string's decoded text, the name, or the operator itself. */
  readonly text: string;
  readonly value?: number;
  readonly position: number;
}

const OPERATORS = ['==', '!=', '<=', '>=', '&&', '||', '+', '-', '*', '/', '%', '<', '>', '!', '?', ':', '(', ')', ',', '[', ']', '.'];
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };

const isDigit = (c: string) => c >= '0' && c <= '9';
const isNameStart = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || c === '$';
const isNamePart = (c: string) => isNameStart(c) || isDigit(c);

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
    } else if (isDigit(c)) {
      i = readNumber(source, i, tokens);
    } else if (isNameStart(c)) {
      const start = i;
      while (i < source.length && isNamePart(source[i])) i++;
      tokens.push({ kind: 'name', text: source.slice(start, i), position: start });
    } else if (c === "'" || c === '"') {
      i = readString(source, i, tokens);
    } else if (c === '`') {
      const close = source.indexOf('`', i + 1);
      if (close < 0) throw new ExpressionSyntaxError('unterminated `quoted field name`: expected a closing backtick', i);
      if (close === i + 1) throw new ExpressionSyntaxError('empty `quoted field name`', i);
      tokens.push({ kind: 'quotedName', text: source.slice(i + 1, close), position: i });
      i = close + 1;
    } else {
      const op = OPERATORS.find((o) => source.startsWith(o, i));
      if (op === undefined) {
        const hint = c === '=' ? ": use '==' to compare" : c === '&' || c === '|' ? `: use '${c}${c}' (or 'and'/'or')` : '';
        throw new ExpressionSyntaxError(`unexpected character '${c}'${hint}`, i);
      }
      tokens.push({ kind: 'operator', text: op, position: i });
      i += op.length;
    }
  }
  tokens.push({ kind: 'end', text: '', position: source.length });
  return tokens;
}

function readNumber(source: string, start: number, tokens: Token[]): number {
  let i = start;
  while (i < source.length && isDigit(source[i])) i++;
  if (source[i] === '.' && isDigit(source[i + 1] ?? '')) {
    i++;
    while (i < source.length && isDigit(source[i])) i++;
  }
  if (source[i] === 'e' || source[i] === 'E') {
    let j = i + 1;
    if (source[j] === '+' || source[j] === '-') j++;
    if (!isDigit(source[j] ?? '')) throw new ExpressionSyntaxError('expected digits after the exponent', j);
    while (j < source.length && isDigit(source[j])) j++;
    i = j;
  }
  if (i < source.length && isNamePart(source[i])) throw new ExpressionSyntaxError(`expected an operator after the number, found '${source[i]}'`, i);
  const text = source.slice(start, i);
  const value = Number(text);
  if (!Number.isFinite(value)) throw new ExpressionSyntaxError(`number ${text} is out of range`, start);
  tokens.push({ kind: 'number', text, value, position: start });
  return i;
}

function readString(source: string, start: number, tokens: Token[]): number {
  const quote = source[start];
  let i = start + 1;
  let text = '';
  while (i < source.length && source[i] !== quote) {
    if (source[i] !== '\\') {
      text += source[i++];
      continue;
    }
    const e = source[i + 1];
    if (e === undefined) break;
    if (e === 'u') {
      const hex = source.slice(i + 2, i + 6);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new ExpressionSyntaxError('expected 4 hex digits after \\u', i + 2);
      text += String.fromCharCode(parseInt(hex, 16));
      i += 6;
    } else if (ESCAPES[e] !== undefined) {
      text += ESCAPES[e];
      i += 2;
    } else {
      throw new ExpressionSyntaxError(`unknown escape '\\${e}' in string`, i);
    }
  }
  if (i >= source.length) throw new ExpressionSyntaxError(`unterminated string: expected a closing ${quote}`, start);
  tokens.push({ kind: 'string', text, position: start });
  return i + 1;
}
