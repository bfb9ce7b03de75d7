import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ConnectorError, connectorDocs, connectorSpec, parseConnectorInput, schemaFields } from '@tributary/connectors';
import { SOURCE_CONNECTORS, findSourceConnector } from './source-connectors';

describe('source connector registry', () => {
  test('lists postgres, mysql and file under unique names', () => {
    const names = SOURCE_CONNECTORS.map((c) => c.name);
    assert.deepEqual(names, ['postgres', 'mysql', 'file']);
    assert.equal(new Set(names).size, names.length);
  });

  test('finds a connector by name and names the ones there are when it cannot', () => {
    assert.equal(findSourceConnector('mysql').name, 'mysql');
    assert.throws(() => findSourceConnector('oracle'), (e: unknown) => e instanceof ConnectorError && e.code === 'config' && /the connectors are postgres, mysql, file/.test(e.message));
  });

  for (const connector of SOURCE_CONNECTORS) {
    test(`${connector.name}: every config and secret field has a description and an example, for the console's forms and the docs`, () => {
      const spec = connectorSpec(connector);
      for (const [part, schema] of [['config', spec.config], ['secrets', spec.secrets]] as const) {
        for (const [path, field] of schemaFields(schema)) {
          assert.ok(typeof field.description === 'string' && field.description.length > 10, `${connector.name} ${part}.${path} has no description`);
          assert.ok(Array.isArray(field.examples) && field.examples.length > 0, `${connector.name} ${part}.${path} has no example`);
        }
      }
      assert.ok(connector.description.length > 20);
    });

    test(`${connector.name}: its docs page is generated from the schemas`, () => {
      const docs = connectorDocs(connector);
      assert.match(docs, new RegExp(`^# ${connector.name}\\n`));
      for (const [path] of schemaFields(connectorSpec(connector).config)) assert.ok(docs.includes(`\`${path}\``), `${path} is documented`);
    });
  }

  test('marks passwords as write-only secrets', () => {
    for (const name of ['postgres', 'mysql']) {
      const secrets = connectorSpec(findSourceConnector(name)).secrets as { properties: Record<string, Record<string, unknown>> };
      assert.equal(secrets.properties.password.writeOnly, true, name);
    }
  });

  test('config errors name the path of every fault without echoing values', () => {
    const postgres = findSourceConnector('postgres');
    assert.throws(
      () => parseConnectorInput(postgres.secretsSchema, { host: 'db', port: 'x', database: 'erp', user: 'u', password: 'hunter2', extra: 1 }, 'secrets'),
      (e: unknown) => e instanceof ConnectorError && e.code === 'config' && /secrets\.port: /.test(e.message) && /extra/.test(e.message) && !e.message.includes('hunter2'),
    );
    assert.deepEqual(parseConnectorInput(postgres.configSchema, {}, 'config'), { schemas: ['public'], queries: [], connectTimeoutMs: 10_000, statementTimeoutMs: 300_000 });
  });
});
