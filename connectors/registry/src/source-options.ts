import { locationOf, type PipelineSource } from '@tributary/pipeline-spec';
import { SOURCE_CONNECTORS } from './source-connectors';

/**
 * The config a pipeline's source gives its connector: `source.options`, plus the folder for a
 * file source (a file source's folder is part of its config; a database's table is only the
 * stream it reads).
 */
export function connectorConfigOf(source: PipelineSource): Record<string, unknown> {
  const location = locationOf(source);
  return { ...(source.options ?? {}), ...(location?.field === 'path' && { path: location.value }) };
}

/**
 * What the source's connector finds wrong with its options, each with its path under `source`
 * (`options.encoding`), so `apply` and `tributary validate` refuse a bad option instead of every
 * run failing on it. None for a connector not listed here: push and topic sources are not read
 * by the connector runner.
 */
export function sourceOptionFaults(source: PipelineSource): { path: (string | number)[]; message: string }[] {
  const connector = SOURCE_CONNECTORS.find((c) => c.name === source.connector);
  if (connector === undefined) return [];
  const result = connector.configSchema.safeParse(connectorConfigOf(source));
  if (result.success) return [];
  return result.error.issues.map((issue) => {
    const [first, ...rest] = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
    // The folder is the source's own `path`; everything else came from `options`.
    const path = first === 'path' && rest.length === 0 ? ['path'] : first === undefined ? ['options'] : ['options', first, ...rest];
    return { path, message: `the ${connector.name} connector: ${issue.message}` };
  });
}
