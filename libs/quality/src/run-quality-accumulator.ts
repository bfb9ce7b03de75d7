import { iqrFinding, zScoreFinding, type AnomalyFinding } from './anomaly';
import { DistinctCounter } from './distinct-counter';
import { fieldReader, type FieldReader } from './field-reader';
import { qualityScore, type FieldCompleteness, type FieldUniqueness, type QualityReport, type RunStats } from './quality-report';
import { runQualitySettingsSchema, type RunQualitySettings, type RunQualitySettingsInput } from './run-quality-settings';
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
 * values) and at the end of the run gives the QualityReport. One per run and per validator
 * instance; reports of several instances merge by adding their counts (not done here).
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
    const alerts: string[] = [];
    const rate = (part: number, whole: number) => (whole === 0 ? 1 : part / whole);
    const rules = this.rules.map((rule, index) => ({ index, rule: rule.name, failures: this.ruleFailures[index], failureRate: rate(this.ruleFailures[index], this.records) }));

    const completeness: FieldCompleteness[] = this.completeness.map(({ reader, present, total }) => {
      const min = this.settings.completeness[reader.text];
      const ok = min === undefined || rate(present, total) >= min;
      if (!ok) alerts.push(`${reader.text} is present in ${percent(rate(present, total))} of values, below the ${percent(min!)} required`);
      return { field: reader.text, present, total, rate: rate(present, total), ...(min !== undefined && { min }), ok };
    });
    const uniqueness: FieldUniqueness[] = this.uniqueness.map(({ reader, present, distinct }) => {
      const min = this.settings.uniqueness[reader.text];
      const r = Math.min(1, rate(distinct.count, present));
      const ok = r >= min;
      if (!ok) alerts.push(`${reader.text} is unique in ${percent(r)} of values, below the ${percent(min)} required`);
      return { field: reader.text, distinct: distinct.count, present, rate: r, min, ok, estimated: !distinct.isExact };
    });

    const stats: RunStats = { records: this.records, means: {} };
    for (const { reader, sum, count } of this.sums) if (count > 0) stats.means[reader.text] = sum / count;
    const anomalies = this.compare(stats, history);
    const anomalous = new Set(anomalies.filter((finding) => finding.anomalous).map((finding) => finding.metric));
    for (const metric of anomalous) {
      const finding = anomalies.find((f) => f.metric === metric && f.anomalous)!;
      alerts.push(`${metric} is ${round(finding.value)}, outside the ${round(finding.lower)}..${round(finding.upper)} of earlier runs (${finding.method})`);
    }

    const metrics = new Set(anomalies.map((finding) => finding.metric));
    const mean = (xs: number[]) => (xs.length === 0 ? undefined : xs.reduce((a, b) => a + b, 0) / xs.length);
    const score = qualityScore({
      validity: this.records === 0 ? undefined : 1 - this.failed / this.records,
      completeness: mean(completeness.map((c) => (c.min ? Math.min(1, c.rate / c.min) : c.rate))),
      uniqueness: mean(uniqueness.map((u) => (u.min ? Math.min(1, u.rate / u.min) : u.rate))),
      anomalyFree: metrics.size === 0 ? undefined : 1 - anomalous.size / metrics.size,
    });
    if (score < this.settings.minScore) alerts.push(`quality score ${score} is below the minimum ${this.settings.minScore}`);
    return { records: this.records, passed: this.records - this.failed, failed: this.failed, score, ok: alerts.length === 0, alerts, rules, completeness, uniqueness, anomalies, stats };
  }

  private compare(stats: RunStats, history: readonly RunStats[]): AnomalyFinding[] {
    const { zScore, iqr, minHistory, history: depth } = this.settings.anomalies;
    const recent = history.slice(-depth);
    const figures: Array<[string, number, number[]]> = [['volume', stats.records, recent.map((run) => run.records)]];
    for (const [field, value] of Object.entries(stats.means)) {
      figures.push([`mean(${field})`, value, recent.flatMap((run) => (run.means[field] === undefined ? [] : [run.means[field]]))]);
    }
    const findings: AnomalyFinding[] = [];
    for (const [metric, value, past] of figures) {
      if (past.length < minHistory) continue;
      for (const finding of [zScoreFinding(metric, value, past, zScore), iqrFinding(metric, value, past, iqr)]) if (finding) findings.push(finding);
    }
    return findings;
  }
}

const percent = (x: number) => `${Math.round(x * 1000) / 10}%`;
const round = (x: number) => (Number.isFinite(x) ? Math.round(x * 100) / 100 : x);
