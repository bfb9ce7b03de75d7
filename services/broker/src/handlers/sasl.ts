/**
 * SASL/PLAIN authentication (RFC 4616), off unless users are configured. Until a connection
 * authenticates, Kafka accepts only ApiVersions and SaslHandshake (then SaslAuthenticate
 * after a v1 handshake); anything else closes the connection (ILLEGAL_SASL_STATE).
 * See libs/kafka-protocol/src/requests/sasl-handshake/index.ts for the two framings.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import {
  apiVersions, errorCode, saslAuthenticate, saslHandshake, type SaslAuthenticateRequest, type SaslAuthenticateResponse,
  type SaslHandshakeRequest, type SaslHandshakeResponse,
} from '@tributary/kafka-protocol';
import type { ConnectionState } from '../request-context';

const MECHANISMS = ['PLAIN'];

export class SaslGate {
  private readonly failures = new WeakSet<ConnectionState>();

  /** `users`: user name → password; null turns SASL off. */
  constructor(private readonly users: ReadonlyMap<string, string> | null) {}

  get enabled(): boolean {
    return this.users !== null;
  }

  /** Why a request may not be served yet, or null when it may. */
  deny(apiKey: number, state: ConnectionState): string | null {
    if (state.authenticated) return null;
    if (apiKey === apiVersions.key) return null;
    if (apiKey === saslHandshake.key && !state.saslHandshake) return null;
    if (apiKey === saslAuthenticate.key && state.saslHandshake?.version === 1) return null;
    return `ILLEGAL_SASL_STATE: api ${apiKey} before SASL authentication completed`;
  }

  failed(state: ConnectionState): boolean {
    return this.failures.has(state);
  }

  handshake(req: SaslHandshakeRequest, state: ConnectionState, version: number): SaslHandshakeResponse {
    if (!this.enabled) return { errorCode: errorCode('ILLEGAL_SASL_STATE'), mechanisms: [] };
    if (!MECHANISMS.includes(req.mechanism)) {
      this.failures.add(state);
      return { errorCode: errorCode('UNSUPPORTED_SASL_MECHANISM'), mechanisms: MECHANISMS };
    }
    state.saslHandshake = { mechanism: req.mechanism, version };
    return { errorCode: 0, mechanisms: MECHANISMS };
  }

  authenticate(req: SaslAuthenticateRequest, state: ConnectionState): SaslAuthenticateResponse {
    if (this.verifyPlain(req.authBytes, state)) return { errorCode: 0, errorMessage: null, authBytes: Buffer.alloc(0), sessionLifetimeMs: 0 };
    this.failures.add(state);
    return { errorCode: errorCode('SASL_AUTHENTICATION_FAILED'), errorMessage: 'Authentication failed: Invalid username or password', authBytes: Buffer.alloc(0), sessionLifetimeMs: 0 };
  }

  /** v0 framing: a raw token in, a raw (empty) challenge out, or null to close. */
  authenticateRawToken(token: Buffer, state: ConnectionState): { challenge: Buffer | null } {
    return { challenge: this.verifyPlain(token, state) ? Buffer.alloc(0) : null };
  }

  private verifyPlain(token: Buffer, state: ConnectionState): boolean {
    const [, user, password] = token.toString('utf8').split('\0');
    const expected = user !== undefined ? this.users?.get(user) : undefined;
    if (expected === undefined || password === undefined) return false;
    // Compare digests so the comparison takes the same time whatever the lengths.
    const ok = timingSafeEqual(createHash('sha256').update(password).digest(), createHash('sha256').update(expected).digest());
    if (ok) {
      state.authenticated = true;
      state.principal = user;
    }
    return ok;
  }
}
