import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { bytesToUnscaled, formatDecimal, parseDecimal, signExtend, unscaledToBytes } from './decimal-text';

/** What parseDecimal returned (its kind and exact value) or the message it threw. */
function outcome(parse: () => number | bigint): { kind?: string; value?: bigint; error?: string } {
  try {
    const result = parse();
    assert.ok(!Object.is(result, -0), 'never -0');
    return { kind: typeof result, value: BigInt(result) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** The reading parseDecimal promises, by RegExp and bigint: slow and plainly right. */
function referenceParse(text: string, precision: number, scale: number): ReturnType<typeof outcome> {
  const match = /^(-?)([0-9]+)(?:\.([0-9]+))?$/.exec(text);
  if (match === null) return { error: `${JSON.stringify(text)} is not a decimal number` };
  const [, sign, whole, fraction = ''] = match;
  if (fraction.length > scale) return { error: `${text} has ${fraction.length} fraction digits, more than the scale allows` };
  const significant = (whole + fraction).replace(/^0+/, '').length;
  const digits = significant === 0 ? 0 : significant + scale - fraction.length;
  if (digits > precision) return { error: `${text} has ${digits} digits, more than the precision allows` };
  const magnitude = BigInt(whole + fraction) * 10n ** BigInt(scale - fraction.length);
  return { kind: digits <= 15 ? 'number' : 'bigint', value: sign === '-' ? -magnitude : magnitude };
}

describe('parseDecimal', () => {
  test('scales text to its unscaled integer, padding missing fraction digits', () => {
    assert.equal(parseDecimal('12.5', 18, 4), 125000);
    assert.equal(parseDecimal('12', 18, 4), 120000);
    assert.equal(parseDecimal('-0.0001', 18, 4), -1);
    assert.equal(parseDecimal('007.50', 18, 2), 750);
    assert.equal(parseDecimal('0', 5, 0), 0);
  });

  test('reads negative zero as plain zero', () => {
    assert.ok(Object.is(parseDecimal('-0.00', 18, 4), 0));
  });

  test('refuses more fraction digits than the scale, even zeros: the codec never rounds', () => {
    assert.throws(() => parseDecimal('1.23456', 18, 4), /5 fraction digits/);
    assert.throws(() => parseDecimal('1.00000', 18, 4), /5 fraction digits/);
  });

  test('refuses more digits than the precision, counting the padded scale', () => {
    assert.equal(parseDecimal('99999999999999.9999', 18, 4), 999999999999999999n);
    assert.throws(() => parseDecimal('100000000000000', 18, 4), /19 digits/);
    assert.throws(() => parseDecimal('1000', 5, 2), /6 digits/);
  });

  test('refuses text that is not a plain decimal', () => {
    for (const text of ['', '-', '.5', '1.', '1.2.3', '+1', '1e3', ' 1', '1,5', 'NaN', '--1', '0x10']) {
      assert.throws(() => parseDecimal(text, 18, 4), /is not a decimal number/, text);
    }
  });

  test('reads zero as 0 at any scale, even past the fifteen digits a number holds', () => {
    assert.ok(Object.is(parseDecimal('0', 18, 18), 0));
    assert.ok(Object.is(parseDecimal('-0.000', 30, 20), 0));
    assert.ok(Object.is(parseDecimal('000.00', 38, 38), 0));
  });

  test('agrees with a RegExp-and-bigint reading on any text, precision and scale', () => {
    const digits = (max: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), maxLength: max });
    const decimalText = fc
      .tuple(fc.constantFrom('', '-'), fc.oneof(digits(20), fc.constantFrom('0', '00', '')), fc.option(digits(20), { nil: undefined }))
      .map(([sign, whole, fraction]) => sign + whole + (fraction === undefined ? '' : `.${fraction}`));
    const noise = fc.string({ unit: fc.constantFrom(...'-.0123456789e+ x'), maxLength: 12 });
    fc.assert(
      fc.property(fc.oneof(decimalText, noise, fc.string({ maxLength: 8 })), fc.integer({ min: 1, max: 38 }), fc.nat(38), (text, precision, rawScale) => {
        const scale = rawScale % (precision + 1);
        assert.deepEqual(outcome(() => parseDecimal(text, precision, scale)), referenceParse(text, precision, scale), `${text} (${precision},${scale})`);
      }),
      { numRuns: 5000 },
    );
  });

  test('switches to bigint exactly where numbers stop being exact', () => {
    assert.equal(parseDecimal('99999999999.9999', 18, 4), 999999999999999);
    assert.equal(parseDecimal('999999999999.9999', 18, 4), 9999999999999999n);
    assert.equal(parseDecimal('-12345678901234.5678', 18, 4), -123456789012345678n);
  });
});

describe('formatDecimal', () => {
  test('writes exactly scale fraction digits', () => {
    assert.equal(formatDecimal(125000, 4), '12.5000');
    assert.equal(formatDecimal(-1, 4), '-0.0001');
    assert.equal(formatDecimal(0, 2), '0.00');
    assert.equal(formatDecimal(42, 0), '42');
    assert.equal(formatDecimal(-123456789012345678n, 4), '-12345678901234.5678');
  });

  test('is the inverse of parseDecimal on canonical text', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 18n) + 1n, max: 10n ** 18n - 1n }), fc.integer({ min: 0, max: 18 }), (n, scale) => {
        const text = formatDecimal(n, scale);
        assert.equal(BigInt(parseDecimal(text, 18, scale)), n);
        assert.equal(formatDecimal(parseDecimal(text, 18, scale), scale), text);
      }),
    );
  });
});

