import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { z } from 'zod';
import { resourceName } from '@tributary/pipeline-spec';
import type { ResultSummary } from '@tributary/persistence';
import { Access } from '../auth/access.decorator';
import type { HttpResponse } from '../common/http-types';
import { ValidParam, ValidQuery } from '../common/validated';
import { ResultCatalog, type ResultPageView } from './result-catalog';
import { RESULT_DOWNLOAD_QUERY, RESULT_FILTER_QUERY, RESULT_PAGE_QUERY, resultFilter } from './result-request';

/**
 * A pipeline's results: the latest TaxResult per order key, as the result-writer stored them.
 * Every role of the tenant may read them (customers included); nothing here writes.
 */
@ApiTags('results')
@Controller('tenants/:tenant/pipelines/:pipeline/results')
export class ResultsController {
  constructor(@Inject(ResultCatalog) private readonly results: ResultCatalog) {}

  /** A page, by order key (default) or in the order results were written (`order=revision`). */
  @Get()
  @Access({ action: 'results.read' })
  page(
    @Param('tenant') tenant: string,
    @ValidParam('pipeline', resourceName) pipeline: string,
    @ValidQuery(RESULT_PAGE_QUERY) query: z.output<typeof RESULT_PAGE_QUERY>,
  ): Promise<ResultPageView> {
    return this.results.page(resultFilter(tenant, pipeline, query), query.order, query.limit, query.cursor);
  }

  /** How many results match, their time span, and the latest revision (where a tail starts). */
  @Get('summary')
  @Access({ action: 'results.read' })
  summary(
    @Param('tenant') tenant: string,
    @ValidParam('pipeline', resourceName) pipeline: string,
    @ValidQuery(RESULT_FILTER_QUERY) query: z.output<typeof RESULT_FILTER_QUERY>,
  ): Promise<ResultSummary> {
    return this.results.summary(resultFilter(tenant, pipeline, query));
  }

  /** Every matching result as one CSV, NDJSON or Parquet file, streamed in order key order. */
  @Get('download')
  @Access({ action: 'results.read' })
  @ApiProduces('text/csv', 'application/x-ndjson', 'application/vnd.apache.parquet')
  download(
    @Param('tenant') tenant: string,
    @ValidParam('pipeline', resourceName) pipeline: string,
    @ValidQuery(RESULT_DOWNLOAD_QUERY) query: z.output<typeof RESULT_DOWNLOAD_QUERY>,
    @Res() response: HttpResponse,
  ): Promise<void> {
    return this.results.download(resultFilter(tenant, pipeline, query), query.format, response);
  }
}
