// Reading decimal text ('1234.50', '-3e2') without a regular expression, in one pass over the
// characters. The cast and mapToSchema steps read every amount of every order this way, so it
// is on the hot path: on the TAXMAN example the RegExp test and Number() were ~40% of a cast.

/** 10^0 ... 10^22: every one exact in a double. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, n) => 10 ** n);

/** Digits a double holds exactly as an integer below 10^15 (< 2^53). */
const EXACT_DIGITS = 15;

/**
 * The finite number the text spells by the grammar [+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?, or
 * undefined (no white space, no separators: the caller normalises those first).
 *
 * With at most 15 digits and no exponent the value is digits / 10^fractionDigits: both are
 * exact doubles and IEEE division rounds correctly, so this is exactly what Number() gives
 * (Clinger's fast path). Longer text and exponents go through Number().
 */
export function readDecimalText(s: string): number | undefined {
  const length = s.length;
  let i = 0;
  let c = length > 0 ? s.charCodeAt(0) : -1;
  const negative = c === 45; // '-'
  if (negative || c === 43) c = ++i < length ? s.charCodeAt(i) : -1; // '+'
  let digits = 0;
  let mantissa = 0;
  while (c >= 48 && c <= 57) {
    mantissa = mantissa * 10 + (c - 48);
    digits++;
    c = ++i < length ? s.charCodeAt(i) : -1;
  }
  let fractionDigits = 0;
  if (c === 46) {
    // '.'
    c = ++i < length ? s.charCodeAt(i) : -1;
    while (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      fractionDigits++;
      c = ++i < length ? s.charCodeAt(i) : -1;
    }
  }
  if (digits + fractionDigits === 0) return undefined;
  if (i === length) {
    if (digits + fractionDigits <= EXACT_DIGITS) {
      const value = mantissa / POWERS_OF_TEN[fractionDigits];
      return negative ? -value : value;
    }
    return finite(Number(s));
  }
  if (c !== 69 && c !== 101) return undefined; // 'E', 'e'
  c = ++i < length ? s.charCodeAt(i) : -1;
  if (c === 43 || c === 45) c = ++i < length ? s.charCodeAt(i) : -1;
  const exponentStart = i;
  while (c >= 48 && c <= 57) c = ++i < length ? s.charCodeAt(i) : -1;
  if (i === exponentStart || i !== length) return undefined;
  return finite(Number(s));
}

const finite = (n: number): number | undefined => (Number.isFinite(n) ? n : undefined);
