import { iqrFinding, zScoreFinding, type AnomalyFinding } from './anomaly';
import { mergeSketches, SKETCH_ERROR, sketchEstimate } from './distinct-counter';
import { qualityScore, type FieldCompleteness, type FieldUniqueness, type QualityReport, type RunStats } from './quality-report';
import type { RunQualitySettings } from './run-quality-settings';

/**
 * A run's data-quality figures as one validator instance counted them: plain counts, and for
 * each uniqueness field a HyperLogLog sketch of its values. Everything in it adds up (counts)
 * or merges (sketches, by register-wise max), so the figures of every instance that checked a
 * share of the run's records make the run's: mergeRunQualityStates, then qualityReportOf.
 */
export interface RunQualityState {
  records: number;
  failed: number;
  /** Records that failed each rule, in `validate:` order. */
  rules: Array<{ rule: string; failures: number }>;
  completeness: Array<{ field: string; present: number; total: number }>;
  /** `distinct` and `exact` as the instance counted them; `sketch` for merging with others. */
  uniqueness: Array<{ field: string; present: number; distinct: number; exact: boolean; sketch: Uint8Array }>;
  /** Sum and count of each anomaly field's numeric values. */
  sums: Array<{ field: string; sum: number; count: number }>;
}

/**
 * The figures of the whole run from each instance's: counts added by rule position and by field
 * name; a uniqueness field seen by one instance keeps its count (exact while that instance's
 * was), one seen by several is estimated from the merged sketches (one value may have been
 * counted by two instances, so their counts cannot simply be added).
 */
export function mergeRunQualityStates(states: readonly RunQualityState[]): RunQualityState {
  const merged: RunQualityState = { records: 0, failed: 0, rules: [], completeness: [], uniqueness: [], sums: [] };
  const byField = <T extends { field: string }>(into: T[], item: T, fresh: () => T): T => {
    let found = into.find((entry) => entry.field === item.field);
    if (found === undefined) into.push((found = fresh()));
    return found;
  };
  const sketches = new Map<string, Uint8Array[]>();
  for (const state of states) {
    merged.records += state.records;
    merged.failed += state.failed;
    state.rules.forEach((rule, index) => {
      merged.rules[index] ??= { rule: rule.rule, failures: 0 };
      merged.rules[index].failures += rule.failures;
    });
    for (const field of state.completeness) {
      const into = byField(merged.completeness, field, () => ({ field: field.field, present: 0, total: 0 }));
      into.present += field.present;
      into.total += field.total;
    }
    for (const field of state.uniqueness) {
      const into = byField(merged.uniqueness, field, () => ({ ...field, present: 0 }));
      into.present += field.present;
      sketches.set(field.field, [...(sketches.get(field.field) ?? []), field.sketch]);
    }
    for (const field of state.sums) {
      const into = byField(merged.sums, field, () => ({ field: field.field, sum: 0, count: 0 }));
      into.sum += field.sum;
      into.count += field.count;
    }
  }
  for (const field of merged.uniqueness) {
    const parts = sketches.get(field.field)!;
    if (parts.length === 1) continue;
    field.sketch = mergeSketches(parts);
    field.distinct = sketchEstimate(field.sketch);
    field.exact = false;
  }
  return merged;
}

/** The report of a run from its figures, compared with earlier runs' stats (oldest first). */
export function qualityReportOf(settings: RunQualitySettings, state: RunQualityState, history: readonly RunStats[] = []): QualityReport {
  const alerts: string[] = [];
  const rate = (part: number, whole: number) => (whole === 0 ? 1 : part / whole);
  const rules = state.rules.map(({ rule, failures }, index) => ({ index, rule, failures, failureRate: rate(failures, state.records) }));

  const completeness: FieldCompleteness[] = state.completeness.map(({ field, present, total }) => {
    const min = settings.completeness[field];
    const ok = min === undefined || rate(present, total) >= min;
    if (!ok) alerts.push(`${field} is present in ${percent(rate(present, total))} of values, below the ${percent(min!)} required`);
    return { field, present, total, rate: rate(present, total), ...(min !== undefined && { min }), ok };
  });
  const uniqueness: FieldUniqueness[] = state.uniqueness.map(({ field, present, distinct, exact }) => {
    const min = settings.uniqueness[field];
    const r = Math.min(1, rate(distinct, present));
    // An estimate fails its threshold only when it is below by more than twice its standard
    // error: 10,000 unique ids merged from several sketches must not read as duplicates.
    const ok = min === undefined || r >= min - (exact ? 0 : 2 * SKETCH_ERROR);
    if (!ok) alerts.push(`${field} is unique in ${percent(r)} of values, below the ${percent(min!)} required`);
    return { field, distinct, present, rate: r, ...(min !== undefined && { min }), ok, estimated: !exact };
  });

  const stats: RunStats = { records: state.records, means: {} };
  for (const { field, sum, count } of state.sums) if (count > 0) stats.means[field] = sum / count;
  const anomalies = compare(settings, stats, history);
  const anomalous = new Set(anomalies.filter((finding) => finding.anomalous).map((finding) => finding.metric));
  for (const metric of anomalous) {
    const finding = anomalies.find((f) => f.metric === metric && f.anomalous)!;
    alerts.push(`${metric} is ${round(finding.value)}, outside the ${round(finding.lower)}..${round(finding.upper)} of earlier runs (${finding.method})`);
  }

  const metrics = new Set(anomalies.map((finding) => finding.metric));
  const mean = (xs: number[]) => (xs.length === 0 ? undefined : xs.reduce((a, b) => a + b, 0) / xs.length);
  const score = qualityScore({
    validity: state.records === 0 ? undefined : 1 - state.failed / state.records,
    completeness: mean(completeness.map((c) => (c.min ? Math.min(1, c.rate / c.min) : c.rate))),
    uniqueness: mean(uniqueness.map((u) => (u.min ? Math.min(1, u.rate / u.min) : u.rate))),
    anomalyFree: metrics.size === 0 ? undefined : 1 - anomalous.size / metrics.size,
  });
  if (score < settings.minScore) alerts.push(`quality score ${score} is below the minimum ${settings.minScore}`);
  return { records: state.records, passed: state.records - state.failed, failed: state.failed, score, ok: alerts.length === 0, alerts, rules, completeness, uniqueness, anomalies, stats };
}

function compare(settings: RunQualitySettings, stats: RunStats, history: readonly RunStats[]): AnomalyFinding[] {
  const { zScore, iqr, minHistory, history: depth } = settings.anomalies;
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

const percent = (x: number) => `${Math.round(x * 1000) / 10}%`;
const round = (x: number) => (Number.isFinite(x) ? Math.round(x * 100) / 100 : x);
