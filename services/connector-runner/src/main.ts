/**
 * The connector runner service: `node services/connector-runner/src/main.ts` (through the
 * workspace's TS loader) or the stack. Config from env (the runtime's variables, DATABASE_URL and
 * TRIBUTARY_MASTER_KEYS for secrets, CONNECTOR_*); bad config exits 1 naming the variable;
 * SIGTERM/SIGINT stop every run at its next batch boundary (cursor committed, request left for
 * the next runner), then close.
 */
import { runService } from '@tributary/service-runtime';
import { CONNECTOR_RUNNER_ENV } from './connector-runner-config';
import { startConnectorRunner } from './connector-runner';

export const CONNECTOR_RUNNER_SERVICE = { name: 'connector-runner', env: CONNECTOR_RUNNER_ENV, start: startConnectorRunner };

if (require.main === module) runService(CONNECTOR_RUNNER_SERVICE);
