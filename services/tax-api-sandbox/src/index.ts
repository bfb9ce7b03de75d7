// The TAXMAN sandbox as a library, for tests and the embedded stack: start it on a port, read
// its stats, turn its knobs. main.ts runs it as a process.
export { startSandbox, type RunningSandbox } from './start-sandbox';
export { parseSandboxConfig, SandboxConfigError, type SandboxConfig } from './sandbox-config';
export { TaxSandbox, type TaxSandboxOptions, type SandboxAnswer } from './tax-sandbox';
export { knobsSchema, knobsChangeSchema, DEFAULT_KNOBS, type Knobs, type KnobsChange } from './sandbox-knobs';
export type { SandboxStatsSnapshot } from './sandbox-stats';
export type { Outage, OutageMode, OutageWindow } from './outage-windows';
export { RATE_TABLE, type JurisdictionRate } from './rate-tables';
export { TAX_CODES } from './taxability';
