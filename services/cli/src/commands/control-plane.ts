import { UsageError } from '../cli-error';
import { println, type Terminal } from '../terminal/terminal';

export const controlPlaneHelp = `tributary control-plane: run the control plane (REST API) in the foreground

Usage: tributary control-plane

Configured by environment variables only (services/control-plane/README.md lists them), e.g.:

  HOST, PORT                where to listen (default 127.0.0.1:8080)
  DATABASE_URL              PostgreSQL; unset: embedded PGlite in $TRIBUTARY_DATA_DIR/postgres
  TRIBUTARY_DATA_DIR        data folder of the embedded mode (default .tributary)
  TRIBUTARY_FILE_ROOT       the tenants' file areas for file connections (default $TRIBUTARY_DATA_DIR/files)
  KAFKA_BROKERS, SCHEMA_REGISTRY_URL
                            Kafka and the schema registry (apply, run and replay need them)
  TRIBUTARY_BOOTSTRAP_ADMIN_EMAIL, TRIBUTARY_BOOTSTRAP_ADMIN_PASSWORD
                            the platform admin to create on first start

Logs are JSON lines on stdout. SIGTERM or SIGINT (Ctrl-C) stops it cleanly.`;

export async function runControlPlane(args: string[], terminal: Terminal): Promise<number> {
  if (args.includes('-h') || args.includes('--help')) {
    println(terminal.stdout, controlPlaneHelp);
    return 0;
  }
  if (args.length > 0) {
    throw new UsageError(`control-plane takes no arguments (it is configured by environment variables), got '${args.join(' ')}'`);
  }
  const { main } = await import('@tributary/control-plane');
  return main(terminal.env);
}
