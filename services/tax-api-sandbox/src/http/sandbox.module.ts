import { Module, type DynamicModule } from '@nestjs/common';
import type { TaxSandbox } from '../tax-sandbox';
import { AdminController } from './admin.controller';
import { CalculateController } from './calculate.controller';
import { HealthController } from './health.controller';
import { TAX_SANDBOX } from './sandbox-tokens';

/** The sandbox's HTTP shell: TAXMAN's route, the knobs and stats, health. */
@Module({})
export class SandboxModule {
  static register(sandbox: TaxSandbox): DynamicModule {
    return {
      module: SandboxModule,
      controllers: [CalculateController, AdminController, HealthController],
      providers: [{ provide: TAX_SANDBOX, useValue: sandbox }],
    };
  }
}
