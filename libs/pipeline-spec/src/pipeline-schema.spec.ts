import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RULE_DEFINITIONS } from '@tributary/quality';
import { STEP_DEFINITIONS } from '@tributary/transforms';
import { pipelineJsonSchema } from './pipeline-schema';
import { SINK_DEFINITIONS } from './sinks';

type Schema = Record<string, unknown> & { properties?: Record<string, Schema>; items?: Schema; required?: string[] };

describe('pipelineJsonSchema', () => {
  const schema = JSON.parse(JSON.stringify(pipelineJsonSchema())) as Schema;

  test('is draft 2020-12 JSON that survives a round trip, closed to unknown keys', () => {
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.equal(schema.additionalProperties, false);
    assert.deepEqual(schema.required, ['apiVersion', 'kind', 'metadata', 'source', 'sinks']);
  });

  test('the transform items list every registered step, each with its config and description', () => {
    const item = schema.properties!.transform.items!;
    assert.deepEqual(Object.keys(item.properties!).sort(), STEP_DEFINITIONS.map((d) => d.name).sort());
    assert.equal(item.minProperties, 1);
    assert.equal(item.maxProperties, 1);
    for (const definition of STEP_DEFINITIONS) assert.equal(item.properties![definition.name].description, definition.description);
  });

  test('the validate items list every registered rule and the sinks every sink', () => {
    assert.deepEqual(Object.keys(schema.properties!.validate.items!.properties!).sort(), RULE_DEFINITIONS.map((d) => d.name).sort());
    assert.deepEqual(Object.keys(schema.properties!.sinks.items!.properties!).sort(), SINK_DEFINITIONS.map((d) => d.name).sort());
    for (const name of ['notNull', 'type', 'range', 'pattern', 'enum', 'length', 'expression', 'unique']) assert.ok(name in schema.properties!.validate.items!.properties!, name);
  });

  test('describes what people write: durations as text, defaults optional', () => {
    const window = schema.properties!.validate.items!.properties!.unique;
    assert.match(JSON.stringify(window), /"type":\["integer","string"\]|"anyOf"/);
    assert.ok(!schema.properties!.settings.required, 'settings fields have defaults');
    assert.ok(!(schema.required ?? []).includes('transform'));
  });
});
