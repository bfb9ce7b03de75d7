import type { PipelineSpec } from '@tributary/pipeline-spec';
import { RunQualityAccumulator, type QualityReport, type RuleReason } from '@tributary/quality';
import type { DataRecord } from '@tributary/transforms';

interface Tracked {
  readonly tenant: string;
  readonly pipeline: string;
  readonly accumulator: RunQualityAccumulator;
  changed: boolean;
}

/** A run's quality report as this validator instance saw it. */
export interface RunQualityReport {
  readonly runId: string;
  readonly tenant: string;
  readonly pipeline: string;
  readonly report: QualityReport;
}

/**
 * Per-run data quality (libs/quality's RunQualityAccumulator, the pipeline's `quality:` section):
 * every record the validator checks is counted against its run (the tributary-run header), so a
 * run's report (validity, completeness, uniqueness, rule failure rates) is there when the run
 * ends. Memory is bounded: at most `maxRuns` runs are kept, the least recently seen forgotten
 * first. Records of no run (an upstream producer's) are not counted.
 *
 * One instance sees only its share of a pipeline's partitions: with several validator instances
 * each report covers the records that instance checked (QualityReports add up by their counts).
 */
export class RunQuality {
  private readonly runs = new Map<string, Tracked>();

  constructor(private readonly maxRuns = 256) {}

  /** The observer of one pipeline version: its quality settings and compiled rules. */
  forPipeline(spec: PipelineSpec, rules: readonly { readonly name: string }[]): { observe(runId: string | undefined, record: DataRecord, reasons: readonly RuleReason[]): void } {
    return {
      observe: (runId, record, reasons) => {
        if (runId === undefined) return;
        let tracked = this.runs.get(runId);
        if (tracked === undefined) {
          tracked = { tenant: spec.metadata.tenant, pipeline: spec.metadata.name, accumulator: new RunQualityAccumulator(spec.quality ?? {}, rules), changed: false };
          if (this.runs.size >= this.maxRuns) this.runs.delete(this.runs.keys().next().value!);
        } else {
          // Re-inserted: Map order is then least recently seen first.
          this.runs.delete(runId);
        }
        this.runs.set(runId, tracked);
        tracked.accumulator.observe(record, reasons);
        tracked.changed = true;
      },
    };
  }

  /** The report of a run so far; undefined for a run this instance has not seen (or forgot). */
  report(runId: string): QualityReport | undefined {
    return this.runs.get(runId)?.accumulator.report();
  }

  /** Reports of the runs that saw records since the last call: what to deliver now. */
  takeChanged(): RunQualityReport[] {
    const out: RunQualityReport[] = [];
    for (const [runId, tracked] of this.runs) {
      if (!tracked.changed) continue;
      tracked.changed = false;
      out.push({ runId, tenant: tracked.tenant, pipeline: tracked.pipeline, report: tracked.accumulator.report() });
    }
    return out;
  }
}
