// Strict base64url for the formats this library writes (sealed secrets, API keys). Node's own
// decoder is lenient: it skips characters outside the alphabet and ignores the spare low bits
// of the last character, so several texts decode to the same bytes. A format that promises
// "change any character and it no longer verifies" must accept only the one canonical text.

const BASE64URL = /^[A-Za-z0-9_-]*$/;

export function encodeBase64Url(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64url');
}

/** The bytes of `text` if it is canonical unpadded base64url, otherwise undefined. */
export function decodeBase64UrlStrict(text: string): Buffer | undefined {
  if (!BASE64URL.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : undefined;
}
