// @tributary/connector-registry: the list of every connector, for the runtime
// (services/connector-runner), the console and the docs. The contract they share is
// @tributary/connectors. This file is the only public API.
export { SOURCE_CONNECTORS, findSourceConnector } from './source-connectors';
export { connectorConfigOf, sourceOptionFaults } from './source-options';
