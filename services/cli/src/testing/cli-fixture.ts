import { Writable } from 'node:stream';
import { startControlPlane, parseControlPlaneConfig, localKeys, type ControlPlane } from '@tributary/control-plane';
import { createScratchDatabase, type ScratchDatabase } from '@tributary/persistence';
import { startSchemaRegistry, type RunningSchemaRegistry } from '@tributary/schema-registry';
import { generateMasterKey } from '@tributary/security';
import { BrokerProcess, tempDir } from '@tributary/testing';
import { runCli, type CliCall, type CliOutcome } from './captured-terminal';

export const ROOT = { email: 'root@platform.test', password: 'root password 0123' };

/**
 * A real control plane on a free port over a scratch PostgreSQL database (with our broker and a
 * schema registry when `kafka` is asked for), its log lines captured, and `cli(...)` running
 * `tributary` commands in-process against it, each with its own streams and a home folder of
 * the fixture's (where `login` keeps credentials).
 */
export class CliFixture {
  readonly home = tempDir('cli-home');

  private constructor(
    /** Every line the control plane logged, raw. */
    readonly logLines: string[],
    readonly controlPlane: ControlPlane,
    private readonly scratch: ScratchDatabase,
    private readonly data: { path: string; remove(): void },
    private readonly kafka?: { broker: BrokerProcess; registry: RunningSchemaRegistry },
  ) {}

  static async start(options: { kafka?: boolean } = {}): Promise<CliFixture> {
    const scratch = await createScratchDatabase();
    const data = tempDir('cli-control-plane');
    let kafka: { broker: BrokerProcess; registry: RunningSchemaRegistry } | undefined;
    const logLines: string[] = [];
    try {
      if (options.kafka) {
        const broker = await BrokerProcess.start();
        const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
        kafka = { broker, registry: await startSchemaRegistry({ host: '127.0.0.1', port: 0, brokers: [broker.address], logger: quiet }).catch(async (err) => {
          await broker.dispose();
          throw err;
        }) };
      }
      const env = {
        HOST: '127.0.0.1',
        PORT: '0',
        DATABASE_URL: scratch.url,
        TRIBUTARY_DATA_DIR: data.path,
        TRIBUTARY_MASTER_KEYS: `k1:${generateMasterKey()}`,
        TRIBUTARY_JWT_SECRET: 'a test secret of more than thirty-two characters',
        TRIBUTARY_BOOTSTRAP_ADMIN_EMAIL: ROOT.email,
        TRIBUTARY_BOOTSTRAP_ADMIN_PASSWORD: ROOT.password,
        LOG_LEVEL: 'debug',
        ...(kafka && { KAFKA_BROKERS: kafka.broker.address, SCHEMA_REGISTRY_URL: kafka.registry.url }),
      };
      const logDestination = new Writable({
        write(chunk: Buffer, _encoding, done) {
          logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
          done();
        },
      });
      const controlPlane = await startControlPlane({ config: parseControlPlaneConfig(env, localKeys), logDestination });
      return new CliFixture(logLines, controlPlane, scratch, data, kafka);
    } catch (err) {
      await kafka?.registry.stop().catch(() => undefined);
      await kafka?.broker.dispose();
      await scratch.drop();
      data.remove();
      throw err;
    }
  }

  get url(): string {
    return this.controlPlane.url;
  }

  get dataSource() {
    return this.controlPlane.database.dataSource;
  }

  /** Runs `tributary ...args` in-process; the environment has HOME (the fixture's) and TRIBUTARY_URL, and what `env` adds. */
  cli(args: string[], call: CliCall = {}): Promise<CliOutcome> {
    return runCli(args, { ...call, env: { HOME: this.home.path, TRIBUTARY_URL: this.url, ...call.env } });
  }

  /** Logs in as the platform admin (the credential kept in the fixture's home). */
  async loginAsRoot(): Promise<void> {
    const outcome = await this.cli(['login', '--email', ROOT.email], { stdin: ROOT.password });
    if (outcome.code !== 0) throw new Error(`login failed: ${outcome.stderr}`);
  }

  async stop(): Promise<void> {
    try {
      await this.controlPlane.close();
    } finally {
      await this.kafka?.registry.stop().catch(() => undefined);
      await this.kafka?.broker.dispose();
      await this.scratch.drop();
      this.data.remove();
      this.home.remove();
    }
    const errors = this.logLines.filter((line) => (JSON.parse(line) as { level: number }).level >= 50);
    if (errors.length > 0) throw new Error(`the control plane logged errors:\n${errors.join('\n')}`);
  }
}
