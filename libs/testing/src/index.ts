export { BrokerProcess, type BrokerProcessOptions } from './broker-process';
export { freePort } from './free-port';
export { tempDir } from './temp-dir';
export { ChildService, repoRoot, type ChildServiceOptions } from './child-service';
export { RegistryProcess } from './registry-process';
