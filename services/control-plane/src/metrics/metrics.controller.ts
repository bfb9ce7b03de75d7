import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Access } from '../auth/access.decorator';
import type { HttpResponse } from '../common/http-types';
import { ControlPlaneMetrics } from './control-plane-metrics';

/** Prometheus scrape endpoint; unauthenticated like every scrape target inside a cluster. */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(ControlPlaneMetrics) private readonly metrics: ControlPlaneMetrics) {}

  @Get()
  @Access('public')
  @Header('Cache-Control', 'no-store')
  async scrape(@Res() response: HttpResponse): Promise<void> {
    response.setHeader('Content-Type', this.metrics.contentType);
    response.end(await this.metrics.render());
  }
}
