import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../cli-error';
import { ControlPlaneClient } from '../remote/control-plane-client';
import { remoteSettings } from '../remote/remote-settings';
import { println, type Terminal } from '../terminal/terminal';

/** Options every command that talks to the control plane takes. */
export const REMOTE_OPTIONS = {
  url: { type: 'string' },
  tenant: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsConfig['options'];

export const REMOTE_HELP = `  --url URL                 the control plane (default: TRIBUTARY_URL, the login's, http://127.0.0.1:8080)
  --tenant ID               act in this tenant (default: TRIBUTARY_TENANT, else the credential's own)
  --json                    print the control plane's answer as JSON, for scripts
  -h, --help                this help`;

export interface ParsedCommand {
  readonly values: Record<string, string | boolean | undefined>;
  readonly positionals: string[];
}

/**
 * Parses `args` strictly (unknown flags are usage errors) with the remote options added, and
 * checks the number of positionals (unless --help was asked).
 */
export function parseRemote(args: string[], options: NonNullable<ParseArgsConfig['options']>, positionals: { min: number; max: number; usage: string }): ParsedCommand {
  const parsed = parseArgs({ args, strict: true, allowPositionals: true, options: { ...REMOTE_OPTIONS, ...options } });
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (!values.help && (parsed.positionals.length < positionals.min || parsed.positionals.length > positionals.max)) {
    throw new UsageError(`expected ${positionals.usage}, got ${parsed.positionals.length === 0 ? 'nothing' : `'${parsed.positionals.join(' ')}'`}`);
  }
  return { values, positionals: parsed.positionals };
}

export function clientFor(values: ParsedCommand['values'], terminal: Terminal): ControlPlaneClient {
  return new ControlPlaneClient(remoteSettings({ url: flag(values, 'url'), tenant: flag(values, 'tenant') }, terminal.env));
}

export function printJson(terminal: Terminal, value: unknown): void {
  println(terminal.stdout, JSON.stringify(value, null, 2));
}

/** A flag's string value, or undefined; parseArgs types every option as unknown here. */
export function flag(values: ParsedCommand['values'], name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** Prints a command's help; exit code 0. */
export function showHelp(terminal: Terminal, text: string): number {
  println(terminal.stdout, text);
  return 0;
}
