/**
 * The tax-sink service: `node services/tax-sink/src/main.ts` (through the workspace's TS
 * loader) or the stack. Config from env (the runtime's variables and TAX_API_*); bad config
 * exits 1 naming the variable; SIGTERM/SIGINT stop fetching, finish the calls in flight,
 * commit, and close.
 */
import { runService } from '@tributary/service-runtime';
import { TAX_SINK_ENV } from './tax-sink-config';
import { startTaxSink } from './tax-sink';

export const TAX_SINK_SERVICE = { name: 'tax-sink', env: TAX_SINK_ENV, start: startTaxSink };

if (require.main === module) runService(TAX_SINK_SERVICE);
