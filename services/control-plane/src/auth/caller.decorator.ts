import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Principal } from './principal';

/** The request property the auth guard sets. */
export const PRINCIPAL = 'tributaryPrincipal';

/** The authenticated caller of this request. */
export const Caller = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest()[PRINCIPAL] as Principal | undefined;
  if (!principal) throw new Error('@Caller() used on a route without authentication');
  return principal;
});
