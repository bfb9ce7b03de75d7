import type { QualityReportView } from '../commands/run-views';

/**
 * A run's data-quality report in a few lines, for the end of `tributary run --follow`: the score,
 * how many records passed every rule, and each alert the report raised (a threshold missed, an
 * anomaly against earlier runs, a score below the pipeline's minimum).
 */
export function qualityLines(report: QualityReportView): string[] {
  const passed = `${report.passed.toLocaleString('en')} of ${report.records.toLocaleString('en')} records passed every rule`;
  const head = `Data quality: score ${report.score} of 100; ${passed}${report.ok ? '; no alerts' : ''}`;
  return [head, ...report.alerts.map((alert) => `  ! ${alert}`)];
}
