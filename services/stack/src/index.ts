// @tributary/stack: the embedded platform as one supervised process tree (`npm start`), and the
// demo it seeds. This file is the only public API.
export { EmbeddedStack, type StackOptions, type StackUrls } from './embedded-stack';
export { DEFAULT_PORTS, type StackPorts } from './stack-layout';
export type { ProcessEvent } from './supervised-process';
export { seedDemo, seedErpTable, DEMO_TENANT, type DemoSeeded, type DemoSeedOptions } from './demo/demo-seed';
export { sampleOrder, badFieldOf, ordersAsCsv, BAD_FIELDS, SAMPLE_COLUMNS, type SampleOrder, type SampleOptions } from './demo/sample-orders';
