import type { Logger } from 'pino';
import { redactText } from '@tributary/security';
import { PRINCIPAL } from '../auth/caller.decorator';
import type { Principal } from '../auth/principal';
import type { HttpRequest } from '../common/http-types';
import type { ControlPlaneMetrics } from '../metrics/control-plane-metrics';
import type { ServerResponse } from 'node:http';

/**
 * Express middleware: one log line and one metrics observation per answered request. Logs the
 * method, the path (credentials cut out), the route template, status, duration and the caller;
 * never headers or bodies.
 */
export function observeRequests(logger: Logger, metrics: ControlPlaneMetrics) {
  return (request: HttpRequest & { [PRINCIPAL]?: Principal }, response: ServerResponse, next: () => void): void => {
    const started = process.hrtime.bigint();
    response.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = request.route?.path ?? 'unmatched';
      metrics.observeRequest(request.method ?? 'GET', route, response.statusCode, seconds);
      const caller = request[PRINCIPAL];
      logger.info(
        {
          method: request.method,
          path: redactText(request.originalUrl ?? request.url ?? ''),
          route,
          status: response.statusCode,
          ms: Math.round(seconds * 1000),
          caller: caller ? { kind: caller.kind, id: caller.id, tenant: caller.tenantId } : undefined,
        },
        'request',
      );
    });
    next();
  };
}
