import { can, type Action } from '@tributary/security';
import { ApiError } from '../common/api-error';
import type { Principal } from './principal';

/**
 * What a route demands of its caller. Every route declares one (the guard refuses routes that
 * do not), so a forgotten rule fails closed:
 * - `public`: no credentials (login, health, metrics, docs);
 * - `authenticated`: any valid credential; the handler scopes what it returns;
 * - `platform-admin`: platform operations across tenants;
 * - an Action: the caller's role must allow it, in the tenant named by the `:tenant` parameter.
 */
export type AccessRule = 'public' | 'authenticated' | 'platform-admin' | { readonly action: Action };

/**
 * Throws 403 unless `principal` may follow `rule` in `tenant` (the route's `:tenant`, if any).
 * Authentication failures (401) happen before this, in the guard.
 */
export function authorize(principal: Principal, rule: Exclude<AccessRule, 'public'>, tenant: string | undefined): void {
  if (principal.platformAdmin) return;
  if (rule === 'platform-admin') throw new ApiError('forbidden', 'only a platform admin may do this');
  if (tenant !== undefined && tenant !== principal.tenantId) {
    throw new ApiError('forbidden', `you may not act in tenant '${tenant}'`);
  }
  if (rule !== 'authenticated' && !can(principal.role, rule.action)) {
    throw new ApiError('forbidden', `role '${principal.role}' may not ${rule.action}`);
  }
}
