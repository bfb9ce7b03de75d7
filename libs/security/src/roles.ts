// Roles and what each may do inside its own tenant. Tenant scoping is not here: every check
// is "can(role, action)" AND "the resource belongs to the caller's tenant", unless the caller
// is a platform admin (a flag on the user, not a role) who may act in any tenant.

export const ROLES = ['admin', 'engineer', 'operator', 'customer'] as const;
export type Role = (typeof ROLES)[number];

const ALL: readonly Role[] = ROLES;
const BUILDERS: readonly Role[] = ['admin', 'engineer'];
const RUNNERS: readonly Role[] = ['admin', 'engineer', 'operator'];
const ADMIN: readonly Role[] = ['admin'];

/**
 * The one permission table: action -> roles allowed. admin: everything in its tenant;
 * engineer: builds connections, secrets and pipelines and runs them; operator: runs, schedules,
 * pauses, replays and reads; customer: reads its tenant's runs and results.
 */
export const PERMISSIONS = {
  'tenant.read': ALL,
  'tenant.manage': ADMIN,
  'user.manage': ADMIN,
  'apikey.manage': ADMIN,
  'audit.read': ADMIN,
  'secret.write': BUILDERS,
  // Names only: secret values are never readable through the API by anyone.
  'secret.list': RUNNERS,
  'connection.manage': BUILDERS,
  'connection.check': RUNNERS,
  'pipeline.read': RUNNERS,
  'pipeline.apply': BUILDERS,
  'pipeline.delete': BUILDERS,
  'pipeline.pause': RUNNERS,
  'schedule.manage': RUNNERS,
  'run.start': RUNNERS,
  'run.cancel': RUNNERS,
  'run.read': ALL,
  'results.read': ALL,
  replay: RUNNERS,
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;
export const ACTIONS = Object.keys(PERMISSIONS) as readonly Action[];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function isAction(value: unknown): value is Action {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(PERMISSIONS, value);
}

/** Whether `role` may perform `action` in its own tenant. Unknown roles or actions: false. */
export function can(role: Role, action: Action): boolean {
  if (!isRole(role) || !isAction(action)) return false;
  return (PERMISSIONS[action] as readonly Role[]).includes(role);
}
