/**
 * Outlier tests of one run's figure (volume, or the mean of a numeric field) against the same
 * figure in the pipeline's earlier runs. Two tests because they fail differently: the z-score
 * assumes a roughly normal history and is pulled by past outliers; Tukey's fences (IQR) use
 * quartiles and ignore them, but need more history to be meaningful.
 */
export type AnomalyMethod = 'zscore' | 'iqr';

export interface AnomalyFinding {
  metric: string;
  method: AnomalyMethod;
  value: number;
  /** The allowed interval; a value outside it is an anomaly. */
  lower: number;
  upper: number;
  /** zscore: |value - mean| / sd; iqr: distance beyond the nearer fence in IQRs (0 when inside). */
  score: number;
  anomalous: boolean;
}

/**
 * |value - mean| / sd over the history, with the sample standard deviation. A history with no
 * spread (every run the same) allows only that same value: any change is flagged, since nothing
 * in the history says how much change is normal.
 */
export function zScoreFinding(metric: string, value: number, history: readonly number[], threshold: number): AnomalyFinding | undefined {
  if (history.length < 2) return undefined;
  const mean = history.reduce((a, b) => a + b, 0) / history.length;
  const variance = history.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (history.length - 1);
  const sd = Math.sqrt(variance);
  const distance = Math.abs(value - mean);
  const score = sd === 0 ? (distance === 0 ? 0 : Infinity) : distance / sd;
  return { metric, method: 'zscore', value, lower: mean - threshold * sd, upper: mean + threshold * sd, score, anomalous: score > threshold };
}

/** Tukey's fences: outside [Q1 - k·IQR, Q3 + k·IQR] is an anomaly (k = 1.5 by convention). */
export function iqrFinding(metric: string, value: number, history: readonly number[], k: number): AnomalyFinding | undefined {
  if (history.length < 4) return undefined;
  const sorted = [...history].sort((a, b) => a - b);
  const q1 = quantile(sorted, 0.25);
  const q3 = quantile(sorted, 0.75);
  const iqr = q3 - q1;
  const lower = q1 - k * iqr;
  const upper = q3 + k * iqr;
  const beyond = value < lower ? lower - value : value > upper ? value - upper : 0;
  const score = beyond === 0 ? 0 : iqr === 0 ? Infinity : beyond / iqr;
  return { metric, method: 'iqr', value, lower, upper, score, anomalous: beyond > 0 };
}

/** Quantile of sorted values by linear interpolation between closest ranks (R's type 7, numpy's default). */
export function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}
