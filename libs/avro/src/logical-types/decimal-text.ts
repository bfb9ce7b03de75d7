/**
 * Decimal text <-> unscaled integer <-> Avro decimal bytes.
 *
 * Avro's decimal (https://avro.apache.org/docs/1.11.1/specification/#decimal) stores the
 * unscaled integer (value x 10^scale) as big-endian two's-complement bytes; Java writes the
 * minimal form (BigInteger.toByteArray), and so do we, so our bytes equal Java's.
 *
 * Unscaled values that are safe integers (every amount below 10^15 / 10^scale, i.e. up to
 * 99,999,999,999.9999 at scale 4) stay JS numbers: exact, and several times faster than
 * bigint on the hot path. Larger ones (precision 16 and up) go through bigint.
 */

/** A decimal as exact text: optional '-', digits, optional '.' and digits; no exponent, no '+'. */
export type DecimalText = string;

const POWERS_OF_TEN = Array.from({ length: 16 }, (_, i) => 10 ** i);
const MAX_EXACT_DIGITS = 15;

/** Why a decimal text was refused; the logical type prefixes it with the schema's precision and scale. */
export class DecimalRangeError extends RangeError {
  override readonly name = 'DecimalRangeError';
}

/**
 * The unscaled integer of `text` at `scale`: '12.5' at scale 4 is 125000.
 * Refuses malformed text, more fraction digits than `scale` (rounding is the caller's decision,
 * never the codec's) and more significant digits than `precision`.
 */
export function parseDecimal(text: string, precision: number, scale: number): number | bigint {
  const length = text.length;
  const negative = length > 0 && text.charCodeAt(0) === 45; /* - */
  const start = negative ? 1 : 0;
  // The integer digits, then, after a point, the fraction digits: each run ends at the first
  // char that is not a digit, and only the point may end the first one.
  let unscaled = 0; // exact while there are at most 15 digits, the only case it is used
  let i = start;
  for (; i < length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) break;
    unscaled = unscaled * 10 + digit;
  }
  const integerDigits = i - start;
  let fractionDigits = 0;
  if (i < length) {
    if (integerDigits === 0 || text.charCodeAt(i) !== 46 /* . */) throw notDecimal(text);
    const point = i++;
    for (; i < length; i++) {
      const digit = text.charCodeAt(i) - 48;
      if (digit < 0 || digit > 9) throw notDecimal(text);
      unscaled = unscaled * 10 + digit;
    }
    fractionDigits = i - point - 1;
    if (fractionDigits === 0) throw notDecimal(text);
  } else if (integerDigits === 0) {
    throw notDecimal(text);
  }
  if (fractionDigits > scale) {
    throw new DecimalRangeError(`${text} has ${fractionDigits} fraction digits, more than the scale allows`);
  }
  const padding = scale - fractionDigits;
  // Every digit and the padding bound the significant digits from above: when that bound fits
  // both the precision and a safe integer (any amount of a TaxOrder), leading zeros need no
  // count. With a run of digits per part, instead of one loop that tested each char for the
  // point and counted leading zeros, a TaxOrder amount parses in ~15 ns instead of ~19.
  let digits = integerDigits + fractionDigits + padding;
  if (digits > precision || digits > MAX_EXACT_DIGITS) {
    const significant = integerDigits + fractionDigits - leadingZeros(text, start);
    digits = significant === 0 ? 0 : significant + padding;
    if (digits > precision) throw new DecimalRangeError(`${text} has ${digits} digits, more than the precision allows`);
  }
  if (digits <= MAX_EXACT_DIGITS) {
    if (unscaled === 0) return 0; // at any scale, and never -0 (a padding past 15 would give NaN)
    const value = unscaled * POWERS_OF_TEN[padding];
    return negative ? -value : value;
  }
  const magnitude = BigInt(text.replace('-', '').replace('.', '')) * 10n ** BigInt(padding);
  return negative ? -magnitude : magnitude;
}

function notDecimal(text: string): DecimalRangeError {
  return new DecimalRangeError(`${JSON.stringify(text)} is not a decimal number`);
}

/** The zeros before the first other digit of well-formed decimal text, across the point. */
function leadingZeros(text: string, start: number): number {
  let zeros = 0;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 48) zeros++;
    else if (c !== 46) break;
  }
  return zeros;
}

