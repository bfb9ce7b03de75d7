import type { PipelineSpec } from '@tributary/pipeline-spec';
import type { RunQualityFigures } from '@tributary/avro';
import { RunQualityAccumulator, runQualityToWire, type QualityReport, type RuleReason } from '@tributary/quality';
import type { DataRecord } from '@tributary/transforms';

/**
 * Per-run data quality (libs/quality's RunQualityAccumulator, the pipeline's `quality:` section):
 * every record the validator checks is counted against its run (the tributary-run header).
 * Memory is bounded: at most `maxRuns` runs are kept, the least recently seen forgotten first.
 * Records of no run (an upstream producer's) are not counted.
 *
 * One instance sees only its share of a pipeline's partitions, so its figures go with its
 * PROGRESS counts (figuresOf) to the control plane, which merges every instance's into the
 * run's report (libs/quality's mergeRunQualityStates).
 */
export class RunQuality {
  private readonly runs = new Map<string, RunQualityAccumulator>();

  constructor(private readonly maxRuns = 256) {}

  /** The observer of one pipeline version: its quality settings and compiled rules. */
  forPipeline(spec: PipelineSpec, rules: readonly { readonly name: string }[]): { observe(runId: string | undefined, record: DataRecord, reasons: readonly RuleReason[]): void } {
    return {
      observe: (runId, record, reasons) => {
        if (runId === undefined) return;
        let accumulator = this.runs.get(runId);
        if (accumulator === undefined) {
          accumulator = new RunQualityAccumulator(spec.quality ?? {}, rules);
          if (this.runs.size >= this.maxRuns) this.runs.delete(this.runs.keys().next().value!);
        } else {
          // Re-inserted: Map order is then least recently seen first.
          this.runs.delete(runId);
        }
        this.runs.set(runId, accumulator);
        accumulator.observe(record, reasons);
      },
    };
  }

  /** The report of a run so far; undefined for a run this instance has not seen (or forgot). */
  report(runId: string): QualityReport | undefined {
    return this.runs.get(runId)?.report();
  }

  /** The figures of a run so far as RunEvents carry them, for the control plane to merge with other instances'. */
  figuresOf(runId: string): RunQualityFigures | undefined {
    const accumulator = this.runs.get(runId);
    return accumulator && runQualityToWire(accumulator.state());
  }
}
