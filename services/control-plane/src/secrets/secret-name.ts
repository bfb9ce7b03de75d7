import { z } from 'zod';

/** A secret's name: pipelines (`connection: { secret: acme-erp }`) and connections refer to it. */
export const SECRET_NAME = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,127}$/, 'must be 1 to 128 lowercase letters, digits, ".", "_" or "-"');
