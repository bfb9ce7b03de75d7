// Runs a record through compiled steps. The chain of emit callbacks is built once, so a
// record costs no closure allocation: step i's emit is step i+1's apply. The first failing
// step wins; a failed record yields no output (all-or-nothing, also across explode's copies).
import type { CompiledStep, DataRecord, Reason, TransformResult } from './types';

export function chainSteps(steps: readonly { readonly name: string; readonly step: CompiledStep }[]): (record: DataRecord) => TransformResult {
  let out: DataRecord[] = [];
  let failure: Reason[] | undefined;
  const emitters: ((r: DataRecord) => void)[] = new Array(steps.length + 1);
  emitters[steps.length] = (r) => {
    out.push(r);
  };
  for (let i = steps.length - 1; i >= 0; i--) {
    const { name, step } = steps[i];
    const next = emitters[i + 1];
    emitters[i] = (r) => {
      if (failure !== undefined) return;
      let reasons: Reason[] | undefined;
      try {
        reasons = step.apply(r, next);
      } catch (e) {
        // A step must not throw; if one does, the record fails instead of the partition.
        reasons = [{ step: name, index: i, message: `internal error: ${e instanceof Error ? e.message : String(e)}` }];
      }
      if (reasons !== undefined && reasons.length > 0 && failure === undefined) {
        for (const r of reasons) r.index = i;
        failure = reasons;
      }
    };
  }
  const first = emitters[0];
  return (record) => {
    out = [];
    failure = undefined;
    first(record);
    const reasons = failure as Reason[] | undefined;
    if (reasons !== undefined) return { records: [], reasons };
    return { records: out, reasons: [] };
  };
}
