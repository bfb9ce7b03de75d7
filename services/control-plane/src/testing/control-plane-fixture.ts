import { Writable } from 'node:stream';
import { createScratchDatabase, type ScratchDatabase } from '@tributary/persistence';
import { generateMasterKey } from '@tributary/security';
import { tempDir } from '@tributary/testing';
import { startControlPlane, type ControlPlane } from '../app/control-plane';
import { parseControlPlaneConfig } from '../config/control-plane-config';
import { localKeys } from '../config/local-keys';

export const PLATFORM_ADMIN = { email: 'root@platform.test', password: 'root password 0123' };

export interface Answer<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

async function launch(env: Record<string, string | undefined>, logLines: string[]): Promise<ControlPlane> {
  const logDestination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  return startControlPlane({ config: parseControlPlaneConfig(env, localKeys), logDestination });
}

/**
 * A control plane on a free port over a scratch PostgreSQL database, its log lines captured,
 * with the bootstrap platform admin. `env` overrides or adds variables.
 */
export class ControlPlaneFixture {
  /** Every log line written, raw, in order (across restarts). */
  readonly logLines: string[];
  /** Every answer body received through `call`, raw. */
  readonly answers: string[] = [];

  private constructor(
    public controlPlane: ControlPlane,
    private readonly scratch: ScratchDatabase | undefined,
    readonly data: { path: string; remove(): void },
    logLines: string[],
    private readonly baseEnv: Record<string, string>,
  ) {
    this.logLines = logLines;
  }

  static async start(env: Record<string, string | undefined> = {}, options: { embedded?: boolean } = {}): Promise<ControlPlaneFixture> {
    const scratch = options.embedded ? undefined : await createScratchDatabase();
    const data = tempDir('control-plane');
    const baseEnv: Record<string, string> = {
      HOST: '127.0.0.1',
      PORT: '0',
      ...(scratch ? { DATABASE_URL: scratch.url } : {}),
      TRIBUTARY_DATA_DIR: data.path,
      TRIBUTARY_MASTER_KEYS: `k1:${generateMasterKey()}`,
      TRIBUTARY_JWT_SECRET: 'a test secret of more than thirty-two characters',
      TRIBUTARY_BOOTSTRAP_ADMIN_EMAIL: PLATFORM_ADMIN.email,
      TRIBUTARY_BOOTSTRAP_ADMIN_PASSWORD: PLATFORM_ADMIN.password,
      LOG_LEVEL: 'debug',
    };
    const logLines: string[] = [];
    try {
      const controlPlane = await launch({ ...baseEnv, ...env }, logLines);
      return new ControlPlaneFixture(controlPlane, scratch, data, logLines, baseEnv);
    } catch (err) {
      await scratch?.drop();
      data.remove();
      throw err;
    }
  }

  /** Stops and starts again on the same database and data folder, with `env` changed. */
  async restart(env: Record<string, string | undefined> = {}): Promise<void> {
    await this.controlPlane.close();
    this.controlPlane = await launch({ ...this.baseEnv, ...env }, this.logLines);
  }

  get url(): string {
    return this.controlPlane.url;
  }

  /**
   * Stops and cleans up, then fails if the control plane logged an error: every failure a test
   * provokes must be an answer (4xx, 503), never an unexpected 500.
   */
  async stop(): Promise<void> {
    try {
      await this.controlPlane.close();
    } finally {
      await this.scratch?.drop();
      this.data.remove();
    }
    const errors = this.logLines.filter((line) => (JSON.parse(line) as { level: number }).level >= 50);
    if (errors.length > 0) throw new Error(`the control plane logged errors:\n${errors.join('\n')}`);
  }

  /** An HTTP request with optional credential (`token`: a JWT or an API key) and JSON body. */
  async call<T = Record<string, unknown>>(method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(this.url + path, {
      method,
      headers,
      body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
    });
    const text = await response.text();
    this.answers.push(text);
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON (metrics, docs): keep the text
    }
    return { status: response.status, headers: response.headers, body: body as T, text };
  }

  async login(email: string, password: string): Promise<string> {
    const answer = await this.call<{ accessToken: string }>('POST', '/auth/login', { body: { email, password } });
    if (answer.status !== 200) throw new Error(`login as ${email} answered ${answer.status}: ${answer.text}`);
    return answer.body.accessToken;
  }

  /** Creates tenant `id` with an admin `admin@<id>.test` and returns the admin's token. */
  async createTenant(rootToken: string, id: string): Promise<string> {
    const admin = { email: `admin@${id}.test`, password: `${id} admin password` };
    const answer = await this.call('POST', '/tenants', { token: rootToken, body: { id, displayName: id.toUpperCase(), admin } });
    if (answer.status !== 201) throw new Error(`creating tenant ${id} answered ${answer.status}: ${answer.text}`);
    return this.login(admin.email, admin.password);
  }
}
