import { ConfigError, optionalVariable, type BaseConfig } from '@tributary/service-runtime';
import { KeyringError, parseKeyring, type Keyring } from '@tributary/security';
import { z } from 'zod';

/** The connector runner's own variables, beside the runtime's (KAFKA_BROKERS, SCHEMA_REGISTRY_URL, PORT, ...). */
export const CONNECTOR_RUNNER_ENV = {
  /** The control plane's database, where connection secrets are kept sealed (table `secrets`). */
  DATABASE_URL: optionalVariable(z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL')),
  /** The master keys the control plane seals secrets with (`k2:<base64>,k1:<base64>`); required with DATABASE_URL. */
  TRIBUTARY_MASTER_KEYS: optionalVariable(z.string().min(1)),
  /** Rows per batch: one produce of `<p>.raw` and one cursor commit each. */
  CONNECTOR_BATCH_SIZE: optionalVariable(z.coerce.number({ error: 'must be a number' }).int().min(1).max(100_000)).default(1000),
  /** Runs executed at once by this instance. */
  CONNECTOR_RUN_CONCURRENCY: optionalVariable(z.coerce.number({ error: 'must be a number' }).int().min(1).max(64)).default(2),
  /** Confines file sources to `<root>/<tenant>`; unset, paths are taken as written (single-user embedded runs). */
  TRIBUTARY_FILE_ROOT: optionalVariable(z.string().min(1)),
};

export type ConnectorRunnerConfig = BaseConfig & z.output<z.ZodObject<typeof CONNECTOR_RUNNER_ENV>>;

/** The keyring for opening secrets, or undefined without a database; ConfigError naming the variable otherwise. */
export function secretKeyring(config: ConnectorRunnerConfig): Keyring | undefined {
  if (config.DATABASE_URL === undefined) return undefined;
  if (config.TRIBUTARY_MASTER_KEYS === undefined) throw new ConfigError('TRIBUTARY_MASTER_KEYS: is required when DATABASE_URL is set (the keys the control plane seals secrets with)');
  try {
    return parseKeyring(config.TRIBUTARY_MASTER_KEYS, 'TRIBUTARY_MASTER_KEYS');
  } catch (error) {
    if (error instanceof KeyringError) throw new ConfigError(error.message);
    throw error;
  }
}
