import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiError } from '../common/api-error';
import type { HttpRequest } from '../common/http-types';
import { TenantDirectory } from '../tenants/tenant-directory';
import { authorize, type AccessRule } from './access-policy';
import { ACCESS_RULE } from './access.decorator';
import { PRINCIPAL } from './caller.decorator';
import { CredentialVerifier } from './credential-verifier';

/**
 * The one gate in front of every route (registered as APP_GUARD): authenticate (401), then
 * authorize against the route's declared rule and its `:tenant` parameter (403). Runs before
 * body validation, so an anonymous caller learns nothing from a 400.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(CredentialVerifier) private readonly verifier: CredentialVerifier,
    @Inject(TenantDirectory) private readonly tenants: TenantDirectory,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]);
    // Fail closed: a route someone forgot to annotate is nobody's route.
    if (rule === undefined) throw new Error(`route ${context.getClass().name}.${context.getHandler().name} declares no @Access rule`);
    if (rule === 'public') return true;
    const request = context.switchToHttp().getRequest<HttpRequest & { [PRINCIPAL]?: unknown }>();
    const principal = await this.verifier.verify({
      authorization: request.headers.authorization,
      'x-api-key': single(request.headers['x-api-key']),
    });
    request[PRINCIPAL] = principal;
    const tenant = request.params?.tenant;
    authorize(principal, rule, tenant);
    // Only a platform admin can name a tenant other than their own; others were refused above.
    if (tenant !== undefined && principal.platformAdmin && !(await this.tenants.exists(tenant))) {
      throw new ApiError('not-found', `no tenant '${tenant}'`);
    }
    return true;
  }
}

function single(header: string | string[] | undefined): string | undefined {
  return Array.isArray(header) ? header.join(',') : header;
}
