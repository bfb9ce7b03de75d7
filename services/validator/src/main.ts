/**
 * The validator service: `node services/validator/src/main.ts` (through the workspace's TS
 * loader) or the stack. Config from env (the runtime's variables: KAFKA_BROKERS,
 * SCHEMA_REGISTRY_URL, PORT, ...); bad config exits 1 naming the variable; SIGTERM/SIGINT stop
 * fetching, finish the records in flight, commit, and close.
 */
import { runService } from '@tributary/service-runtime';
import { startValidator } from './validator';

export const VALIDATOR_SERVICE = { name: 'validator', start: startValidator };

if (require.main === module) runService(VALIDATOR_SERVICE);
