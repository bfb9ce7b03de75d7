import { DistinctCounter } from './distinct-counter';
import { fieldReader, type FieldReader } from './field-reader';
import type { QualityReport, RunStats } from './quality-report';
import { runQualitySettingsSchema, type RunQualitySettings, type RunQualitySettingsInput } from './run-quality-settings';
import { qualityReportOf, type RunQualityState } from './run-quality-state';
import type { DataRecord, RuleReason } from './types';
import { describeValue, isMissing, numberOf } from './value-reading';

interface Tally {
  reader: FieldReader;
  present: number;
  total: number;
}

/**
 * Fed every record of a run (with the reasons the rules gave it), it keeps counts in memory
 * bounded by the number of tracked fields (uniqueness: 16 KiB per field past 65,536 distinct
 * values) and gives the QualityReport. One per run and per validator instance; several
 * instances' figures merge through their `state()` (run-quality-state.ts).
 */
export class RunQualityAccumulator {
  private readonly settings: RunQualitySettings;
  private records = 0;
  private failed = 0;
  private readonly ruleFailures: number[];
  private readonly completeness: Tally[];
  private readonly uniqueness: Array<Tally & { distinct: DistinctCounter }>;
  private readonly sums: Array<{ reader: FieldReader; sum: number; count: number }>;

  /** `rules` are the compiled rules' names in `validate:` order; `trackFields` adds completeness figures without thresholds. */
  constructor(
    settings: RunQualitySettingsInput = {},
    private readonly rules: readonly { readonly name: string }[] = [],
    trackFields: readonly string[] = [],
  ) {
    this.settings = runQualitySettingsSchema.parse(settings);
    this.ruleFailures = rules.map(() => 0);
    const completenessFields = [...new Set([...Object.keys(this.settings.completeness), ...trackFields])];
    const tally = (field: string, at: string) => ({ reader: fieldReader(field, [at, field]), present: 0, total: 0 });
    this.completeness = completenessFields.map((field) => tally(field, 'completeness'));
    this.uniqueness = Object.keys(this.settings.uniqueness).map((field) => ({ ...tally(field, 'uniqueness'), distinct: new DistinctCounter() }));
    this.sums = this.settings.anomalies.fields.map((field, i) => ({ reader: fieldReader(field, ['anomalies', 'fields', i]), sum: 0, count: 0 }));
  }

  observe(record: DataRecord, reasons: readonly RuleReason[]): void {
    this.records++;
    if (reasons.length > 0) {
      this.failed++;
      let last = -1;
      for (const reason of reasons) {
        if (reason.index !== last && reason.index >= 0 && reason.index < this.ruleFailures.length) this.ruleFailures[reason.index]++;
        last = reason.index;
      }
    }
    for (const tally of this.completeness) {
      const values = tally.reader.values(record);
      tally.total += values.length;
      for (let k = 0; k < values.length; k++) if (!isMissing(values[k])) tally.present++;
    }
    for (const tally of this.uniqueness) {
      const values = tally.reader.values(record);
      for (let k = 0; k < values.length; k++) {
        const value = values[k];
        if (isMissing(value)) continue;
        tally.present++;
        tally.distinct.add(typeof value === 'string' ? value : describeValue(value));
      }
    }
    for (const mean of this.sums) {
      const values = mean.reader.values(record);
      for (let k = 0; k < values.length; k++) {
        const x = numberOf(values[k]);
        if (x === undefined) continue;
        mean.sum += x;
        mean.count++;
      }
    }
  }

  /** The report of the run so far, compared with earlier runs' stats (oldest first). */
  report(history: readonly RunStats[] = []): QualityReport {
    return qualityReportOf(this.settings, this.state(), history);
  }

  /**
   * The run's figures as this instance counted them: what it sends the control plane, which
   * merges every instance's (mergeRunQualityStates) into the run's report.
   */
  state(): RunQualityState {
    return {
      records: this.records,
      failed: this.failed,
      rules: this.rules.map((rule, index) => ({ rule: rule.name, failures: this.ruleFailures[index] })),
      completeness: this.completeness.map(({ reader, present, total }) => ({ field: reader.text, present, total })),
      uniqueness: this.uniqueness.map(({ reader, present, distinct }) => ({ field: reader.text, present, distinct: distinct.count, exact: distinct.isExact, sketch: distinct.sketch() })),
      sums: this.sums.map(({ reader, sum, count }) => ({ field: reader.text, sum, count })),
    };
  }
}
