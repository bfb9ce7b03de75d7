import { ChildService } from './child-service';
import { freePort } from './free-port';

/** `tributary registry` as a child process over a broker: the schema registry the services use. */
export class RegistryProcess extends ChildService {
  static async start(brokerAddress: string): Promise<RegistryProcess> {
    const port = await freePort();
    const registry = new RegistryProcess({ label: 'registry', script: 'services/cli/src/main.ts', args: ['registry', '--listen', `127.0.0.1:${port}`, '--kafka', brokerAddress], port });
    await registry.restart();
    return registry;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }
}
