import { z } from 'zod';
import { PASSWORD_MAX_BYTES, ROLES } from '@tributary/security';

/** Field schemas shared by several routes' bodies. */

/** Also the tenant's topic segment (`tributary.<tenant>.<pipeline>`), hence the tight alphabet. */
export const TENANT_ID = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,62}$/, 'must be 2 to 63 lowercase letters, digits or "-", starting with a letter');

export const EMAIL = z.email('must be an email address').max(254);

export const PASSWORD = z
  .string()
  .min(12, 'must be at least 12 characters')
  .refine((p) => Buffer.byteLength(p, 'utf8') <= PASSWORD_MAX_BYTES, `must be at most ${PASSWORD_MAX_BYTES} bytes`);

export const ROLE = z.enum(ROLES);

export const DISPLAY_NAME = z.string().trim().min(1, 'must not be empty').max(200);