describe('two\'s complement bytes', () => {
  test('are minimal and big-endian, as Java\'s BigInteger.toByteArray', () => {
    const cases: Array<[number | bigint, string]> = [
      [0, '00'], [1, '01'], [-1, 'ff'], [127, '7f'], [128, '0080'], [-128, '80'], [-129, 'ff7f'],
      [255, '00ff'], [256, '0100'], [-32768, '8000'], [199900, '030cdc'], [-199900, 'fcf324'],
      [32767, '7fff'], [32768, '008000'], [-32769, 'ff7fff'], [8388607, '7fffff'], [8388608, '00800000'], [-8388608, '800000'], [-8388609, 'ff7fffff'],
      [2 ** 31 - 1, '7fffffff'], [2 ** 31, '0080000000'], [-(2 ** 31), '80000000'], [-(2 ** 31) - 1, 'ff7fffffff'],
      [2 ** 53 - 1, '1fffffffffffff'], [-(2 ** 53) + 1, 'e0000000000001'],
      [9223372036854775807n, '7fffffffffffffff'], [-9223372036854775808n, '8000000000000000'],
      [999999999999999999n, '0de0b6b3a763ffff'], [-999999999999999999n, 'f21f494c589c0001'],
    ];
    for (const [n, hex] of cases) {
      assert.equal(unscaledToBytes(n).toString('hex'), hex, String(n));
      assert.equal(BigInt(bytesToUnscaled(Buffer.from(hex, 'hex'))), BigInt(n), hex);
    }
  });

  test('round-trip any integer of up to 40 bytes', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 319n), max: 2n ** 319n - 1n }), (n) => {
        assert.equal(BigInt(bytesToUnscaled(unscaledToBytes(n))), n);
      }),
    );
  });

  test('are the same from the number path and the bigint path', () => {
    fc.assert(
      fc.property(fc.oneof(fc.maxSafeInteger(), fc.integer({ min: -(2 ** 33), max: 2 ** 33 })), (n) => {
        assert.deepEqual(unscaledToBytes(n), unscaledToBytes(BigInt(n)));
      }),
      { numRuns: 1000 },
    );
  });

  test('read an empty byte string as zero and non-minimal encodings as their value', () => {
    assert.equal(bytesToUnscaled(Buffer.alloc(0)), 0);
    assert.equal(bytesToUnscaled(Buffer.from('000001', 'hex')), 1);
    assert.equal(bytesToUnscaled(Buffer.from('ffffffffffffffffff', 'hex')), -1n);
  });

  test('sign-extend to a fixed size', () => {
    assert.equal(signExtend(Buffer.from('80', 'hex'), 4).toString('hex'), 'ffffff80');
    assert.equal(signExtend(Buffer.from('7f', 'hex'), 4).toString('hex'), '0000007f');
  });
});
