import { optionalVariable } from '@tributary/service-runtime';
import { z } from 'zod';

/** The tax sink's own variables, beside the runtime's (KAFKA_BROKERS, SCHEMA_REGISTRY_URL, PORT, ...). */
export const TAX_SINK_ENV = {
  /** TAXMAN's base URL; the embedded stack points it at the sandbox. */
  TAX_API_URL: optionalVariable(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' })).default('http://127.0.0.1:8090'),
  /** Sent as `Authorization: Bearer <key>` on every call. */
  TAX_API_KEY: optionalVariable(z.string().min(1)),
  /** Connections kept open to TAXMAN, shared by every pipeline. */
  TAX_API_CONNECTIONS: optionalVariable(z.coerce.number({ error: 'must be a number' }).int().min(1).max(4096)).default(128),
};
