/**
 * The transformer service: `node services/transformer/src/main.ts` (through the workspace's TS
 * loader) or the stack. Config from env (the runtime's variables: KAFKA_BROKERS,
 * SCHEMA_REGISTRY_URL, PORT, ...); bad config exits 1 naming the variable; SIGTERM/SIGINT stop
 * fetching, finish the records in flight, commit, and close.
 */
import { runService } from '@tributary/service-runtime';
import { startTransformer } from './transformer';

export const TRANSFORMER_SERVICE = { name: 'transformer', start: startTransformer };

if (require.main === module) runService(TRANSFORMER_SERVICE);
