// Rounding money the way people expect: half away from zero, on the decimal the number
// prints as. Plain Math.round(x * 100) / 100 turns 1.005 into 1.00, because 1.005 * 100 is
// 100.49999999999999 in binary; near-half cases are therefore rounded on the shortest decimal
// string of x (what JSON and the user see), and every other case on the fast float path.

export const MAX_ROUND_DIGITS = 15;

/** 10^0 ... 10^22, every one exact in a double; a table because `10 ** n` with a variable n is a slow call. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, n) => 10 ** n);

/** x rounded to `digits` decimals (negative: tens, hundreds...), half away from zero. */
export function roundDecimal(x: number, digits: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  const abs = Math.abs(x);
  const magnitude = digits >= 0 ? digits : -digits;
  const power = magnitude < POWERS_OF_TEN.length ? POWERS_OF_TEN[magnitude] : 10 ** magnitude;
  const scaled = digits >= 0 ? abs * power : abs / power;
  // At 2^52 and above a double has no fraction left at this scale: x is already rounded.
  if (scaled >= 2 ** 52) return x;
  const whole = Math.floor(scaled);
  const fraction = scaled - whole;
  let rounded: number;
  if (Math.abs(fraction - 0.5) > 1e-7) {
    const n = fraction >= 0.5 ? whole + 1 : whole;
    rounded = digits >= 0 ? n / power : n * power;
  } else {
    rounded = roundOnDecimalString(abs, digits);
  }
  return rounded === 0 ? 0 : x < 0 ? -rounded : rounded;
}

function roundOnDecimalString(abs: number, digits: number): number {
  const [mantissa, exponent] = String(abs).split('e');
  const [integer, fraction = ''] = mantissa.split('.');
  const all = integer + fraction;
  const keep = integer.length + (exponent === undefined ? 0 : Number(exponent)) + digits;
  if (keep < 0) return 0;
  if (keep >= all.length) return abs;
  const up = all.charCodeAt(keep) >= 53; // '5'
  const kept = BigInt(all.slice(0, keep) || '0') + (up ? 1n : 0n);
  return Number(`${kept}e${-digits}`);
}

/** Whether x has at most `scale` decimals (as printed). */
export function hasAtMostDecimals(x: number, scale: number): boolean {
  return roundDecimal(x, scale) === x;
}
