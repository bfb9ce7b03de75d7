import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Broker } from '@tributary/broker';
import pino from 'pino';
import { parseHostPort, parseWholeNumber, UsageError } from '../cli-error';

export const brokerHelp = `tributary broker: run the embedded Kafka-compatible broker in the foreground

Usage: tributary broker [options]

  --listen HOST:PORT        address to listen on (default 127.0.0.1:9092)
  --data DIR                data folder for topics, offsets and ids (default ./.tributary/broker)
  --advertise HOST:PORT     address clients are told to connect to (default: the listen address)
  --partitions N            partitions of auto-created topics (default 1)
  --no-auto-create          refuse Metadata requests for unknown topics instead of creating them
  --max-frame-bytes N       largest request accepted, Kafka's socket.request.max.bytes (default 104857600)
  --group-initial-rebalance-delay-ms N
                            wait for more members before a new group's first rebalance (default 3000)
  --group-min-session-timeout-ms N   (default 6000)
  --group-max-session-timeout-ms N   (default 1800000)
  --sasl-users FILE         turn SASL/PLAIN on; FILE is JSON {"user": "password", ...}
  --tls-cert FILE           serve TLS with this PEM certificate (needs --tls-key)
  --tls-key FILE            PEM private key for --tls-cert
  --log-level LEVEL         fatal|error|warn|info|debug (default info)
  -h, --help                this help

Logs are JSON lines on stdout. SIGTERM or SIGINT (Ctrl-C) stops it cleanly.`;

export async function runBroker(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    strict: true,
    options: {
      listen: { type: 'string', default: '127.0.0.1:9092' },
      data: { type: 'string', default: '.tributary/broker' },
      advertise: { type: 'string' },
      partitions: { type: 'string' },
      'no-auto-create': { type: 'boolean', default: false },
      'max-frame-bytes': { type: 'string' },
      'group-initial-rebalance-delay-ms': { type: 'string' },
      'group-min-session-timeout-ms': { type: 'string' },
      'group-max-session-timeout-ms': { type: 'string' },
      'sasl-users': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'log-level': { type: 'string', default: 'info' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(brokerHelp);
    return 0;
  }
  const listen = parseHostPort('listen', values.listen);
  const advertised = values.advertise ? parseHostPort('advertise', values.advertise) : undefined;
  if (!!values['tls-cert'] !== !!values['tls-key']) throw new UsageError('--tls-cert and --tls-key go together');
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace'].includes(values['log-level'])) {
    throw new UsageError(`--log-level must be one of fatal, error, warn, info, debug, got '${values['log-level']}'`);
  }
  const logger = pino({ name: 'broker', level: values['log-level'] });
  const broker = await Broker.start({
    host: listen.host,
    port: listen.port,
    dataDir: resolve(values.data),
    advertisedHost: advertised?.host,
    advertisedPort: advertised?.port,
    autoCreateTopics: !values['no-auto-create'],
    defaultPartitions: parseWholeNumber('partitions', values.partitions, 1, 1),
    maxFrameBytes: parseWholeNumber('max-frame-bytes', values['max-frame-bytes'], 104_857_600, 1024),
    groupInitialRebalanceDelayMs: parseWholeNumber('group-initial-rebalance-delay-ms', values['group-initial-rebalance-delay-ms'], 3000),
    groupMinSessionTimeoutMs: parseWholeNumber('group-min-session-timeout-ms', values['group-min-session-timeout-ms'], 6000, 1),
    groupMaxSessionTimeoutMs: parseWholeNumber('group-max-session-timeout-ms', values['group-max-session-timeout-ms'], 1_800_000, 1),
    saslPlainUsers: values['sasl-users'] ? readUsers(values['sasl-users']) : undefined,
    tls: values['tls-cert'] ? { cert: readFileSync(values['tls-cert']), key: readFileSync(values['tls-key']!) } : undefined,
    logger,
  });
  await new Promise<void>((done) => {
    const stop = (signal: string): void => {
      logger.info({ signal }, 'shutting down');
      broker.stop().then(done, (err) => {
        logger.error({ err: (err as Error).message }, 'shutdown failed');
        done();
      });
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
  return 0;
}

function readUsers(file: string): Record<string, string> {
  let users: unknown;
  try {
    users = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new UsageError(`--sasl-users ${file}: ${(err as Error).message}`);
  }
  if (!users || typeof users !== 'object' || !Object.values(users).every((v) => typeof v === 'string')) {
    throw new UsageError(`--sasl-users ${file}: expected a JSON object of user name to password strings`);
  }
  return users as Record<string, string>;
}
