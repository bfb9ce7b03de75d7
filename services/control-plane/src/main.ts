/**
 * `node services/control-plane/src/main.ts` (through the workspace's TS loader) or the CLI:
 * config from env, parsed once; bad config exits 1 naming the variable; SIGTERM/SIGINT close
 * the server and the database cleanly.
 */
import { ConfigError, parseControlPlaneConfig } from './config/control-plane-config';
import { localKeys } from './config/local-keys';
import { redactText } from '@tributary/security';
import { startControlPlane } from './app/control-plane';

export async function main(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let config;
  try {
    config = parseControlPlaneConfig(env, localKeys);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`control-plane: bad configuration\n${err.message}\n`);
    return 1;
  }
  const controlPlane = await startControlPlane({ config });
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      controlPlane.logger.info({ signal }, 'shutting down');
      resolve();
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  await controlPlane.close();
  return 0;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err: Error) => {
      process.stderr.write(`control-plane: ${redactText(err.message)}\n`);
      process.exit(1);
    },
  );
}
