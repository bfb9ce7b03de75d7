/** A frame that does not follow the protocol grammar; the broker answers CORRUPT_MESSAGE or closes. */
export class ProtocolDecodeError extends Error {
  override readonly name = 'ProtocolDecodeError';
}
