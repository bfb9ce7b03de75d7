import { resolveStreamName, type ConnectorContext, type DiscoveredStream, type SourceConnector } from '@tributary/connectors';
import type { PipelineSpec } from '@tributary/pipeline-spec';
import { isSecretKey } from '@tributary/security';
import { recordKeyReader } from './batch-publisher';
import { parseSecretText, sourcePlan, type SourcePlan } from './source-plan';
import type { SecretSource } from './secret-source';

/** A source ready to read: connector, parsed config and secrets, the discovered stream. */
export interface OpenedSource {
  readonly plan: SourcePlan;
  readonly connector: SourceConnector;
  readonly config: unknown;
  readonly secrets: unknown;
  /** Values of the secret's secret fields (passwords), cut out of any message about the run. */
  readonly secretValues: readonly string[];
  readonly context: ConnectorContext;
  readonly stream: DiscoveredStream;
  readonly keyOf: (value: Record<string, unknown>) => string | null;
}

export interface OpenSourceOptions {
  readonly spec: PipelineSpec;
  readonly tenant: string;
  readonly secrets: SecretSource;
  readonly fileRoot?: string;
  /** Runs discover() with the runner's retry of retriable connector errors. */
  readonly retrying: <T>(step: () => Promise<T>) => Promise<T>;
}

/**
 * Steps 1 and 2 of connectors/README.md "What the runtime does with it": the pipeline's source as
 * a connector call, the connection secret opened (only here, never logged), and the stream found
 * among what discover() offers, with its schema for `<p>.raw`.
 */
export async function openSource(options: OpenSourceOptions): Promise<OpenedSource> {
  const plan = sourcePlan(options.spec);
  const { connector } = plan;
  const text = plan.secretName === undefined ? undefined : await options.secrets.open(options.tenant, plan.secretName);
  const secrets = parseSecretText(connector, text, plan.secretName);
  const secretValues = secretFieldValues(secrets);
  const context: ConnectorContext = options.fileRoot === undefined ? {} : { fileRoot: options.fileRoot };
  const streams = await options.retrying(() => connector.discover(plan.config, secrets, context));
  const name = resolveStreamName(
    streams.map((s) => s.name),
    plan.stream,
  );
  const stream = streams.find((s) => s.name === name)!;
  return { plan, connector, config: plan.config, secrets, secretValues, context, stream, keyOf: recordKeyReader(stream, plan.keyField) };
}

/** The values under secret-looking keys (password, token...), at any depth. */
function secretFieldValues(secrets: unknown): string[] {
  const found: string[] = [];
  const walk = (value: unknown, key: string | undefined) => {
    if (typeof value === 'string') {
      if (key !== undefined && isSecretKey(key) && value.length > 0) found.push(value);
    } else if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) walk(v, Array.isArray(value) ? key : k);
    }
  };
  walk(secrets, undefined);
  return found;
}
