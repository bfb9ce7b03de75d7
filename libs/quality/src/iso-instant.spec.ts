import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isoInstant } from './iso-instant';

describe('isoInstant', () => {
  test('writes what Date#toISOString writes, at any time value', () => {
    const times = fc.oneof(
      fc.integer({ min: 0, max: 253_402_300_799_999 }),
      fc.integer({ min: -8.64e15, max: 8.64e15 }),
      fc.constantFrom(0, 951_782_400_000, 253_402_300_799_999, 253_402_300_800_000, -1, 1.5, 8.64e15),
      fc.double(),
    );
    fc.assert(
      fc.property(times, (ms) => {
        let expected: string;
        try {
          expected = new Date(ms).toISOString();
        } catch (e) {
          assert.throws(() => isoInstant(ms), (e as Error).constructor as new () => Error);
          return;
        }
        assert.equal(isoInstant(ms), expected);
      }),
      { numRuns: 20_000 },
    );
  });
});
