// @tributary/quality: data-quality rules checked per record (the `validate:` list of a pipeline)
// and the per-run quality report. Framework-free and pure: no I/O, no eval. This file is the
// library's only public API.

// The rule contract and the compiled rule list.
export type { RuleReason, RuleContext, RuleDefinition, CompiledRule, RuleProblem } from './types';
/** Every rule kind, in one literal list; the YAML key of a `validate:` item selects one. */
export { RULE_DEFINITIONS } from './rule-list';
/** Compiles a `validate:` list ({ ruleName: config } items) once; throws RuleCompileError. */
export { compileRules, type CompiledRules } from './compile-rules';
export { RuleCompileError, RuleConfigError } from './rule-config-error';

// Building blocks other libs share.
/** '24h' → 86400000; the zod schema parses durations to milliseconds. */
export { parseDuration, formatDuration, durationSchema } from './duration';
export { KeyWindow } from './key-window';

// The per-run report.
/** The `quality:` section of a pipeline: completeness and uniqueness thresholds, anomaly settings, minScore. */
export { runQualitySettingsSchema, type RunQualitySettings, type RunQualitySettingsInput } from './run-quality-settings';
/** Fed every record of a run with its rule reasons; `report(history)` gives the QualityReport, `state()` the figures to merge. */
export { RunQualityAccumulator } from './run-quality-accumulator';
/** Several instances' figures of one run merged, and the report of merged figures. */
export { mergeRunQualityStates, qualityReportOf, type RunQualityState } from './run-quality-state';
/** The state as RunEvents carry it (sketches deflated, sums as text), and back, checked. */
export { runQualityToWire, runQualityFromWire, RunQualityWireError } from './run-quality-wire';
export { qualityScore, type QualityReport, type RunStats, type RuleOutcome, type FieldCompleteness, type FieldUniqueness } from './quality-report';
export { zScoreFinding, iqrFinding, quantile, type AnomalyFinding, type AnomalyMethod } from './anomaly';
export { DistinctCounter } from './distinct-counter';
