// Redaction for audit before/after images and log lines: secrets never appear in a log, an
// error or an API answer (DESIGN.md, Security). Two layers: values under secret-looking keys
// are replaced whole, and credentials embedded in any string (URL passwords, bearer tokens,
// JWTs, our API keys) are cut out of it.

export const REDACTED = '[REDACTED]';

// Matched against the key lowercased with everything but letters and digits removed, so
// `X-Api-Key`, `api_key` and `apiKey` are one key. Words that mean "secret" wherever they
// appear in a key:
const SECRET_WORDS = [
  'password', 'passwd', 'passphrase', 'credential', 'privatekey', 'authorization', 'apikey',
  'cookie', 'masterkey', 'secretkey', 'accesskey', 'signingkey', 'clientsecret', 'sessionid',
];
// Words that mean "secret" only at the end: `secret` and `accessToken` are, but
// `secretName`, `tokenUrl` and `tokenizer` are not, and those names are what an audit is for.
const SECRET_ENDINGS = ['secret', 'secrets', 'token', 'tokens', 'pwd'];

export function isSecretKey(key: string): boolean {
  const normalized = key.toLowerCase().replace(/[^a-z0-9]/g, '');
  return SECRET_WORDS.some((word) => normalized.includes(word)) || SECRET_ENDINGS.some((end) => normalized.endsWith(end));
}

type Replacer = (match: string, ...groups: string[]) => string;

const TEXT_RULES: readonly [RegExp, Replacer][] = [
  // scheme://user:password@host: keep the user, drop the password.
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:/?#@]*:)[^\s/?#@]*@/gi, (_, head) => `${head}${REDACTED}@`],
  // Authorization header values written into text.
  [/\b(Bearer)\s+[A-Za-z0-9._~+/-]{8,}=*/gi, (_, scheme) => `${scheme} ${REDACTED}`],
  // Only when it decodes to user:password, so "Basic authentication" in prose survives.
  [/\bBasic\s+([A-Za-z0-9+/]+={0,2})/g, (match, encoded) =>
    Buffer.from(encoded, 'base64').toString('utf8').includes(':') ? `Basic ${REDACTED}` : match],
  // A JWT: base64url of '{"' opens header and payload.
  [/\beyJ[A-Za-z0-9_-]*\.eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*/g, () => REDACTED],
  // Our API keys (api-key.ts): keep the public key id, which says which key leaked.
  [/\btrb_([0-9a-f]{16})_[A-Za-z0-9_-]+/g, (_, keyId) => `trb_${keyId}_${REDACTED}`],
  // A login session's refresh token (session-token.ts).
  [/\btrs_[A-Za-z0-9_-]{43}/g, () => `trs_${REDACTED}`],
];

/** `text` with embedded credentials (URL passwords, bearer tokens, JWTs, API keys) replaced. */
export function redactText(text: string): string {
  return TEXT_RULES.reduce((result, [pattern, replacement]) => result.replace(pattern, replacement), text);
}

/**
 * A deep copy of `value` with every value under a secret-looking key replaced by '[REDACTED]'
 * and credentials cut out of every string. Objects with toJSON are copied as they would be
 * serialised; class instances and errors become plain objects; cycles become '[Circular]'.
 * The input is never modified.
 */
export function redact(value: unknown): unknown {
  return copy(value, new Set());
}

function copy(value: unknown, ancestors: Set<object>): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (ancestors.has(value)) return '[Circular]';
  if (value instanceof Date) return new Date(value.getTime());
  if (Buffer.isBuffer(value)) return Buffer.from(value);
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return structuredClone(value);
  ancestors.add(value);
  try {
    return copyContainer(value, ancestors);
  } finally {
    ancestors.delete(value);
  }
}

function copyEntry(key: unknown, value: unknown, ancestors: Set<object>): unknown {
  return typeof key === 'string' && isSecretKey(key) && value !== undefined && value !== null ? REDACTED : copy(value, ancestors);
}

function copyContainer(value: object, ancestors: Set<object>): unknown {
  if (Array.isArray(value)) return value.map((item) => copy(item, ancestors));
  if (value instanceof Map) {
    return new Map([...value].map(([key, item]) => [key, copyEntry(key, item, ancestors)]));
  }
  if (value instanceof Set) return new Set([...value].map((item) => copy(item, ancestors)));
  const prototype = Object.getPrototypeOf(value);
  const plain = prototype === Object.prototype || prototype === null;
  const toJSON = (value as { toJSON?: unknown }).toJSON;
  if (!plain && typeof toJSON === 'function') return copy(toJSON.call(value), ancestors);
  const result: Record<string, unknown> = {};
  if (value instanceof Error) {
    // name, message and stack are not enumerable; a stack repeats the message, so it is redacted too.
    result.name = value.name;
    result.message = redactText(value.message);
    if (value.stack) result.stack = redactText(value.stack);
  }
  for (const [key, item] of Object.entries(value)) result[key] = copyEntry(key, item, ancestors);
  return result;
}

// pino's redact option takes literal paths, not patterns, so this lists the usual spellings of
// the keys isSecretKey matches, at the top level and up to three objects deep ("*" is one
// level; arrays count as a level too).
const PINO_SECRET_KEYS = [
  'password', 'passwd', 'passphrase', 'secret', 'secrets', 'clientSecret', 'client_secret',
  'token', 'accessToken', 'access_token', 'refreshToken', 'refresh_token', 'idToken', 'id_token',
  'apiKey', 'api_key', 'x-api-key', 'authorization', 'Authorization', 'cookie', 'set-cookie',
  'credentials', 'privateKey', 'private_key', 'masterKey', 'secretAccessKey', 'sessionToken',
];
const PINO_DEPTH = 3;

function pinoPath(depth: number, key: string): string {
  const wildcards = Array.from({ length: depth }, () => '*').join('.');
  if (!/^[A-Za-z_$][\w$]*$/.test(key)) return `${wildcards}["${key}"]`;
  return depth === 0 ? key : `${wildcards}.${key}`;
}

/** For `pino({ redact: { paths: PINO_REDACT_PATHS, censor: REDACTED } })`. */
export const PINO_REDACT_PATHS: string[] = PINO_SECRET_KEYS.flatMap((key) =>
  Array.from({ length: PINO_DEPTH + 1 }, (_, depth) => pinoPath(depth, key)),
);
