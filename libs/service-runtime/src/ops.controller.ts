import { Controller, Get, Header, HttpException, HttpStatus, Inject, Res } from '@nestjs/common';
import type { StageMetrics } from '@tributary/observability';
import type { ServiceHealth } from './service-health';

export const SERVICE_HEALTH = Symbol('ServiceHealth');
export const SERVICE_METRICS = Symbol('StageMetrics');

/** The answer object of Express that Nest hands to `@Res()`; only what a scrape needs. */
interface RawResponse {
  setHeader(name: string, value: string): void;
  end(body: string): void;
}

/** `/health/live`, `/health/ready` and `/metrics`, the same in every stage service. */
@Controller()
export class OpsController {
  constructor(
    @Inject(SERVICE_HEALTH) private readonly health: ServiceHealth,
    @Inject(SERVICE_METRICS) private readonly metrics: StageMetrics,
  ) {}

  /** The process is up and serving HTTP. */
  @Get('health/live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** The process can do its work: every part it registered says so. */
  @Get('health/ready')
  ready(): { status: 'ok'; checks: Record<string, string> } {
    const { ready, checks } = this.health.report();
    if (!ready) throw new HttpException({ status: 'unavailable', checks }, HttpStatus.SERVICE_UNAVAILABLE);
    return { status: 'ok', checks };
  }

  @Get('metrics')
  @Header('Cache-Control', 'no-store')
  async scrape(@Res() response: RawResponse): Promise<void> {
    response.setHeader('Content-Type', this.metrics.contentType);
    response.end(await this.metrics.render());
  }
}
