import { runService } from '@tributary/service-runtime';
import { startResultWriter } from './result-writer';
import { RESULT_WRITER_ENV } from './result-writer-env';

// The result-writer: `<p>.results` of every active pipeline into PostgreSQL and MongoDB.
runService({ name: 'result-writer', env: RESULT_WRITER_ENV, start: (ctx, config) => startResultWriter(ctx, config) });
