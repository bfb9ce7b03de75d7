import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseCompatibilityLevel, startSchemaRegistry } from '@tributary/schema-registry';
import pino from 'pino';
import { UsageError } from '../cli-error';

export const registryHelp = `tributary registry: run the schema registry (Confluent Schema Registry's REST API, Avro) in the foreground

Usage: tributary registry [options]

Each option can also come from the environment variable named after it; a flag wins.

  --listen HOST:PORT        serve the REST API here (default 127.0.0.1:8081)      SCHEMA_REGISTRY_LISTEN
  --kafka HOST:PORT[,...]   Kafka bootstrap brokers (default 127.0.0.1:9092)      KAFKA_BROKERS
  --topic NAME              compacted topic holding the schemas (default _schemas)  SCHEMA_REGISTRY_TOPIC
  --replication-factor N    replicas if it creates the topic (default: min(3, brokers))
                                                                                  SCHEMA_REGISTRY_REPLICATION_FACTOR
  --compatibility LEVEL     level of subjects without their own (default BACKWARD): NONE, BACKWARD,
                            BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE
                                                                                  SCHEMA_REGISTRY_COMPATIBILITY
  --max-body-bytes N        largest request body; more is 413 (default 1048576)   SCHEMA_REGISTRY_MAX_BODY_BYTES
  --timeout-ms N            longest a write may wait on Kafka (default 10000)     SCHEMA_REGISTRY_TIMEOUT_MS
  --init-timeout-ms N       longest reading the topic at start may take (default 60000)
                                                                                  SCHEMA_REGISTRY_INIT_TIMEOUT_MS
  --kafka-tls               connect to Kafka over TLS                             KAFKA_TLS=true
  --kafka-tls-ca FILE       PEM file of the CA that signed the brokers' certificates  KAFKA_TLS_CA
  --kafka-sasl-username U   SASL/PLAIN user (the password only from KAFKA_SASL_PASSWORD)
                                                                                  KAFKA_SASL_USERNAME
  --log-level LEVEL         fatal|error|warn|info|debug (default info)            LOG_LEVEL
  -h, --help                this help

Several instances may share one topic: they agree on every id. Logs are JSON lines on stdout.
SIGTERM or SIGINT (Ctrl-C) stops it cleanly.`;

const OPTIONS = {
  listen: { env: 'SCHEMA_REGISTRY_LISTEN', fallback: '127.0.0.1:8081' },
  kafka: { env: 'KAFKA_BROKERS', fallback: '127.0.0.1:9092' },
  topic: { env: 'SCHEMA_REGISTRY_TOPIC', fallback: '_schemas' },
  'replication-factor': { env: 'SCHEMA_REGISTRY_REPLICATION_FACTOR', fallback: undefined },
  compatibility: { env: 'SCHEMA_REGISTRY_COMPATIBILITY', fallback: 'BACKWARD' },
  'max-body-bytes': { env: 'SCHEMA_REGISTRY_MAX_BODY_BYTES', fallback: '1048576' },
  'timeout-ms': { env: 'SCHEMA_REGISTRY_TIMEOUT_MS', fallback: '10000' },
  'init-timeout-ms': { env: 'SCHEMA_REGISTRY_INIT_TIMEOUT_MS', fallback: '60000' },
  'kafka-tls-ca': { env: 'KAFKA_TLS_CA', fallback: undefined },
  'kafka-sasl-username': { env: 'KAFKA_SASL_USERNAME', fallback: undefined },
  'log-level': { env: 'LOG_LEVEL', fallback: 'info' },
} as const;

type Name = keyof typeof OPTIONS;

/** A setting with where it came from, so a bad value is reported as the flag or the variable the user wrote. */
interface Setting {
  readonly value: string | undefined;
  /** Throws the right kind of error: a usage error for a flag, a plain one (exit 1) for the environment. */
  fail(problem: string): never;
}

export async function runRegistry(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      ...(Object.fromEntries(Object.keys(OPTIONS).map((name) => [name, { type: 'string' }])) as Record<Name, { type: 'string' }>),
      'kafka-tls': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(registryHelp);
    return 0;
  }
  const setting = (name: Name): Setting => {
    const flag = values[name] as string | undefined;
    const { env, fallback } = OPTIONS[name];
    const fromEnv = process.env[env];
    return {
      value: flag ?? (fromEnv === undefined || fromEnv === '' ? fallback : fromEnv),
      fail: (problem) => {
        if (flag !== undefined) throw new UsageError(`--${name} ${problem}, got '${flag}'`);
        throw new Error(`${env} ${problem}, got '${fromEnv}'`);
      },
    };
  };

  const listen = hostPort(setting('listen'));
  const brokersSetting = setting('kafka');
  const brokers = brokersSetting.value!.split(',').map((b) => b.trim()).filter((b) => b !== '');
  if (brokers.length === 0 || brokers.some((b) => !/^.+:\d{1,5}$/.test(b))) brokersSetting.fail('must be HOST:PORT[,HOST:PORT...]');
  const compatibilitySetting = setting('compatibility');
  const compatibilityLevel = parseCompatibilityLevel(compatibilitySetting.value);
  if (!compatibilityLevel) compatibilitySetting.fail('must be one of NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE');
  const levelSetting = setting('log-level');
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace'].includes(levelSetting.value!)) levelSetting.fail('must be one of fatal, error, warn, info, debug');
  const saslUser = setting('kafka-sasl-username').value;
  if (saslUser !== undefined && !process.env.KAFKA_SASL_PASSWORD) throw new Error('KAFKA_SASL_PASSWORD must be set when a SASL user is given');
  const tlsCa = setting('kafka-tls-ca').value;
  const tls = values['kafka-tls'] || process.env.KAFKA_TLS === 'true' || tlsCa !== undefined;

  const logger = pino({ name: 'schema-registry', level: levelSetting.value });
  const running = await startSchemaRegistry({
    host: listen.host,
    port: listen.port,
    brokers,
    topic: setting('topic').value,
    replicationFactor: wholeNumber(setting('replication-factor'), 1),
    compatibilityLevel,
    maxBodyBytes: wholeNumber(setting('max-body-bytes'), 1024),
    timeoutMs: wholeNumber(setting('timeout-ms'), 1),
    initTimeoutMs: wholeNumber(setting('init-timeout-ms'), 1),
    kafkaSsl: tls ? (tlsCa !== undefined ? { ca: [readFileSync(tlsCa, 'utf8')] } : true) : undefined,
    kafkaSasl: saslUser !== undefined ? { mechanism: 'plain', username: saslUser, password: process.env.KAFKA_SASL_PASSWORD! } : undefined,
    logger,
  });
  await new Promise<void>((done) => {
    const stop = (signal: string): void => {
      logger.info({ signal }, 'shutting down');
      running.stop().then(done, (err) => {
        logger.error({ err: (err as Error).message }, 'shutdown failed');
        done();
      });
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  return 0;
}

function hostPort(setting: Setting): { host: string; port: number } {
  const match = /^(.+):(\d{1,5})$/.exec(setting.value!);
  if (!match || Number(match[2]) > 65535) setting.fail('must be HOST:PORT (e.g. 127.0.0.1:8081)');
  return { host: match[1].replace(/^\[(.*)\]$/, '$1'), port: Number(match[2]) };
}

function wholeNumber(setting: Setting, min: number): number | undefined {
  if (setting.value === undefined) return undefined;
  const n = Number(setting.value);
  if (!Number.isSafeInteger(n) || n < min) setting.fail(`must be a whole number >= ${min}`);
  return n;
}
