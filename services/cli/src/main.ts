/**
 * The `tributary` command line. Each command is one entry in the table below with its help text;
 * commands parse their own flags (node:util parseArgs, strict: unknown flags are errors).
 */
import { brokerHelp, runBroker } from './commands/broker';
import { registryHelp, runRegistry } from './commands/registry';
import { UsageError } from './cli-error';

interface Command {
  readonly summary: string;
  readonly help: string;
  readonly run: (args: string[]) => Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  broker: { summary: 'run the embedded Kafka-compatible broker', help: brokerHelp, run: runBroker },
  registry: { summary: 'run the schema registry (Confluent REST API, Avro) over a Kafka topic', help: registryHelp, run: runRegistry },
};

const usage = `Usage: tributary <command> [options]

Commands:
${Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(12)}${c.summary}`).join('\n')}

Run 'tributary <command> --help' for a command's options.`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`tributary: unknown command '${name}'\n\n${usage}`);
    return 2;
  }
  try {
    return await command.run(args);
  } catch (err) {
    const message = (err as Error).message;
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`tributary ${name}: ${message}\n\n${command.help}`);
      return 2;
    }
    console.error(`tributary ${name}: ${message}`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
