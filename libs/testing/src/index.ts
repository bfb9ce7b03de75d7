export { BrokerProcess, type BrokerProcessOptions } from './broker-process';
export { freePort } from './free-port';
export { tempDir } from './temp-dir';
