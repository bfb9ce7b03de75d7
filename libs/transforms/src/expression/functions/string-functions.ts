// String functions. A null argument gives null (except concat, which skips nulls like
// Postgres' concat). Positions are 0-based, as in JavaScript.
import { eager, eagerList, type ExpressionFunction } from './expression-function';
import { integerArg, isNull, stringArg, textArg } from './argument-checks';

/** Longest string padStart/padEnd may build: keeps a typo like padStart(x, 1e9) from eating memory. */
const MAX_PADDED_LENGTH = 10_000;

function unary(name: string, description: string, f: (s: string) => unknown): ExpressionFunction {
  return { name, minArgs: 1, maxArgs: 1, description, compile: eager((site, a) => (isNull(a) ? null : f(stringArg(site, a, 'its argument')))) };
}

function pad(name: 'padStart' | 'padEnd'): ExpressionFunction {
  return {
    name,
    minArgs: 2,
    maxArgs: 3,
    description: `${name}(s, length, fill?): s (a string or number) padded to length with fill (default ' ')`,
    compile: eager((site, a, b, c) => {
      if (isNull(a) || isNull(b)) return null;
      const s = textArg(site, a, 'the value');
      const length = integerArg(site, b, 'the length', 0, MAX_PADDED_LENGTH);
      const fill = c === undefined ? ' ' : stringArg(site, c, 'the fill');
      return name === 'padStart' ? s.padStart(length, fill) : s.padEnd(length, fill);
    }),
  };
}

export const STRING_FUNCTIONS: readonly ExpressionFunction[] = [
  unary('upper', 'upper(s): s in upper case', (s) => s.toUpperCase()),
  unary('lower', 'lower(s): s in lower case', (s) => s.toLowerCase()),
  unary('trim', 'trim(s): s without leading and trailing white space', (s) => s.trim()),
  {
    name: 'length',
    minArgs: 1,
    maxArgs: 1,
    description: 'length(x): characters in a string, or elements in an array',
    compile: eager((site, a) => (isNull(a) ? null : Array.isArray(a) ? a.length : stringArg(site, a, 'its argument').length)),
  },
  {
    name: 'concat',
    minArgs: 1,
    maxArgs: Infinity,
    description: 'concat(a, b, ...): the strings (or numbers) joined; nulls are skipped',
    compile: eagerList((site, values) => {
      let out = '';
      for (let i = 0; i < values.length; i++) if (!isNull(values[i])) out += textArg(site, values[i], `argument ${i + 1}`);
      return out;
    }),
  },
  {
    name: 'substring',
    minArgs: 2,
    maxArgs: 3,
    description: 'substring(s, start, length?): the part of s from 0-based start, length characters (default: to the end)',
    compile: eager((site, a, b, c) => {
      if (isNull(a) || isNull(b)) return null;
      const s = stringArg(site, a, 'the string');
      const start = integerArg(site, b, 'start', 0, Number.MAX_SAFE_INTEGER);
      if (c === undefined || c === null) return s.slice(start);
      return s.slice(start, start + integerArg(site, c, 'length', 0, Number.MAX_SAFE_INTEGER));
    }),
  },
  {
    name: 'replace',
    minArgs: 3,
    maxArgs: 3,
    description: 'replace(s, find, with): s with every occurrence of the text find replaced (no regex)',
    compile: eager((site, a, b, c) => {
      if (isNull(a)) return null;
      const s = stringArg(site, a, 'the string');
      const find = stringArg(site, b, 'find');
      const replacement = stringArg(site, c, 'with');
      return find === '' ? s : s.split(find).join(replacement);
    }),
  },
  {
    name: 'startsWith',
    minArgs: 2,
    maxArgs: 2,
    description: 'startsWith(s, prefix): whether s begins with prefix',
    compile: eager((site, a, b) => (isNull(a) || isNull(b) ? null : stringArg(site, a, 'the string').startsWith(stringArg(site, b, 'the prefix')))),
  },
  {
    name: 'endsWith',
    minArgs: 2,
    maxArgs: 2,
    description: 'endsWith(s, suffix): whether s ends with suffix',
    compile: eager((site, a, b) => (isNull(a) || isNull(b) ? null : stringArg(site, a, 'the string').endsWith(stringArg(site, b, 'the suffix')))),
  },
  {
    name: 'contains',
    minArgs: 2,
    maxArgs: 2,
    description: 'contains(x, part): whether string x contains part, or array x has an element equal to part',
    compile: eager((site, a, b) => {
      if (isNull(a) || isNull(b)) return null;
      if (Array.isArray(a)) return a.includes(b);
      return stringArg(site, a, 'the string').includes(stringArg(site, b, 'the part'));
    }),
  },
  pad('padStart'),
  pad('padEnd'),
];
