import { ConnectorError } from '@tributary/connectors';
import { SealedSecretReader, SecretReadError } from '@tributary/persistence';
import type { Keyring } from '@tributary/security';

/** Opens a tenant's connection secret: the plaintext exists only in the process that connects with it. */
export interface SecretSource {
  /** The secret's plaintext; ConnectorError('config') when there is none or it cannot be opened. */
  open(tenant: string, name: string): Promise<string>;
}

/**
 * Secrets where the control plane keeps them, read through libs/persistence's SealedSecretReader
 * (shared with the result-writer's sinks), its failures as the ConnectorErrors a run reports: a
 * store out of reach is retriable, a missing or unopenable secret is the pipeline's config.
 */
export class DatabaseSecretSource implements SecretSource {
  private readonly reader: SealedSecretReader;

  constructor(databaseUrl: string, keyring: Keyring) {
    this.reader = new SealedSecretReader(databaseUrl, keyring, 'tributary-connector-runner');
  }

  async open(tenant: string, name: string): Promise<string> {
    try {
      return await this.reader.open(tenant, name);
    } catch (error) {
      if (!(error instanceof SecretReadError)) throw error;
      throw new ConnectorError(error.failure === 'unreachable' ? 'unreachable' : 'config', error.message, { cause: error.cause ?? error });
    }
  }

  close(): Promise<void> {
    return this.reader.close();
  }
}
