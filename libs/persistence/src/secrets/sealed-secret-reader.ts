import { SecretBox, SecretOpenError, type Keyring } from '@tributary/security';
import { Pool } from 'pg';

/** Why a secret could not be read: the store is out of reach now, there is no such secret, or its seal does not open. */
export type SecretReadFailure = 'unreachable' | 'missing' | 'unopenable';

/** A secret that could not be read; the message names the tenant and the secret, never a value. */
export class SecretReadError extends Error {
  override readonly name = 'SecretReadError';

  constructor(
    readonly failure: SecretReadFailure,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/**
 * Reads tenants' connection secrets where the control plane keeps them: the `secrets` table,
 * each value sealed with AES-256-GCM under the master keys of TRIBUTARY_MASTER_KEYS and bound to
 * `<tenant>/<name>` (services/control-plane/src/secrets/secret-store.ts). Only reads: one SELECT
 * per open, values bound, the plaintext never logged nor kept. For the processes that connect
 * with a secret (connector-runner's sources, result-writer's sinks), never for an API answer.
 */
export class SealedSecretReader {
  private readonly pool: Pool;
  private readonly box: SecretBox;

  constructor(databaseUrl: string, keyring: Keyring, applicationName: string) {
    this.pool = new Pool({ connectionString: databaseUrl, max: 2, application_name: applicationName, connectionTimeoutMillis: 10_000 });
    // An idle connection dropped by the server is an 'error' event; unhandled, it would end the process.
    this.pool.on('error', () => undefined);
    this.box = new SecretBox(keyring);
  }

  /** The secret's plaintext; SecretReadError when it cannot be had. */
  async open(tenant: string, name: string): Promise<string> {
    let rows: { sealed: string }[];
    try {
      ({ rows } = await this.pool.query<{ sealed: string }>('SELECT sealed FROM secrets WHERE tenant_id = $1 AND name = $2', [tenant, name]));
    } catch (error) {
      throw new SecretReadError('unreachable', `the secret store cannot be read now (${(error as Error).message})`, { cause: error });
    }
    if (rows.length === 0) throw new SecretReadError('missing', `tenant '${tenant}' has no secret '${name}'; store it with \`tributary secrets set ${name}\``);
    try {
      return this.box.open(rows[0].sealed, `${tenant}/${name}`);
    } catch (error) {
      if (!(error instanceof SecretOpenError)) throw error;
      throw new SecretReadError('unopenable', `secret '${name}' of tenant '${tenant}' cannot be opened: ${error.message}`);
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}
