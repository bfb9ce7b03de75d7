/**
 * `node services/tax-api-sandbox/src/main.ts` (through the workspace's TS loader) or the stack:
 * the sandbox needs no Kafka, so it bootstraps its own Nest app. Config from env, parsed once;
 * bad config exits 1 naming the variable; SIGTERM/SIGINT close the server cleanly.
 */
import { parseSandboxConfig, SandboxConfigError } from './sandbox-config';
import { startSandbox } from './start-sandbox';

export async function main(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let config;
  try {
    config = parseSandboxConfig(env);
  } catch (err) {
    if (!(err instanceof SandboxConfigError)) throw err;
    process.stderr.write(`tax-api-sandbox: bad configuration\n${err.message}\n`);
    return 1;
  }
  const running = await startSandbox(config);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      running.logger.info({ signal }, 'shutting down');
      resolve();
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  await running.close();
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err: Error) => {
      process.stderr.write(`tax-api-sandbox: ${err.message}\n`);
      process.exit(1);
    },
  );
}
