// @tributary/security: the platform's security primitives, framework-free (node:crypto and
// jose only). Secrets at rest, password hashes, access tokens, API keys, roles and redaction.
// This file is the library's only public API.

// Secrets at rest: AES-256-GCM under master keys with ids, rotated by resealing.
/** Reads `TRIBUTARY_MASTER_KEYS="k2:<base64>,k1:<base64>"` (current key first); throws KeyringError. */
export { parseKeyring, generateMasterKey, Keyring, KeyringError, MASTER_KEY_BYTES, type KeyringEntry } from './keyring';
/** seal/open bound to a context such as `<tenant>/<secretName>`; throws SecretOpenError. */
export { SecretBox, SecretOpenError, type SecretOpenFailure } from './secret-box';

// User passwords: scrypt in PHC string format.
export {
  hashPassword,
  verifyPassword,
  passwordNeedsRehash,
  PasswordPolicyError,
  PasswordHashFormatError,
  DEFAULT_SCRYPT_PARAMS,
  PASSWORD_MAX_BYTES,
  type ScryptParams,
} from './password-hash';

// Short-lived HS256 access tokens issued at login.
export {
  issueAccessToken,
  verifyAccessToken,
  AuthError,
  DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
  type AccessTokenSubject,
  type AccessClaims,
  type AccessTokenOptions,
  type AuthFailure,
} from './access-token';

// API keys: `trb_<keyId>_<secret>`, shown once, stored as SHA-256 of the secret.
export { generateApiKey, parseApiKeyToken, apiKeyMatches, ApiKeyFormatError, type GeneratedApiKey } from './api-key';

// Login sessions: `trs_<secret>` refresh tokens, stored as their SHA-256.
export { generateSessionToken, sessionTokenHash, type GeneratedSessionToken } from './session-token';

// Roles and the permission table.
export { ROLES, PERMISSIONS, ACTIONS, can, isRole, isAction, type Role, type Action } from './roles';

// Redaction for audit images and logs.
export { redact, redactText, isSecretKey, REDACTED, PINO_REDACT_PATHS } from './redact';
