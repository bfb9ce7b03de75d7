import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import type { AccessRule } from './access-policy';

export const ACCESS_RULE = 'tributary:access-rule';

/** Declares who may call a route (see AccessRule); read by the auth guard. */
export function Access(rule: AccessRule): MethodDecorator & ClassDecorator {
  if (rule === 'public') return SetMetadata(ACCESS_RULE, rule);
  return applyDecorators(SetMetadata(ACCESS_RULE, rule), ApiBearerAuth(), ApiSecurity('api-key'));
}
