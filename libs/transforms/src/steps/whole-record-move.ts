// rename, when it moves every field a record has (an ERP export mapped column by column): the
// moved record is then built new, holding only the targets, instead of clearing each source of
// the old one in place. On the TAXMAN example that saves 23 writes of undefined, and leaves
// every later step a record of 9 keys to look fields up in instead of 32 (V8 searches a
// record's keys on every lookup by a computed name, so a record of many keys is slower to read).
//
// The result is the record the in-place moves leave, as every step sees records: the same keys
// with values, in the same order. That needs every key of the record to be a moved source and
// none to be the first key of a target (which the in-place moves would keep in its old place).
import type { FieldPath } from '../path/field-path';
import type { DataRecord } from '../types';

/**
 * Whether a record's moves may build a new record: then it has also read the record into
 * `values` (values[i] the value of source i; the caller clears the array after the record).
 * Undefined when some source is not a top-level key.
 */
export function wholeRecordMove(sources: readonly (string | undefined)[], targets: readonly FieldPath[]): ((record: DataRecord, values: unknown[]) => boolean) | undefined {
  if (sources.some((s) => s === undefined)) return undefined;
  const moveOf = new Map((sources as string[]).map((s, i) => [s, i]));
  const targetFirstKeys = new Set(targets.map((t) => (t.segments[0].kind === 'key' ? t.segments[0].key : '')));
  const qualifies = (keys: readonly string[]) => keys.every((k) => moveOf.has(k) && !targetFirstKeys.has(k));
  // Records of one source have one list of keys: the answer for the last list is kept, and a
  // record is compared with that list key by key in a for-in, which also reads the values: it
  // walks V8's cached key list and reads each value by its slot, several times faster than a
  // lookup by name (Object.keys would copy the list into a new array for every record).
  let lastKeys: string[] = [];
  let lastMoves: number[] = [];
  let lastAnswer = false;
  return (record, values) => {
    if (Object.getPrototypeOf(record) !== Object.prototype) return false;
    let i = 0;
    let same = true;
    for (const key in record) {
      if (key !== lastKeys[i]) {
        same = false;
        break;
      }
      if (lastAnswer) values[lastMoves[i]] = record[key];
      i++;
    }
    if (same && i === lastKeys.length) return lastAnswer;
    lastKeys = Object.keys(record);
    lastMoves = lastKeys.map((k) => moveOf.get(k) ?? -1);
    lastAnswer = qualifies(lastKeys);
    if (lastAnswer) for (let k = 0; k < lastKeys.length; k++) values[lastMoves[k]] = record[lastKeys[k]];
    return lastAnswer;
  };
}