/** The text of `unscaled` x 10^-scale with exactly `scale` fraction digits: 125000 at scale 4 is '12.5000'. */
export function formatDecimal(unscaled: number | bigint, scale: number): DecimalText {
  const negative = unscaled < 0;
  let digits = (negative ? -unscaled : unscaled).toString();
  if (scale === 0) return negative ? `-${digits}` : digits;
  if (digits.length <= scale) digits = '0'.repeat(scale - digits.length + 1) + digits;
  const point = digits.length - scale;
  return (negative ? '-' : '') + digits.slice(0, point) + '.' + digits.slice(point);
}

/** Minimal big-endian two's complement, as Java's BigInteger.toByteArray: 0 is [0x00], -1 is [0xff]. */
export function unscaledToBytes(unscaled: number | bigint): Buffer {
  if (typeof unscaled === 'bigint') return bigintToBytes(unscaled);
  const length = unscaledByteLength(unscaled);
  const bytes = Buffer.allocUnsafe(length);
  writeUnscaled(unscaled, bytes, 0, length);
  return bytes;
}

// Amounts below 214,748.3647 at scale 4 have an int32 unscaled value: for those, length and
// bytes come from int32 comparisons and shifts, ~3x faster than the float arithmetic that any
// safe integer needs (13 decimals in a 5-line TaxOrder, bench/avro.ts).
const isInt32 = (n: number) => n >= -0x80000000 && n <= 0x7fffffff;

/** Bytes of the minimal two's complement of a safe integer. */
export function unscaledByteLength(unscaled: number): number {
  if (isInt32(unscaled)) {
    const bits = unscaled < 0 ? ~unscaled : unscaled; // a negative n is written as the complement of ~n
    return bits < 0x80 ? 1 : bits < 0x8000 ? 2 : bits < 0x800000 ? 3 : 4;
  }
  // A negative n is written as the bitwise complement of the bytes of ~n = -n - 1 (non-negative).
  const magnitude = unscaled < 0 ? -unscaled - 1 : unscaled;
  let length = 1;
  for (let limit = 128; magnitude >= limit; limit *= 256) length++;
  return length;
}

/** Writes a safe integer as `length` bytes of big-endian two's complement at target[start]. */
export function writeUnscaled(unscaled: number, target: Uint8Array, start: number, length: number): void {
  if (length <= 4 && isInt32(unscaled)) {
    for (let i = start + length - 1, bits = unscaled; i >= start; i--, bits >>= 8) target[i] = bits & 0xff;
    return;
  }
  const negative = unscaled < 0;
  let magnitude = negative ? -unscaled - 1 : unscaled;
  for (let i = start + length - 1; i >= start; i--) {
    const byte = magnitude % 256;
    target[i] = negative ? 255 - byte : byte;
    magnitude = (magnitude - byte) / 256;
  }
}

function bigintToBytes(unscaled: bigint): Buffer {
  const negative = unscaled < 0n;
  let hex = (negative ? -unscaled - 1n : unscaled).toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  if (hex.charCodeAt(0) >= 56 /* '8': top bit set, needs a sign byte */) hex = `00${hex}`;
  const bytes = Buffer.from(hex, 'hex');
  if (negative) for (let i = 0; i < bytes.length; i++) bytes[i] = 255 - bytes[i];
  return bytes;
}

/** The unscaled integer of big-endian two's-complement bytes of any length (empty reads as 0). */
export function bytesToUnscaled(bytes: Uint8Array, start = 0, end = bytes.length): number | bigint {
  const length = end - start;
  if (length <= 0) return 0;
  if (length <= 6) {
    let value = bytes[start] >= 128 ? bytes[start] - 256 : bytes[start];
    for (let i = start + 1; i < end; i++) value = value * 256 + bytes[i];
    return value;
  }
  let hex = '';
  for (let i = start; i < end; i++) hex += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
  return BigInt.asIntN(length * 8, BigInt(`0x${hex}`));
}

/** `bytes` sign-extended to `size` bytes, for decimals on Avro `fixed`. */
export function signExtend(bytes: Buffer, size: number): Buffer {
  if (bytes.length === size) return bytes;
  const extended = Buffer.alloc(size, bytes[0] >= 128 ? 0xff : 0x00);
  bytes.copy(extended, size - bytes.length);
  return extended;
}
