/**
 * Close codes the gateway uses (4000-4999 are the application's, RFC 6455 section 7.4.2), each
 * with a reason a person can act on. Reasons stay under the protocol's 123 bytes.
 */
export const CLOSE = {
  /** The client read too slowly: its queue passed the limit. Reconnect with the last offsets seen. */
  slowConsumer: { code: 4008, reason: (bytes: number) => `slow consumer: over ${bytes} bytes of results waiting; reconnect with your last offsets` },
  /** No credential within the time allowed, or a bad one. */
  unauthenticated: { code: 4401, reason: (why: string) => `unauthenticated: ${why}`.slice(0, 120) },
  /** The gateway is stopping; reconnect (to another instance) with the last offsets seen. */
  goingAway: { code: 1001, reason: () => 'the gateway is shutting down; reconnect with your last offsets' },
} as const;
