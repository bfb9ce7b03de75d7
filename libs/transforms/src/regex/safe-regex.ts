// Regular expressions from pipeline configs run on every record, so one with catastrophic
// backtracking ((a+)+$ on 'aaaa...!') would stall a partition. JavaScript has no linear-time
// engine built in; instead we reject the classic cause at compile time: a quantified group
// that itself contains a quantifier (star height above one). Legitimate patterns almost
// never need that; when they do, the message says how to rewrite.

export class UnsafeRegexError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = 'UnsafeRegexError';
  }
}

const ALLOWED_FLAGS = /^[imsu]*$/;

/**
 * Compiles `source` with `flags` (any of i, m, s, u; g and y are added by callers that need
 * them). Throws UnsafeRegexError for invalid syntax or nested quantifiers.
 */
export function compileSafeRegex(source: string, flags = '', extraFlags = ''): RegExp {
  if (!ALLOWED_FLAGS.test(flags)) throw new UnsafeRegexError(`regex flags may be i, m, s and u; got '${flags}'`, 0);
  let regex: RegExp;
  try {
    regex = new RegExp(source, flags + extraFlags);
  } catch (e) {
    throw new UnsafeRegexError(`invalid regex /${source}/: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`, 0);
  }
  const nested = nestedQuantifier(source);
  if (nested >= 0) {
    throw new UnsafeRegexError(
      `regex /${source}/ repeats a group that itself repeats (at offset ${nested}), which can take exponential time; rewrite without the nested repetition, e.g. (ab+)+ as (ab+)(ab+)* or a character class`,
      nested,
    );
  }
  return regex;
}

function isQuantifierAt(source: string, i: number): boolean {
  const c = source[i];
  if (c === '*' || c === '+') return true;
  if (c === '{') return /^\{\d+,\d*\}/.test(source.slice(i)) && !/^\{(\d+),\1\}/.test(source.slice(i));
  return false;
}

/** Offset of a quantifier applied to a group containing a quantifier, or -1. */
function nestedQuantifier(source: string): number {
  const groups: { quantified: boolean }[] = [];
  let i = 0;
  let inClass = false;
  while (i < source.length) {
    const c = source[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      i++;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') groups.push({ quantified: false });
    else if (c === ')') {
      const group = groups.pop();
      if (group?.quantified && isQuantifierAt(source, i + 1)) return i + 1;
      if (group?.quantified && groups.length > 0) groups[groups.length - 1].quantified = true;
    } else if (isQuantifierAt(source, i) && groups.length > 0) {
      groups[groups.length - 1].quantified = true;
    }
    i++;
  }
  return -1;
}
