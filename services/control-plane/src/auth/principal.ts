import type { Role } from '@tributary/security';

/** Who is calling, as established by the auth guard from a JWT or an API key. */
export interface Principal {
  readonly kind: 'user' | 'api_key';
  /** The user's id or the API key's key id. */
  readonly id: string;
  /** The user's email or the API key's name: what an audit reader recognises. */
  readonly label: string;
  readonly tenantId: string;
  readonly role: Role;
  /** Users only: may act in any tenant. API keys are always confined to their tenant. */
  readonly platformAdmin: boolean;
}

/** Who did a change, for the audit log: a caller, or the control plane itself (bootstrap). */
export type Actor = Principal | { readonly kind: 'system'; readonly id: string; readonly label: string };
