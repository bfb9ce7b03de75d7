import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CONNECTOR_FAILURES, ConnectorError, failedCheck, withoutSecrets, type CheckResult, type ConnectorContext, type ConnectorFailureCode, type DiscoveredStream } from '@tributary/connectors';
import type { ConnectionEntity } from '@tributary/persistence';
import { redactText } from '@tributary/security';
import type { Logger } from 'pino';
import type { SecretStore } from '../secrets/secret-store';
import type { ConnectionCatalog } from './connection-catalog';
import { connectorInputs, type ConnectorInputs } from './connector-inputs';

/** A connector's refusal, as an answer: the code from CONNECTOR_FAILURES and its reason. */
export interface ProbeFailure {
  ok: false;
  code: ConnectorFailureCode;
  /** Whether trying again later may help (the source was unreachable or failed), per CONNECTOR_FAILURES. */
  retriable: boolean;
  message: string;
}

interface ProbeHeader {
  connection: string;
  connector: string;
  latencyMs: number;
}

export type CheckAnswer = ProbeHeader & ({ ok: true; checkedAt: string } | (ProbeFailure & { checkedAt: string }));
export type DiscoverAnswer = ProbeHeader & ({ ok: true; streams: DiscoveredStream[] } | ProbeFailure);

/**
 * Runs a connection's connector for the API: `check` (can it reach and read the source?) and
 * `discover` (which streams, with which schemas?). The secret is opened in this process for
 * the one call and dropped with it; what the connector says comes back as an answer with its
 * failure code (never a 500), with the secret's credentials cut out of every message.
 */
export class ConnectionProbe {
  constructor(
    private readonly catalog: ConnectionCatalog,
    private readonly secrets: SecretStore,
    /** Folder of the tenants' file areas: a file connection reads inside `<fileRoot>/<tenant>` only. */
    private readonly fileRoot: string,
    private readonly logger: Logger,
  ) {}

  async check(tenantId: string, name: string): Promise<CheckAnswer> {
    const row = await this.catalog.row(tenantId, name);
    const outcome = await this.call(row, async (inputs, context) => {
      const result = await inputs.connector.check(inputs.config, inputs.secrets, context);
      return result.ok ? { ok: true, value: undefined } : failure(result.code, clean(result.reason, inputs.redactions));
    });
    const { latencyMs } = outcome;
    const checkedAt = new Date().toISOString();
    await this.catalog.recordCheck(row.id, outcome.ok ? { ok: true, latencyMs, at: checkedAt } : { ok: false, code: outcome.code, message: outcome.message, latencyMs, at: checkedAt });
    this.logger.info({ tenant: tenantId, connection: name, connector: row.connector, ok: outcome.ok, code: outcome.ok ? undefined : outcome.code, latencyMs }, 'connection checked');
    const header = { connection: name, connector: row.connector, latencyMs };
    return outcome.ok ? { ...header, ok: true, checkedAt } : { ...header, ok: false, code: outcome.code, retriable: outcome.retriable, message: outcome.message, checkedAt };
  }

  async discover(tenantId: string, name: string): Promise<DiscoverAnswer> {
    const row = await this.catalog.row(tenantId, name);
    const outcome = await this.call(row, async (inputs, context) => ({ ok: true, value: await inputs.connector.discover(inputs.config, inputs.secrets, context) }));
    const { latencyMs } = outcome;
    this.logger.info({ tenant: tenantId, connection: name, connector: row.connector, ok: outcome.ok, code: outcome.ok ? undefined : outcome.code, streams: outcome.ok ? outcome.value.length : undefined, latencyMs }, 'connection discovered');
    const header = { connection: name, connector: row.connector, latencyMs };
    return outcome.ok ? { ...header, ok: true, streams: outcome.value } : { ...header, ok: false, code: outcome.code, retriable: outcome.retriable, message: outcome.message };
  }

  /**
   * Prepares the inputs and runs `work`, timing both. A connection that cannot be prepared (a
   * secret missing or not fitting: ConnectorError 'config') and anything the connector throws
   * become a ProbeFailure with the secret cut out; the control plane's own faults (its database)
   * stay errors.
   */
  private async call<T>(row: ConnectionEntity, work: (inputs: ConnectorInputs, context: ConnectorContext) => Promise<Done<T> | ProbeFailure>): Promise<(Done<T> | ProbeFailure) & { latencyMs: number }> {
    const started = performance.now();
    const timed = (result: Done<T> | ProbeFailure) => ({ ...result, latencyMs: Math.round(performance.now() - started) });
    let inputs: ConnectorInputs;
    try {
      inputs = await connectorInputs(row, this.secrets);
    } catch (err) {
      if (!(err instanceof ConnectorError)) throw err;
      return timed(failure(err.code, err.message));
    }
    try {
      return timed(await work(inputs, { fileRoot: await this.fileArea(row.tenantId) }));
    } catch (err) {
      // failedCheck: a ConnectorError keeps its code, anything else is a 'source-error'.
      const failed = failedCheck(err) as Extract<CheckResult, { ok: false }>;
      const reason = clean(failed.reason, inputs.redactions);
      if (!(err instanceof ConnectorError)) this.logger.warn({ connector: row.connector, err: reason }, 'the connector failed with an error of its own');
      return timed(failure(failed.code, reason));
    }
  }

  /**
   * The tenant's file area, made if missing: otherwise a file connection would be told that the
   * area itself does not exist, naming where it is on this server's disk. A failure to make it
   * is left to the connector to report, as a path it cannot read.
   */
  private async fileArea(tenantId: string): Promise<string> {
    const area = join(this.fileRoot, tenantId);
    await mkdir(area, { recursive: true }).catch(() => undefined);
    return area;
  }
}

interface Done<T> {
  ok: true;
  value: T;
}

function failure(code: ConnectorFailureCode, message: string): ProbeFailure {
  return { ok: false, code, retriable: CONNECTOR_FAILURES[code].retriable, message };
}

/** A connector's reason with the call's credentials, and anything that looks like one, cut out. */
function clean(reason: string, redactions: readonly string[]): string {
  return redactText(withoutSecrets(reason, redactions));
}
