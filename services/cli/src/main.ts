/**
 * The `tributary` command line. Each command is one entry in the table below with its summary;
 * a command's module is loaded only when it runs (the broker's is large), parses its own flags
 * (node:util parseArgs, strict: unknown flags are errors) and prints its own --help.
 */
import { exitCodeOf, ReportedFailure } from './cli-error';
import { RemoteError } from './remote/control-plane-client';
import { println, processTerminal, type Terminal } from './terminal/terminal';

interface Command {
  readonly summary: string;
  readonly load: () => Promise<(args: string[], terminal: Terminal) => Promise<number>>;
}

const COMMANDS: Record<string, Command> = {
  login: { summary: 'log in to a control plane (a user, or an API key)', load: async () => (await import('./commands/login')).runLogin },
  logout: { summary: 'end the login session and forget the kept credential', load: async () => (await import('./commands/login')).runLogout },
  tenants: { summary: 'list tenants, or create one', load: async () => (await import('./commands/tenants')).runTenants },
  secrets: { summary: 'store connection credentials (write-only)', load: async () => (await import('./commands/secrets')).runSecrets },
  connections: { summary: 'check that a connection is reachable', load: async () => (await import('./commands/connections')).runConnections },
  validate: { summary: 'check a pipeline document offline', load: async () => (await import('./commands/validate')).runValidate },
  apply: { summary: 'create or update a pipeline from its document', load: async () => (await import('./commands/apply')).runApply },
  pipelines: { summary: "list the tenant's pipelines", load: async () => (await import('./commands/pipelines')).runPipelines },
  pause: { summary: 'pause a pipeline (its stages stop consuming it)', load: async () => (await import('./commands/pause')).runPause },
  resume: { summary: 'resume a paused pipeline', load: async () => (await import('./commands/pause')).runResume },
  run: { summary: 'run a pipeline now (--follow: live progress)', load: async () => (await import('./commands/run')).runRun },
  runs: { summary: 'list runs', load: async () => (await import('./commands/runs')).runRuns },
  errors: { summary: "a run's failed records and why", load: async () => (await import('./commands/errors')).runErrors },
  results: { summary: "list or download a pipeline's results (csv, ndjson, parquet)", load: async () => (await import('./commands/results')).runResults },
  tail: { summary: "follow a pipeline's results as they arrive", load: async () => (await import('./commands/tail')).runTail },
  replay: { summary: 'reprocess a stage from a time or an offset', load: async () => (await import('./commands/replay')).runReplay },
  start: { summary: 'run the whole platform on this machine (npm start)', load: async () => (await import('./commands/start')).runStart },
  'control-plane': { summary: 'run the control plane (REST API)', load: async () => (await import('./commands/control-plane')).runControlPlane },
  broker: { summary: 'run the embedded Kafka-compatible broker', load: async () => (await import('./commands/broker')).runBroker },
  registry: { summary: 'run the schema registry (Confluent REST API, Avro) over a Kafka topic', load: async () => (await import('./commands/registry')).runRegistry },
};

const usage = `Usage: tributary <command> [options]

Commands:
${Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(14)}${c.summary}`).join('\n')}

Run 'tributary <command> --help' for a command's options.
Exit codes: 0 ok, 1 failed (or the control plane refused), 2 wrong usage, 3 not logged in or not allowed.`;

export async function main(argv: string[], terminal: Terminal = processTerminal()): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    println(name ? terminal.stdout : terminal.stderr, usage);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    println(terminal.stderr, `tributary: unknown command '${name}'\n\n${usage}`);
    return 2;
  }
  try {
    return await (await command.load())(args, terminal);
  } catch (err) {
    if (err instanceof ReportedFailure) return exitCodeOf(err);
    const code = exitCodeOf(err);
    println(terminal.stderr, `tributary ${name}: ${(err as Error).message}`);
    if (err instanceof RemoteError) for (const issue of err.issues) println(terminal.stderr, `  ${issue.path}: ${issue.message}`);
    if (code === 2) println(terminal.stderr, `Run 'tributary ${name} --help' for its options.`);
    return code;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
