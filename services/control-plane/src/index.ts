export { startControlPlane, type ControlPlane, type ControlPlaneOptions } from './app/control-plane';
export { parseControlPlaneConfig, ConfigError, type ControlPlaneConfig } from './config/control-plane-config';
export { localKeys } from './config/local-keys';
export { main } from './main';
