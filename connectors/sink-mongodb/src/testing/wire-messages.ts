import { BSON, type Document } from 'mongodb';

/**
 * The three MongoDB wire messages a modern driver exchanges with a server, server side
 * (https://www.mongodb.com/docs/manual/reference/mongodb-wire-protocol/):
 *
 *   MsgHeader { int32 messageLength; int32 requestID; int32 responseTo; int32 opCode; }
 *   OP_QUERY (2004) { MsgHeader; int32 flags; cstring fullCollectionName; int32 numberToSkip;
 *                     int32 numberToReturn; document query; [document returnFieldsSelector] }
 *   OP_REPLY (1)    { MsgHeader; int32 responseFlags; int64 cursorID; int32 startingFrom;
 *                     int32 numberReturned; document* documents }
 *   OP_MSG (2013)   { MsgHeader; uint32 flagBits; Sections[] sections; [uint32 checksum] }
 *     section kind 0: document body; kind 1: int32 size, cstring identifier, document* documents
 *
 * The driver opens every connection with a legacy `isMaster` in OP_QUERY (it cannot know the
 * server speaks OP_MSG before the handshake) and sends everything else as OP_MSG.
 */
export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_MSG = 2013;
const HEADER = 16;
const CHECKSUM_PRESENT = 1;

export interface WireRequest {
  readonly requestId: number;
  readonly opCode: number;
  /** The command: OP_MSG's body with each kind-1 sequence added as an array field; OP_QUERY's query. */
  readonly command: Document;
}

/** Takes whole messages off the front of `buffer`; returns them and what is left. */
export function readMessages(buffer: Buffer): { messages: WireRequest[]; rest: Buffer } {
  const messages: WireRequest[] = [];
  let offset = 0;
  while (buffer.length - offset >= HEADER) {
    const length = buffer.readInt32LE(offset);
    if (length < HEADER) throw new Error(`a wire message of ${length} bytes is shorter than its header`);
    if (buffer.length - offset < length) break;
    const message = buffer.subarray(offset, offset + length);
    messages.push(parseMessage(message));
    offset += length;
  }
  return { messages, rest: buffer.subarray(offset) };
}

function parseMessage(message: Buffer): WireRequest {
  const requestId = message.readInt32LE(4);
  const opCode = message.readInt32LE(12);
  if (opCode === OP_QUERY) return { requestId, opCode, command: parseQuery(message) };
  if (opCode === OP_MSG) return { requestId, opCode, command: parseMsg(message) };
  throw new Error(`opCode ${opCode} is not supported by this test server (only OP_QUERY and OP_MSG)`);
}

function parseQuery(message: Buffer): Document {
  const nameEnd = message.indexOf(0, HEADER + 4);
  const queryAt = nameEnd + 1 + 8;
  return BSON.deserialize(message.subarray(queryAt, queryAt + message.readInt32LE(queryAt)));
}

function parseMsg(message: Buffer): Document {
  const flags = message.readUInt32LE(HEADER);
  const end = message.length - (flags & CHECKSUM_PRESENT ? 4 : 0);
  let offset = HEADER + 4;
  let body: Document | undefined;
  const sequences: Record<string, Document[]> = {};
  while (offset < end) {
    const kind = message[offset++];
    if (kind === 0) {
      const size = message.readInt32LE(offset);
      body = BSON.deserialize(message.subarray(offset, offset + size));
      offset += size;
    } else if (kind === 1) {
      const size = message.readInt32LE(offset);
      const sectionEnd = offset + size;
      const nameEnd = message.indexOf(0, offset + 4);
      const name = message.toString('utf8', offset + 4, nameEnd);
      const documents: Document[] = [];
      for (let at = nameEnd + 1; at < sectionEnd; ) {
        const docSize = message.readInt32LE(at);
        documents.push(BSON.deserialize(message.subarray(at, at + docSize)));
        at += docSize;
      }
      sequences[name] = documents;
      offset = sectionEnd;
    } else {
      throw new Error(`OP_MSG section kind ${kind} is not defined`);
    }
  }
  if (body === undefined) throw new Error('an OP_MSG without a body section');
  return { ...body, ...sequences };
}

/** The reply to `request`, in the message kind it came in. */
export function encodeReply(request: WireRequest, replyId: number, reply: Document): Buffer {
  const doc = BSON.serialize(reply);
  if (request.opCode === OP_QUERY) {
    const head = Buffer.alloc(HEADER + 20);
    writeHeader(head, head.length + doc.length, replyId, request.requestId, OP_REPLY);
    head.writeInt32LE(0, HEADER); // responseFlags
    head.writeBigInt64LE(0n, HEADER + 4); // cursorID
    head.writeInt32LE(0, HEADER + 12); // startingFrom
    head.writeInt32LE(1, HEADER + 16); // numberReturned
    return Buffer.concat([head, doc]);
  }
  const head = Buffer.alloc(HEADER + 5);
  writeHeader(head, head.length + doc.length, replyId, request.requestId, OP_MSG);
  head.writeUInt32LE(0, HEADER); // flagBits
  head[HEADER + 4] = 0; // section kind 0
  return Buffer.concat([head, doc]);
}

function writeHeader(buffer: Buffer, length: number, requestId: number, responseTo: number, opCode: number): void {
  buffer.writeInt32LE(length, 0);
  buffer.writeInt32LE(requestId, 4);
  buffer.writeInt32LE(responseTo, 8);
  buffer.writeInt32LE(opCode, 12);
}
