import type { AnomalyFinding } from './anomaly';

/** The figures of one run that later runs are compared with; a run stores them with its report. */
export interface RunStats {
  records: number;
  /** Mean of each anomaly field over the run's values (absent when the run had none). */
  means: Record<string, number>;
}

export interface RuleOutcome {
  index: number;
  rule: string;
  /** Records that failed this rule (a record counts once however many reasons it got). */
  failures: number;
  failureRate: number;
}

export interface FieldCompleteness {
  field: string;
  present: number;
  total: number;
  rate: number;
  min?: number;
  ok: boolean;
}

export interface FieldUniqueness {
  field: string;
  distinct: number;
  present: number;
  rate: number;
  min?: number;
  ok: boolean;
  /**
   * True when the distinct count is a HyperLogLog estimate (±0.8%) rather than exact: past
   * 65,536 distinct values, or merged from several validator instances. An estimated rate is
   * ok unless it is below `min` by more than twice that error (1.6 points).
   */
  estimated: boolean;
}

/** The quality of one run: stored with the run, and what an alert acts on. */
export interface QualityReport {
  records: number;
  passed: number;
  failed: number;
  /** 0..100, see qualityScore. */
  score: number;
  /** Every threshold met, no anomaly, score at least minScore. */
  ok: boolean;
  /** One sentence per thing that is not ok, for the alert's text. */
  alerts: string[];
  rules: RuleOutcome[];
  completeness: FieldCompleteness[];
  uniqueness: FieldUniqueness[];
  /** Every comparison made (anomalous or not); none until the pipeline has minHistory runs. */
  anomalies: AnomalyFinding[];
  stats: RunStats;
}

/**
 * The score: a weighted mean of the parts a run has, scaled to 0..100 —
 * validity (share of records passing every rule) 50%, completeness 20%, uniqueness 15%,
 * and freedom from anomalies 15%. Completeness and uniqueness count each field as its rate
 * over its threshold, capped at 1 (meeting the bar is full marks); anomalies as the share of
 * compared figures that are not anomalous. A part with nothing to measure is left out and the
 * others' weights grow to fill it, so a pipeline without per-run settings scores on validity.
 */
export function qualityScore(parts: { validity?: number; completeness?: number; uniqueness?: number; anomalyFree?: number }): number {
  const weighted: Array<[number | undefined, number]> = [
    [parts.validity, 0.5],
    [parts.completeness, 0.2],
    [parts.uniqueness, 0.15],
    [parts.anomalyFree, 0.15],
  ];
  let sum = 0;
  let weights = 0;
  for (const [value, weight] of weighted) {
    if (value === undefined) continue;
    sum += value * weight;
    weights += weight;
  }
  return weights === 0 ? 100 : Math.round((sum / weights) * 1000) / 10;
}
