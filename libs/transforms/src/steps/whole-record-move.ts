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

/** Whether a record's moves may build a new record; undefined when some source is not a top-level key. */
export function wholeRecordMove(sources: readonly (string | undefined)[], targets: readonly FieldPath[]): ((record: DataRecord) => boolean) | undefined {
  if (sources.some((s) => s === undefined)) return undefined;
  const moved = new Set(sources as string[]);
  const targetFirstKeys = new Set(targets.map((t) => (t.segments[0].kind === 'key' ? t.segments[0].key : '')));
  const qualifies = (keys: readonly string[]) => keys.every((k) => moved.has(k) && !targetFirstKeys.has(k));
  // Records of one source have one list of keys: the answer for the last list is kept, and a
  // record is compared with that list key by key (for-in walks V8's cached key list; Object.keys
  // would copy it into a new array for every record).
  let lastKeys: string[] = [];
  let lastAnswer = false;
  return (record) => {
    if (Object.getPrototypeOf(record) !== Object.prototype) return false;
    let i = 0;
    let same = true;
    for (const key in record) {
      if (key !== lastKeys[i++]) {
        same = false;
        break;
      }
    }
    if (same && i === lastKeys.length) return lastAnswer;
    lastKeys = Object.keys(record);
    lastAnswer = qualifies(lastKeys);
    return lastAnswer;
  };
}
