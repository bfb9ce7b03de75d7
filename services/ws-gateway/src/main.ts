import { runService } from '@tributary/service-runtime';
import { startWsGateway } from './ws-gateway';
import { WS_GATEWAY_ENV } from './ws-gateway-env';

// The websocket gateway: customers watch their pipelines' results live.
runService({ name: 'ws-gateway', env: WS_GATEWAY_ENV, start: (ctx, config) => startWsGateway(ctx, config) });
