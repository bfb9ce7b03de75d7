// The websocket gateway service: its start and variables, for the supervisor and specs.
export { startWsGateway, type RunningWsGateway, type WsGatewayConfig } from './ws-gateway';
export { WS_GATEWAY_ENV } from './ws-gateway-env';
