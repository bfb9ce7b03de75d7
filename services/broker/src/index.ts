export { Broker, type BrokerOptions } from './broker';
