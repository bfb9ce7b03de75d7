import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { redactText } from '@tributary/security';
import { UsageError } from '../cli-error';
import { println, type Terminal } from '../terminal/terminal';

export const startHelp = `tributary start: run the whole platform on this machine (what \`npm start\` runs)

Usage: tributary start [--data DIR] [--database-url URL] [--no-demo] [--log-level LEVEL]

Starts the embedded stack as one supervised process tree: PGlite (PostgreSQL), the broker, the
schema registry, the control plane, the TAXMAN API sandbox and every stage service. A program
that crashes is restarted. On a new data folder it creates the demo tenant with a sample ERP
table, a CSV drop folder and two pipelines. Ctrl-C stops everything cleanly; the next start
resumes from the data folder.

Options:
  --data DIR          data folder (default $TRIBUTARY_DATA_DIR or .tributary)
  --database-url URL  keep the platform's tables in this PostgreSQL database (it must exist)
                      instead of the embedded PGlite (default $TRIBUTARY_DATABASE_URL);
                      the data folder's keys open its secrets, so keep the two together
  --no-demo           do not create the demo tenant
  --log-level LEVEL   the programs' log level (default warn; their lines are prefixed by name)`;

export async function runStart(args: string[], terminal: Terminal): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: { data: { type: 'string' }, 'database-url': { type: 'string' }, 'no-demo': { type: 'boolean' }, 'log-level': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    println(terminal.stdout, startHelp);
    return 0;
  }
  const level = values['log-level'] ?? 'warn';
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace'].includes(level)) throw new UsageError(`--log-level must be one of fatal, error, warn, info, debug, trace, got '${level}'`);
  const databaseUrl = values['database-url'] ?? (terminal.env.TRIBUTARY_DATABASE_URL || undefined);
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\/[^/]+\/[^/?]+/.test(databaseUrl)) {
    throw new UsageError(`--database-url must be postgres://[user[:password]@]host[:port]/database, got '${redactText(databaseUrl)}'`);
  }
  const { EmbeddedStack, seedDemo } = await import('@tributary/stack');
  const root = resolve(__dirname, '..', '..', '..', '..', ...(__dirname.includes('/dist/') ? ['..'] : []));
  const dataDir = resolve(values.data ?? terminal.env.TRIBUTARY_DATA_DIR ?? '.tributary');
  println(terminal.stdout, `Starting Tributary (data folder ${dataDir}${databaseUrl ? `, database ${redactText(databaseUrl)}` : ''})...`);
  const stack = await EmbeddedStack.start({
    root,
    dataDir,
    databaseUrl,
    mode: __dirname.includes('/dist/') ? 'dist' : 'source',
    logLevel: level,
    onOutput: (name, line) => println(terminal.stderr, `${name.padEnd(16)} ${line}`),
    onEvent: (event) => event.kind !== 'started' && println(terminal.stderr, `${event.name.padEnd(16)} ${event.kind}${event.detail ? ` (${event.detail})` : ''}`),
  });
  const stopped = new Promise<void>((done) => {
    const stop = () => {
      println(terminal.stdout, '\nStopping...');
      stack.stop().then(done, done);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  const demo = values['no-demo'] ? undefined : await seedDemo({ controlPlaneUrl: stack.urls.controlPlane, admin: stack.admin, databaseUrl: stack.urls.database, dataDir, root });
  const cli = 'npx tributary';
  println(
    terminal.stdout,
    [
      '',
      'Tributary is running:',
      `  control plane   ${stack.urls.controlPlane}   (API docs: ${stack.urls.controlPlane}/docs)`,
      `  Kafka           ${stack.urls.kafka}   schema registry ${stack.urls.registry}`,
      `  results live    ${stack.urls.wsGateway}   TAXMAN sandbox ${stack.urls.taxApi}`,
      `  PostgreSQL      ${redactText(stack.urls.database)}${databaseUrl ? '' : ' (embedded PGlite)'}`,
      `  platform admin  ${stack.admin.email} (password in ${dataDir}/stack/admin.json)`,
      ...(demo
        ? [
            '',
            `${demo.created ? 'Created' : 'Kept'} the demo tenant '${demo.tenant}' (admin ${demo.tenantAdmin.email}, password in ${dataDir}/stack/demo-admin-password) with pipelines ${demo.pipelines.join(' and ')}.`,
            'Try:',
            `  ${cli} login --url ${stack.urls.controlPlane} --email ${demo.tenantAdmin.email}`,
            `  ${cli} run erp-orders --follow`,
            `  ${cli} results erp-orders`,
            `  ${cli} tail erp-orders`,
            `  drop more CSV files into ${dataDir}/files/demo/drop and run csv-orders`,
          ]
        : []),
      '',
      'Ctrl-C stops everything.',
    ].join('\n'),
  );
  await stopped;
  return 0;
}
