import { ConnectorError } from '@tributary/connectors';
import { SecretBox, SecretOpenError, type Keyring } from '@tributary/security';
import { Pool } from 'pg';

/** Opens a tenant's connection secret: the plaintext exists only in the process that connects with it. */
export interface SecretSource {
  /** The secret's plaintext; ConnectorError('config') when there is none or it cannot be opened. */
  open(tenant: string, name: string): Promise<string>;
}

/**
 * Secrets where the control plane keeps them: the `secrets` table of its database, each value
 * sealed with AES-256-GCM under the master keys of TRIBUTARY_MASTER_KEYS and bound to
 * `<tenant>/<name>` (services/control-plane/src/secrets/secret-store.ts). Only reads: one
 * SELECT per run, values bound, the plaintext never logged nor kept.
 */
export class DatabaseSecretSource implements SecretSource {
  private readonly pool: Pool;
  private readonly box: SecretBox;

  constructor(databaseUrl: string, keyring: Keyring) {
    this.pool = new Pool({ connectionString: databaseUrl, max: 2, application_name: 'tributary-connector-runner', connectionTimeoutMillis: 10_000 });
    // An idle connection dropped by the server is an 'error' event; unhandled, it would end the process.
    this.pool.on('error', () => undefined);
    this.box = new SecretBox(keyring);
  }

  async open(tenant: string, name: string): Promise<string> {
    let rows: { sealed: string }[];
    try {
      ({ rows } = await this.pool.query<{ sealed: string }>('SELECT sealed FROM secrets WHERE tenant_id = $1 AND name = $2', [tenant, name]));
    } catch (error) {
      throw new ConnectorError('unreachable', `the secret store cannot be read now (${(error as Error).message})`, { cause: error });
    }
    if (rows.length === 0) throw new ConnectorError('config', `tenant '${tenant}' has no secret '${name}'; store it with \`tributary secrets set ${name}\``);
    try {
      return this.box.open(rows[0].sealed, `${tenant}/${name}`);
    } catch (error) {
      if (!(error instanceof SecretOpenError)) throw error;
      throw new ConnectorError('config', `secret '${name}' of tenant '${tenant}' cannot be opened: ${error.message}`);
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
