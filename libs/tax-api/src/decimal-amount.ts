/**
 * Money as TAXMAN and TaxResult write it: decimal text ('19.99', '-0.1250') at a fixed scale,
 * computed on as the bigint of its unscaled value (19.99 at scale 4 is 199900n). Never floating
 * point: most cent amounts have no exact binary form, and a tax total must add up to the cent.
 */

/** Digits before the point that decimal(18,4) leaves room for (TaxOrder's and TaxResult's amounts). */
export const AMOUNT_INTEGER_DIGITS = 14;
export const AMOUNT_SCALE = 4;
/** TaxResult's rates are decimal(9,6) fractions: 0.062500 is 6.25%. */
export const RATE_SCALE = 6;

/** A pattern for decimal text with at most `scale` fraction digits and `integerDigits` before the point. */
export function decimalPattern(scale: number, integerDigits = AMOUNT_INTEGER_DIGITS): RegExp {
  return new RegExp(`^-?[0-9]{1,${integerDigits}}(\\.[0-9]{1,${scale}})?$`);
}

/** The unscaled value of `text` at `scale`; refuses malformed text and more fraction digits than `scale` (no silent rounding). */
export function toUnscaled(text: string, scale: number): bigint {
  const match = /^(-?)([0-9]+)(?:\.([0-9]+))?$/.exec(text);
  if (match === null) throw new RangeError(`${JSON.stringify(text)} is not a decimal number`);
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > scale) throw new RangeError(`${text} has ${fraction.length} fraction digits, more than ${scale}`);
  const magnitude = BigInt(whole + fraction.padEnd(scale, '0'));
  return sign === '-' ? -magnitude : magnitude;
}

/** Text of `unscaled` x 10^-scale with exactly `scale` fraction digits: 125000n at scale 4 is '12.5000'. */
export function fromUnscaled(unscaled: bigint, scale: number): string {
  const negative = unscaled < 0n;
  let digits = (negative ? -unscaled : unscaled).toString();
  if (scale === 0) return negative ? `-${digits}` : digits;
  if (digits.length <= scale) digits = '0'.repeat(scale - digits.length + 1) + digits;
  const point = digits.length - scale;
  return `${negative ? '-' : ''}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** `text` rewritten at exactly `scale` fraction digits ('1.5' to '1.5000'); refuses more digits than `scale`. */
export function atScale(text: string, scale: number): string {
  return plainAtScale(text, scale) ?? fromUnscaled(toUnscaled(text, scale), scale);
}

/**
 * The common case without BigInt: a non-negative number written plainly (no sign, no leading
 * zero before other digits, digits on both sides of a point) with at most `scale` fraction
 * digits only needs zeros appended. Undefined for anything else, which takes the exact path.
 */
function plainAtScale(text: string, scale: number): string | undefined {
  const point = text.indexOf('.');
  const wholeDigits = point === -1 ? text.length : point;
  const fractionDigits = point === -1 ? 0 : text.length - point - 1;
  if (wholeDigits === 0 || (point !== -1 && fractionDigits === 0) || fractionDigits > scale) return undefined;
  if (wholeDigits > 1 && text.charCodeAt(0) === 48) return undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 48 || c > 57) && i !== point) return undefined;
  }
  if (fractionDigits === scale) return text;
  return (point === -1 && scale > 0 ? `${text}.` : text) + ZEROS.slice(0, scale - fractionDigits);
}

const ZEROS = '0'.repeat(32);

/**
 * `unscaled` at `fromScale` brought down to `toScale`, rounding half away from zero (what
 * invoices do: 0.00005 tax rounds to 0.0001, and a refund's -0.00005 to -0.0001).
 */
export function roundToScale(unscaled: bigint, fromScale: number, toScale: number): bigint {
  if (toScale >= fromScale) return unscaled * 10n ** BigInt(toScale - fromScale);
  const divisor = 10n ** BigInt(fromScale - toScale);
  const negative = unscaled < 0n;
  const magnitude = negative ? -unscaled : unscaled;
  const rounded = (magnitude + divisor / 2n) / divisor;
  return negative ? -rounded : rounded;
}
